package io.github.mcpoauthgateway.authserver;

import java.time.Instant;
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

import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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

	static String sign(SigningKeys keys) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("https://mcp.example.test")
			.subject("user")
			.expiresAt(Instant.now().plusSeconds(300))
			.build();
		return new NimbusJwtEncoder(keys.signing()).encode(JwtEncoderParameters.from(claims)).getTokenValue();
	}

	static Jwt verify(SigningKeys keys, String token) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys.published()).decode(token);
	}

	@Test
	void verifyWhenRotationOverlapsThenTokensOfEitherKeyValidOnEveryReplica() throws Exception {
		RSAKey old = rsa("old", 2048);
		RSAKey next = rsa("new", 2048);
		// Step 1 is done (the new key published everywhere); step 2 rolls out: one
		// replica still signs with the old key, the other already with the new one.
		SigningKeys notYetSwitched = SigningKeys.parse(new JWKSet(List.of(old, next)).toString(false));
		SigningKeys switched = SigningKeys.parse(new JWKSet(List.of(next, old)).toString(false));
		String byOld = sign(notYetSwitched);
		String byNew = sign(switched);
		assertThat(verify(switched, byOld).getSubject()).isEqualTo("user");
		assertThat(verify(notYetSwitched, byNew).getSubject()).isEqualTo("user");
		assertThat(verify(switched, byNew).getSubject()).isEqualTo("user");
		// Step 3, after the longest token lifetime: the old key is gone, and so are its
		// tokens.
		SigningKeys retired = SigningKeys.parse(new JWKSet(next).toString(false));
		assertThat(verify(retired, byNew).getSubject()).isEqualTo("user");
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> verify(retired, byOld));
	}

	@Test
	void parseWhenTwoKeysShareAKidThenRefused() throws Exception {
		String keys = new JWKSet(List.of(rsa("same", 2048), rsa("same", 2048))).toString(false);
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.parse(keys))
			.withMessageContaining("kid")
			.withMessageNotContaining("\"n\"");
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
