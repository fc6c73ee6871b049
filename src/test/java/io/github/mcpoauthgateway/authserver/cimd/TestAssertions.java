package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauthgateway.testsupport.TestKeys;

/**
 * Client assertions (RFC 7523) signed with locally generated keys that never leave the
 * JVM.
 */
final class TestAssertions {

	/** The key a test client publishes. */
	static final RSAKey KEY = TestKeys.generate("cimd-client-key");

	/** A key no client publishes. */
	static final RSAKey UNPUBLISHED_KEY = TestKeys.generate("cimd-unpublished-key");

	private TestAssertions() {
	}

	/**
	 * Claims of a valid assertion: {@code iss} and {@code sub} the client, one minute to
	 * live, a fresh {@code jti}.
	 */
	static JWTClaimsSet.Builder claims(String clientId, String audience, Instant now) {
		return new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(audience)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
			.jwtID(UUID.randomUUID().toString());
	}

	static String sign(JWTClaimsSet claims, RSAKey key) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
