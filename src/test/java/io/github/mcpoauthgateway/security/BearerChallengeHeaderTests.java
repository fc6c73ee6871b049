package io.github.mcpoauthgateway.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerChallengeHeaderTests {

	@Test
	void ofWhenNoErrorThenResourceMetadataAndScope() {
		assertThat(BearerChallengeHeader
			.of(null, null, "https://x/.well-known/oauth-protected-resource/mcp", List.of("a", "b"))).isEqualTo(
					"Bearer resource_metadata=\"https://x/.well-known/oauth-protected-resource/mcp\", scope=\"a b\"");
	}

	@Test
	void ofWhenNoScopesThenScopeOmitted() {
		assertThat(BearerChallengeHeader.of("invalid_token", "Expired", "https://x/m", List.of())).isEqualTo(
				"Bearer error=\"invalid_token\", error_description=\"Expired\", resource_metadata=\"https://x/m\"");
	}

	@Test
	void ofWhenDescriptionHasQuotesBackslashesAndControlCharactersThenRemoved() {
		assertThat(BearerChallengeHeader.of("invalid_token", "a\"b\\c\r\nd\u00e9", "https://x/m", List.of()))
			.isEqualTo("Bearer error=\"invalid_token\", error_description=\"abcd\", resource_metadata=\"https://x/m\"");
	}

}
