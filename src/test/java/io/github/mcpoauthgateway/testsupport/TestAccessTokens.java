package io.github.mcpoauthgateway.testsupport;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Builds signed access tokens shaped like Amazon Cognito's, so a test changes only the
 * claim it is about: {@code TestAccessTokens.cognito().claim("token_use", "id").sign()}.
 */
public final class TestAccessTokens {

	public static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1";

	public static final String RESOURCE = "https://mcp.example.test/mcp";

	public static final String CLIENT_ID = "5example1client2id3abc";

	public static final String TOOLS_SCOPE = "mcp:tools";

	public static final String ADMIN_SCOPE = "mcp:admin";

	private TestAccessTokens() {
	}

	/**
	 * An access token for user {@code alice} of the test pool, valid for an hour, without
	 * {@code aud} (as Cognito issues it without resource binding).
	 * @return a builder
	 */
	public static Builder cognito() {
		Instant now = Instant.now();
		return new Builder().claim("iss", ISSUER)
			.claim("sub", "2f0c6a5e-1b7d-4c39-9c55-alice0000001")
			.claim("token_use", "access")
			.claim("client_id", CLIENT_ID)
			.claim("scope", TOOLS_SCOPE)
			.claim("username", "alice")
			.claim("cognito:groups", List.of("users"))
			.claim("jti", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("iat", now.getEpochSecond())
			.claim("exp", now.plusSeconds(3600).getEpochSecond());
	}

	/**
	 * Builds one token.
	 */
	public static final class Builder {

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private RSAKey key = TestKeys.DEFAULT;

		private String keyId;

		public Builder claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		public Builder without(String name) {
			this.claims.remove(name);
			return this;
		}

		public Builder subject(String subject) {
			return claim("sub", subject);
		}

		/**
		 * Sets the expiry, and the issue time an hour before it.
		 * @param instant when the token expires
		 * @return this builder
		 */
		public Builder expiresAt(Instant instant) {
			claim("iat", instant.minusSeconds(3600).getEpochSecond());
			claim("auth_time", instant.minusSeconds(3600).getEpochSecond());
			return claim("exp", instant.getEpochSecond());
		}

		public Builder signedWith(RSAKey key) {
			this.key = key;
			return this;
		}

		/**
		 * Names another key id in the header than the signing key's.
		 * @param keyId the kid header
		 * @return this builder
		 */
		public Builder keyId(String keyId) {
			this.keyId = keyId;
			return this;
		}

		public JWTClaimsSet claimsSet() {
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
			this.claims.forEach((name, value) -> {
				if (List.of("exp", "iat", "nbf").contains(name) && value instanceof Long seconds) {
					builder.claim(name, Date.from(Instant.ofEpochSecond(seconds)));
				}
				else {
					builder.claim(name, value);
				}
			});
			return builder.build();
		}

		public String sign() {
			String kid = (this.keyId != null) ? this.keyId : this.key.getKeyID();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claimsSet());
			try {
				jwt.sign(new RSASSASigner(this.key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jwt.serialize();
		}

	}

}
