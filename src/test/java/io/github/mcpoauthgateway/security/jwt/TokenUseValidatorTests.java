package io.github.mcpoauthgateway.security.jwt;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import static org.assertj.core.api.Assertions.assertThat;

class TokenUseValidatorTests {

	private final TokenUseValidator validator = new TokenUseValidator();

	@Test
	void validateWhenAccessTokenThenSuccess() {
		assertThat(this.validator.validate(TestJwts.accessToken().build()).hasErrors()).isFalse();
	}

	@Test
	void validateWhenIdTokenThenInvalidToken() {
		OAuth2TokenValidatorResult result = this.validator
			.validate(TestJwts.accessToken().claim("token_use", "id").build());
		assertThat(result.getErrors()).extracting(OAuth2Error::getErrorCode, OAuth2Error::getDescription)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("invalid_token", "The token is not an access token"));
	}

	@Test
	void validateWhenTokenUseMissingThenInvalidToken() {
		assertThat(this.validator.validate(TestJwts.accessToken().claims((c) -> c.remove("token_use")).build())
			.hasErrors()).isTrue();
	}

	@Test
	void validateWhenTokenUseIsNotAStringThenInvalidToken() {
		assertThat(this.validator.validate(TestJwts.accessToken().claim("token_use", new String[] { "access" }).build())
			.hasErrors()).isTrue();
	}

	@Test
	void validateWhenTokenUseDiffersInCaseThenInvalidToken() {
		assertThat(this.validator.validate(TestJwts.accessToken().claim("token_use", "ACCESS").build()).hasErrors())
			.isTrue();
	}

}
