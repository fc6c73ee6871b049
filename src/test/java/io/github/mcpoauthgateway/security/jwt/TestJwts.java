package io.github.mcpoauthgateway.security.jwt;

import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Decoded {@link Jwt}s with Cognito access token claims, for validator unit tests.
 */
final class TestJwts {

	private TestJwts() {
	}

	static Jwt.Builder accessToken() {
		Instant now = Instant.now();
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.header("kid", "test-key-1")
			.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1")
			.subject("alice-sub")
			.claim("token_use", "access")
			.claim("client_id", "allowed-client")
			.claim("scope", "mcp:tools")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(3600));
	}

}
