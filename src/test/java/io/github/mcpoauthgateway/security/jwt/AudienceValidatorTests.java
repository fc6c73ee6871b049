package io.github.mcpoauthgateway.security.jwt;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AudienceValidatorTests {

	private static final String RESOURCE = "https://mcp.example.test/mcp";

	private final AudienceValidator validator = new AudienceValidator(RESOURCE, Set.of("allowed-client"));

	private List<String> errors(Jwt jwt) {
		return this.validator.validate(jwt).getErrors().stream().map(OAuth2Error::getDescription).toList();
	}

	@Test
	void validateWhenNoAudienceAndAllowedClientThenSuccess() {
		assertThat(errors(TestJwts.accessToken().build())).isEmpty();
	}

	@Test
	void validateWhenNoAudienceAndOtherClientThenInvalid() {
		assertThat(errors(TestJwts.accessToken().claim("client_id", "other-client").build()))
			.containsExactly("The token has no audience and its client is not allowed");
	}

	@Test
	void validateWhenNoAudienceAndNoClientIdThenInvalid() {
		assertThat(errors(TestJwts.accessToken().claims((c) -> c.remove("client_id")).build()))
			.containsExactly("The token has no audience and its client is not allowed");
	}

	@Test
	void validateWhenAudienceIsResourceThenSuccessWhateverTheClient() {
		assertThat(errors(TestJwts.accessToken().audience(List.of(RESOURCE)).claim("client_id", "other").build()))
			.isEmpty();
	}

	@Test
	void validateWhenAudienceListsResourceAmongOthersThenSuccess() {
		assertThat(errors(TestJwts.accessToken().audience(List.of("https://other.example/api", RESOURCE)).build()))
			.isEmpty();
	}

	@Test
	void validateWhenAudienceIsAnotherResourceAndClientAllowedThenInvalid() {
		assertThat(errors(TestJwts.accessToken().audience(List.of("https://other.example/mcp")).build()))
			.containsExactly("The token was issued for another resource");
	}

	@Test
	void validateWhenAudienceIsClientIdAsInIdTokensThenInvalid() {
		assertThat(errors(TestJwts.accessToken().audience(List.of("allowed-client")).build()))
			.containsExactly("The token was issued for another resource");
	}

	@Test
	void validateWhenNoAllowedClientsAndNoAudienceThenInvalid() {
		AudienceValidator strict = new AudienceValidator(RESOURCE, Set.of());
		assertThat(strict.validate(TestJwts.accessToken().build()).hasErrors()).isTrue();
	}

	@Test
	void validateWhenEnforcedAndAudienceIsResourceButClientNotAllowedThenInvalid() {
		AudienceValidator enforced = new AudienceValidator(RESOURCE, Set.of("allowed-client"), true, null);
		assertThat(enforced
			.validate(TestJwts.accessToken().audience(List.of(RESOURCE)).claim("client_id", "other-pool-app").build())
			.getErrors()).extracting(OAuth2Error::getDescription).containsExactly("The token's client is not allowed");
	}

	@Test
	void validateWhenEnforcedAndAudienceIsResourceAndClientAllowedThenSuccess() {
		AudienceValidator enforced = new AudienceValidator(RESOURCE, Set.of("allowed-client"), true, null);
		assertThat(enforced.validate(TestJwts.accessToken().audience(List.of(RESOURCE)).build()).hasErrors()).isFalse();
	}

	@Test
	void validateWhenEnforcedAndTokenFromExemptIssuerThenClientNotChecked() {
		AudienceValidator enforced = new AudienceValidator(RESOURCE, Set.of("allowed-client"), true,
				"https://bridge.example.test");
		assertThat(enforced
			.validate(TestJwts.accessToken()
				.issuer("https://bridge.example.test")
				.audience(List.of(RESOURCE))
				.claim("client_id", "self-registered")
				.build())
			.hasErrors()).isFalse();
		assertThat(enforced
			.validate(TestJwts.accessToken().audience(List.of(RESOURCE)).claim("client_id", "self-registered").build())
			.hasErrors()).isTrue();
	}

	@Test
	void constructWhenResourceEmptyThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AudienceValidator("", Set.of()));
	}

}
