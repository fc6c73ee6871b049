package io.github.mcpoauthgateway.authserver;

import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The bridge's signing keys from configuration: the first signs, all are published, and a
 * set that could not sign is refused without repeating it.
 */
class SigningKeysTests {

	static RSAKey rsa(String kid, int bits) throws Exception {
		return new RSAKeyGenerator(bits).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
	}

	static List<JWK> all(com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> source)
			throws Exception {
		return source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
	}

	@Test
	void parseWhenTwoKeysThenFirstSignsAndBothPublished() throws Exception {
		SigningKeys keys = SigningKeys.parse(new JWKSet(List.of(rsa("new", 2048), rsa("old", 2048))).toString(false));
		assertThat(keys.signingKeyId()).isEqualTo("new");
		assertThat(all(keys.signing())).extracting(JWK::getKeyID).containsExactly("new");
		assertThat(all(keys.published())).extracting(JWK::getKeyID).containsExactly("new", "old");
	}

	@Test
	void parseWhenNotJsonThenRefusedWithoutEcho() {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse("not-a-jwk-set-secret"))
			.withMessage("is not a JWK Set (JSON with a \"keys\" array)");
	}

	@Test
	void parseWhenEmptyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse("{\"keys\":[]}"))
			.withMessage("holds no key");
	}

	@Test
	void parseWhenPublicKeyOnlyThenRefused() throws Exception {
		String publicOnly = new JWKSet(rsa("k", 2048)).toString(true);
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse(publicOnly))
			.withMessageStartingWith("must hold RSA private keys");
	}

	@Test
	void parseWhenKeyTooSmallThenRefused() throws Exception {
		String small = new JWKSet(new RSAKeyGenerator(1024, true).keyID("small").generate()).toString(false);
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse(small))
			.withMessageStartingWith("must hold RSA private keys of at least 2048 bits");
	}

	@Test
	void parseWhenEllipticCurveKeyThenRefused() throws Exception {
		String ec = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("ec").generate()).toString(false);
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse(ec))
			.withMessageStartingWith("must hold RSA private keys");
	}

	@Test
	void parseWhenKeyHasNoKidThenRefused() throws Exception {
		String noKid = new JWKSet(new RSAKeyGenerator(2048).generate()).toString(false);
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse(noKid))
			.withMessageEndingWith("each with a kid (java -jar <jar> keys generate)");
	}

}
