package io.github.mcpoauthgateway.authserver;

import java.text.ParseException;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The keys that sign this server's tokens. The first key of the set signs; every key is
 * published, so a key can be rotated in (published before it signs) and out (kept
 * published until the tokens it signed have expired). Every replica is given the same
 * set, so each one's JWK Set is the same and accepts the others' tokens; during a rolling
 * change of which key is first, both keys are published everywhere.
 */
public final class SigningKeys {

	private final JWKSource<SecurityContext> published;

	private final JWKSource<SecurityContext> signing;

	private final String signingKeyId;

	private SigningKeys(JWKSet keys) {
		RSAKey first = (RSAKey) keys.getKeys().get(0);
		this.published = new ImmutableJWKSet<>(keys);
		this.signing = new ImmutableJWKSet<>(new JWKSet(first));
		this.signingKeyId = first.getKeyID();
	}

	/**
	 * A fresh key, for development: tokens from an earlier run are refused, as they would
	 * be after a rotation.
	 * @return the keys
	 */
	public static SigningKeys generated() {
		try {
			return new SigningKeys(new JWKSet(new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA key", ex);
		}
	}

	/**
	 * Keys from configuration.
	 * @param jwkSet a JWK Set with RSA private keys, each with a key id
	 * @return the keys
	 * @throws IllegalArgumentException saying what is wrong, without any key material
	 */
	public static SigningKeys parse(String jwkSet) {
		JWKSet keys;
		try {
			keys = JWKSet.parse(jwkSet);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("is not a JWK Set (JSON with a \"keys\" array)");
		}
		List<JWK> list = keys.getKeys();
		if (list.isEmpty()) {
			throw new IllegalArgumentException("holds no key");
		}
		if (list.stream().map(JWK::getKeyID).distinct().count() != list.size()) {
			throw new IllegalArgumentException("holds two keys with the same kid: each key needs its own");
		}
		for (JWK key : list) {
			if (!(key instanceof RSAKey rsa) || !rsa.isPrivate() || key.getKeyID() == null || rsa.size() < 2048) {
				throw new IllegalArgumentException(
						"must hold RSA private keys of at least 2048 bits, each with a kid (java -jar <jar> keys generate)");
			}
		}
		return new SigningKeys(keys);
	}

	/**
	 * Every key, for the JWK Set endpoint and for verifying this server's tokens.
	 * @return the published keys (private parts are never written out)
	 */
	public JWKSource<SecurityContext> published() {
		return this.published;
	}

	/**
	 * The key that signs.
	 * @return a source holding only that key
	 */
	public JWKSource<SecurityContext> signing() {
		return this.signing;
	}

	public String signingKeyId() {
		return this.signingKeyId;
	}

}
