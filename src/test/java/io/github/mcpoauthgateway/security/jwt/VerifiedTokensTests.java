package io.github.mcpoauthgateway.security.jwt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of verified tokens: keyed by a hash, never past the token's expiry, bounded.
 */
class VerifiedTokensTests {

	static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	final AtomicReference<Instant> now = new AtomicReference<>(NOW);

	final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return VerifiedTokensTests.this.now.get();
		}
	};

	static Jwt jwt(String value, Instant expiresAt) {
		return Jwt.withTokenValue(value).header("alg", "RS256").subject("s").expiresAt(expiresAt).build();
	}

	@Test
	void getWhenTokenExpiredThenGoneEvenIfCachedBefore() {
		VerifiedTokens tokens = new VerifiedTokens(10, this.clock);
		tokens.put("k", jwt("t", NOW.plusSeconds(60)));
		assertThat(tokens.get("k")).isNotNull();
		this.now.set(NOW.plusSeconds(60));
		assertThat(tokens.get("k")).isNull();
		assertThat(tokens.size()).isZero();
	}

	@Test
	void getWhenNotYetValidThenNull() {
		VerifiedTokens tokens = new VerifiedTokens(10, this.clock);
		tokens.put("k",
				Jwt.withTokenValue("t")
					.header("alg", "RS256")
					.subject("s")
					.notBefore(NOW.plusSeconds(30))
					.expiresAt(NOW.plusSeconds(60))
					.build());
		assertThat(tokens.get("k")).isNull();
	}

	@Test
	void putWhenFullOfLiveTokensThenStaysBounded() {
		VerifiedTokens tokens = new VerifiedTokens(3, this.clock);
		for (int i = 0; i < 10; i++) {
			tokens.put("k" + i, jwt("t" + i, NOW.plusSeconds(60)));
		}
		assertThat(tokens.size()).isLessThanOrEqualTo(3);
		assertThat(tokens.get("k9")).isNotNull();
	}

	@Test
	void putWhenFullThenExpiredTokensGoFirst() {
		VerifiedTokens tokens = new VerifiedTokens(2, this.clock);
		tokens.put("old", jwt("o", NOW.plusSeconds(1)));
		tokens.put("live", jwt("l", NOW.plusSeconds(600)));
		this.now.set(NOW.plusSeconds(5));
		tokens.put("new", jwt("n", NOW.plusSeconds(600)));
		assertThat(tokens.get("live")).isNotNull();
		assertThat(tokens.get("new")).isNotNull();
	}

	@Test
	void keyWhenComputedThenNotTheTokenAndStable() {
		String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzIn0.c2lnbmF0dXJl";
		assertThat(VerifiedTokens.key(token)).isEqualTo(VerifiedTokens.key(token))
			.doesNotContain("eyJ")
			.isNotEqualTo(VerifiedTokens.key(token + "x"));
	}

}
