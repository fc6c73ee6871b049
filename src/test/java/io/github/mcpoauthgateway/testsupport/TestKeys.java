package io.github.mcpoauthgateway.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * RSA signing keys for tests, generated locally; never leave the JVM.
 */
public final class TestKeys {

	/** The key the shared JWK Set publishes and tokens are signed with by default. */
	public static final RSAKey DEFAULT = generate("test-key-1");

	/** A key that no JWK Set publishes. */
	public static final RSAKey UNPUBLISHED = generate("test-key-unpublished");

	private TestKeys() {
	}

	public static RSAKey generate(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
