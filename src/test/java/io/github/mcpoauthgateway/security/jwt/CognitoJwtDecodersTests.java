package io.github.mcpoauthgateway.security.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.mcpoauthgateway.testsupport.JwksServer;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The decoder against a real JWK Set served over loopback HTTP: key rotation, outages and
 * floods of unknown key ids.
 */
class CognitoJwtDecodersTests {

	private final JwksServer jwks = new JwksServer(TestKeys.DEFAULT);

	@AfterEach
	void stopJwks() {
		this.jwks.close();
	}

	private JwtDecoder decoder(Duration cacheTtl, Duration refreshMinInterval) {
		return CognitoJwtDecoders.create(new CognitoJwtDecoders.Settings(TestAccessTokens.ISSUER, this.jwks.uri(),
				TestAccessTokens.RESOURCE, Set.of(TestAccessTokens.CLIENT_ID), false, Duration.ofSeconds(30), cacheTtl,
				refreshMinInterval, Duration.ofHours(1), Duration.ofSeconds(2)));
	}

	private JwtDecoder decoder() {
		return decoder(Duration.ofMinutes(15), Duration.ofSeconds(30));
	}

	@Test
	void createWhenJwksUnreachableThenNoFetchUntilFirstToken() {
		this.jwks.setAvailable(false);
		decoder();
		assertThat(this.jwks.fetches()).isZero();
	}

	@Test
	void decodeWhenValidCognitoAccessTokenThenClaimsAvailable() {
		Jwt jwt = decoder().decode(TestAccessTokens.cognito().sign());
		assertThat(jwt.getSubject()).isEqualTo("2f0c6a5e-1b7d-4c39-9c55-alice0000001");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo(TestAccessTokens.CLIENT_ID);
	}

	@Test
	void decodeWhenManyTokensThenJwksFetchedOnce() {
		JwtDecoder decoder = decoder();
		for (int i = 0; i < 50; i++) {
			decoder.decode(TestAccessTokens.cognito().sign());
		}
		assertThat(this.jwks.fetches()).isEqualTo(1);
	}

	@Test
	void decodeWhenExpiredThenValidationException() {
		JwtDecoder decoder = decoder();
		String token = TestAccessTokens.cognito().expiresAt(Instant.now().minusSeconds(600)).sign();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("Jwt expired at");
	}

	@Test
	void decodeWhenExpiredTokenHasUnknownKeyIdThenRefusedWithoutFetchingKeys() {
		JwtDecoder decoder = decoder();
		// Claims are checked before the signature: an expired token costs no key lookup,
		// however its key id is forged.
		String token = TestAccessTokens.cognito()
			.expiresAt(Instant.now().minusSeconds(600))
			.keyId("forged-kid-" + System.nanoTime())
			.sign();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("Jwt expired at");
		assertThat(this.jwks.fetches()).isZero();
	}

	@Test
	void decodeWhenSigningKeyLeftTheJwkSetThenVerifiedTokenNoLongerAccepted() throws Exception {
		JwtDecoder decoder = decoder(Duration.ofMillis(50), Duration.ofMillis(10));
		String token = TestAccessTokens.cognito().sign();
		assertThat(decoder.decode(token).getSubject()).isNotNull();
		assertThat(decoder.decode(token).getSubject()).isNotNull();
		// The issuer rotates its key away; once the key source sees it, the cached
		// verification of the old token must not be used.
		this.jwks.rotateTo(TestKeys.UNPUBLISHED);
		Thread.sleep(100);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
	}

	@Test
	void decodeWhenClaimsValidButSignatureForgedThenRefused() {
		JwtDecoder decoder = decoder();
		String valid = TestAccessTokens.cognito().sign();
		String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA"
				+ valid.substring(valid.lastIndexOf('.') + 5);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged))
			.withMessageContaining("Invalid signature");
	}

	@Test
	void decodeWhenExpiredWithinClockSkewThenAccepted() {
		JwtDecoder decoder = decoder();
		String token = TestAccessTokens.cognito().expiresAt(Instant.now().minusSeconds(5)).sign();
		assertThatNoException().isThrownBy(() -> decoder.decode(token));
	}

	@Test
	void decodeWhenKeyRotatedThenNewKeyAcceptedWithoutRestart() {
		JwtDecoder decoder = decoder();
		decoder.decode(TestAccessTokens.cognito().sign());
		RSAKey rotated = TestKeys.generate("test-key-2");
		this.jwks.publish(rotated);

		Jwt jwt = decoder.decode(TestAccessTokens.cognito().signedWith(rotated).sign());

		assertThat(jwt.getHeaders()).containsEntry("kid", "test-key-2");
		assertThat(this.jwks.fetches()).isEqualTo(2);
		assertThatNoException().isThrownBy(() -> decoder.decode(TestAccessTokens.cognito().sign()));
	}

	@Test
	void decodeWhenJwksDownThenCachedKeysStillAccepted() {
		JwtDecoder decoder = decoder();
		decoder.decode(TestAccessTokens.cognito().sign());
		this.jwks.setAvailable(false);
		for (int i = 0; i < 10; i++) {
			assertThatNoException().isThrownBy(() -> decoder.decode(TestAccessTokens.cognito().sign()));
		}
	}

	@Test
	void decodeWhenJwksDownPastCacheLifetimeThenCachedKeysStillAccepted() throws InterruptedException {
		JwtDecoder decoder = decoder(Duration.ofMillis(600), Duration.ofMillis(100));
		decoder.decode(TestAccessTokens.cognito().sign());
		this.jwks.setAvailable(false);
		Thread.sleep(900);
		assertThatNoException().isThrownBy(() -> decoder.decode(TestAccessTokens.cognito().sign()));
		assertThat(this.jwks.fetches()).isGreaterThan(1);
	}

	@Test
	void decodeWhenFloodOfUnknownKeyIdsThenFetchesAreRateLimited() {
		JwtDecoder decoder = decoder();
		decoder.decode(TestAccessTokens.cognito().sign());
		for (int i = 0; i < 200; i++) {
			String token = TestAccessTokens.cognito()
				.signedWith(TestKeys.UNPUBLISHED)
				.keyId("unknown-" + UUID.randomUUID())
				.sign();
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token));
		}
		// One fetch at the first token, one allowed refresh in the rate-limit window.
		assertThat(this.jwks.fetches()).isLessThanOrEqualTo(2);
		assertThatNoException().isThrownBy(() -> decoder.decode(TestAccessTokens.cognito().sign()));
	}

	@Test
	void decodeWhenJwksNeverReachableThenServiceFailureNotBadToken() {
		this.jwks.setAvailable(false);
		JwtDecoder decoder = decoder();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoder.decode(TestAccessTokens.cognito().sign()))
			.isNotInstanceOf(BadJwtException.class);
	}

}
