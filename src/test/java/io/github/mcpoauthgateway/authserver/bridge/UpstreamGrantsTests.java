package io.github.mcpoauthgateway.authserver.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Cognito tokens behind bridge grants: refreshed at every bridge refresh, refused
 * when Cognito refuses, kept valid through an outage, rotated, bounded, encrypted, in the
 * database the replicas share (here the embedded one).
 */
class UpstreamGrantsTests {

	static final ClientRegistration COGNITO = ClientRegistration.withRegistrationId("cognito")
		.clientId("bridge")
		.clientSecret("secret")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("https://mcp.example.test/login/oauth2/code/cognito")
		.authorizationUri("https://auth.example.test/oauth2/authorize")
		.tokenUri("https://auth.example.test/oauth2/token")
		.build();

	final List<String> refreshTokensSent = new ArrayList<>();

	OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> answering(String newRefreshToken) {
		return (request) -> {
			this.refreshTokensSent.add(request.getRefreshToken().getTokenValue());
			OAuth2AccessTokenResponse.Builder response = OAuth2AccessTokenResponse.withToken("new-access")
				.tokenType(OAuth2AccessToken.TokenType.BEARER)
				.expiresIn(3600);
			if (newRefreshToken != null) {
				response.refreshToken(newRefreshToken);
			}
			return response.build();
		};
	}

	UpstreamGrants grants(OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> client, int max) {
		return new UpstreamGrants(TestDatabases.h2(), TokenCipher.random(), () -> COGNITO, client, max,
				Duration.ofDays(30), Clock.systemUTC());
	}

	static OAuth2AccessToken access() {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", Instant.now(),
				Instant.now().plusSeconds(3600), Set.of("openid"));
	}

	@Test
	void confirmWhenCognitoRotatesRefreshTokenThenNextRefreshSendsNewOne() {
		UpstreamGrants grants = grants(answering("rotated"), 10);
		grants.save("g1", access(), new OAuth2RefreshToken("original", Instant.now()));
		grants.confirm("g1");
		grants.confirm("g1");
		assertThat(this.refreshTokensSent).containsExactly("original", "rotated");
	}

	@Test
	void confirmWhenCognitoRefusesThenInvalidGrantAndGrantForgotten() {
		UpstreamGrants grants = grants((request) -> {
			throw new OAuth2AuthorizationException(
					new OAuth2Error("invalid_grant", "Refresh Token has been revoked", null));
		}, 10);
		grants.save("g1", access(), new OAuth2RefreshToken("original", Instant.now()));
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> grants.confirm("g1"))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).doesNotContain("Refresh Token"));
		assertThat(grants.size()).isZero();
	}

	@Test
	void confirmWhenCognitoUnreachableThenGrantStaysValid() {
		UpstreamGrants grants = grants((request) -> {
			throw new OAuth2AuthorizationException(
					new OAuth2Error("invalid_token_response", "Connection refused", null));
		}, 10);
		grants.save("g1", access(), new OAuth2RefreshToken("original", Instant.now()));
		grants.confirm("g1");
		assertThat(grants.size()).isEqualTo(1);
	}

	@Test
	void confirmWhenGrantUnknownThenInvalidGrant() {
		UpstreamGrants grants = grants(answering(null), 10);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> grants.confirm("nope"))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
	}

	@Test
	void saveWhenOverTheBoundThenOldestForgotten() {
		UpstreamGrants grants = grants(answering(null), 2);
		grants.save("g1", access(), new OAuth2RefreshToken("r1", Instant.now()));
		grants.save("g2", access(), new OAuth2RefreshToken("r2", Instant.now()));
		grants.save("g3", access(), new OAuth2RefreshToken("r3", Instant.now()));
		assertThat(grants.size()).isEqualTo(2);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> grants.confirm("g1"));
		grants.confirm("g3");
		assertThat(this.refreshTokensSent).containsExactly("r3");
	}

	@Test
	void encryptWhenSameTokenTwiceThenDifferentCiphertextsThatDecryptBack() {
		TokenCipher cipher = TokenCipher.random();
		byte[] first = cipher.encrypt("refresh-token-value");
		byte[] second = cipher.encrypt("refresh-token-value");
		assertThat(first).isNotEqualTo(second);
		assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("refresh-token");
		assertThat(cipher.decrypt(first)).isEqualTo("refresh-token-value");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> TokenCipher.random().decrypt(first));
	}

}
