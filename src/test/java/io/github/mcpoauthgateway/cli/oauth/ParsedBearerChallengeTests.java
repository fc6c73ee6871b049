package io.github.mcpoauthgateway.cli.oauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedBearerChallengeTests {

	@Test
	void parseWhenQuotedParametersThenAllRead() {
		ParsedBearerChallenge challenge = ParsedBearerChallenge.parse(
				"Bearer error=\"insufficient_scope\", scope=\"mcp:tools mcp:admin\", resource_metadata=\"https://x/.well-known/oauth-protected-resource/mcp\"");
		assertThat(challenge).isNotNull();
		assertThat(challenge.error()).isEqualTo("insufficient_scope");
		assertThat(challenge.scope()).isEqualTo("mcp:tools mcp:admin");
		assertThat(challenge.resourceMetadata()).isEqualTo("https://x/.well-known/oauth-protected-resource/mcp");
	}

	@Test
	void parseWhenSchemeInOtherCaseAndTokenValuesThenRead() {
		ParsedBearerChallenge challenge = ParsedBearerChallenge.parse("bearer realm=example, error=invalid_token");
		assertThat(challenge.parameters()).containsEntry("realm", "example").containsEntry("error", "invalid_token");
	}

	@Test
	void parseWhenEscapedQuoteInValueThenUnescaped() {
		assertThat(ParsedBearerChallenge.parse("Bearer error_description=\"say \\\"hi\\\"\"").parameters())
			.containsEntry("error_description", "say \"hi\"");
	}

	@Test
	void parseWhenOnlyOtherSchemesThenNull() {
		assertThat(ParsedBearerChallenge.parse("Basic realm=\"x\"")).isNull();
		assertThat(ParsedBearerChallenge.parse(null)).isNull();
	}

	@Test
	void parseWhenBearerWithoutParametersThenEmpty() {
		assertThat(ParsedBearerChallenge.parse("Bearer").parameters()).isEmpty();
	}

}
