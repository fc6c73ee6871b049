package io.github.mcpoauthgateway.security.jwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The claims-first decoder's memory of refusals: a token refused for good is refused
 * again with the same error without being parsed, and nothing that could pass later is
 * kept.
 */
class ClaimsFirstJwtDecoderTests {

	private static final CognitoJwtDecoders.Settings SETTINGS = new CognitoJwtDecoders.Settings(TestAccessTokens.ISSUER,
			URI.create("http://127.0.0.1:9/jwks"), TestAccessTokens.RESOURCE, Set.of(TestAccessTokens.CLIENT_ID), false,
			Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1),
			Duration.ofSeconds(1));

	private final AtomicInteger validations = new AtomicInteger();

	private final AtomicInteger signatureChecks = new AtomicInteger();

	private final List<TokenRefusal> refusals = new ArrayList<>();

	private final RefusedTokens refused = new RefusedTokens(100);

	private JwtDecoder decoder(JwtDecoder signatureCheck) {
		OAuth2TokenValidator<Jwt> rules = CognitoJwtDecoders.validator(SETTINGS);
		OAuth2TokenValidator<Jwt> counted = (jwt) -> {
			this.validations.incrementAndGet();
			return rules.validate(jwt);
		};
		JwtDecoder signature = (token) -> {
			this.signatureChecks.incrementAndGet();
			return signatureCheck.decode(token);
		};
		TokenValidationObserver observer = new TokenValidationObserver() {
			@Override
			public void refused(TokenRefusal refusal) {
				ClaimsFirstJwtDecoderTests.this.refusals.add(refusal);
			}
		};
		return new ClaimsFirstJwtDecoder(signature, counted, new VerifiedTokens(100, Clock.systemUTC()), this.refused,
				(jwt) -> true, observer);
	}

	@Test
	void decodeWhenExpiredTokenSentAgainThenSameRefusalWithoutParsing() {
		JwtDecoder decoder = decoder((token) -> {
			throw new AssertionError("an expired token never reaches the signature");
		});
		String token = TestAccessTokens.cognito().expiresAt(Instant.now().minusSeconds(600)).sign();
		JwtValidationException first = catchRefusal(decoder, token);
		JwtValidationException second = catchRefusal(decoder, token);
		assertThat(this.validations).hasValue(1);
		assertThat(second.getMessage()).isEqualTo(first.getMessage()).contains("Jwt expired at");
		assertThat(second.getErrors()).containsExactlyElementsOf(first.getErrors());
		assertThat(second.getStackTrace()).isEmpty();
		assertThat(this.refusals).containsExactly(TokenRefusal.EXPIRED, TokenRefusal.EXPIRED);
	}

	@Test
	void decodeWhenForeignAudienceSentAgainThenRefusedFromMemory() {
		JwtDecoder decoder = decoder((token) -> {
			throw new AssertionError("a foreign token never reaches the signature");
		});
		String token = TestAccessTokens.cognito()
			.claim(JwtClaimNames.AUD, List.of("https://other.example.test/mcp"))
			.sign();
		catchRefusal(decoder, token);
		catchRefusal(decoder, token);
		assertThat(this.validations).hasValue(1);
		assertThat(this.refusals).containsExactly(TokenRefusal.WRONG_AUDIENCE, TokenRefusal.WRONG_AUDIENCE);
	}

	@Test
	void decodeWhenNotYetValidThenRefusalNotKept() {
		JwtDecoder decoder = decoder((token) -> {
			throw new AssertionError("a token before nbf never reaches the signature");
		});
		// Before nbf today, valid in an hour: time lifts this refusal, so it is judged
		// anew each time.
		String token = TestAccessTokens.cognito()
			.claim(JwtClaimNames.NBF, Instant.now().plusSeconds(3600).getEpochSecond())
			.sign();
		catchRefusal(decoder, token);
		catchRefusal(decoder, token);
		assertThat(this.validations).hasValue(2);
		assertThat(this.refused.size()).isZero();
		assertThat(this.refusals).containsExactly(TokenRefusal.NOT_YET_VALID, TokenRefusal.NOT_YET_VALID);
	}

	@Test
	void decodeWhenSignatureRefusedThenRefusalNotKept() {
		// A key published later could verify it: a bad signature is checked anew each
		// time.
		JwtDecoder decoder = decoder((token) -> {
			throw new BadJwtException("Signed JWT rejected: Invalid signature");
		});
		String token = TestAccessTokens.cognito().signedWith(TestKeys.UNPUBLISHED).sign();
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token));
		assertThat(this.signatureChecks).hasValue(2);
		assertThat(this.refused.size()).isZero();
		assertThat(this.refusals).containsExactly(TokenRefusal.BAD_SIGNATURE, TokenRefusal.BAD_SIGNATURE);
	}

	@Test
	void decodeWhenManyDistinctExpiredTokensThenMemoryStaysBounded() {
		JwtDecoder decoder = decoder((token) -> {
			throw new AssertionError("an expired token never reaches the signature");
		});
		for (int i = 0; i < 250; i++) {
			String token = TestAccessTokens.cognito()
				.subject("user-" + i)
				.expiresAt(Instant.now().minusSeconds(600))
				.sign();
			catchRefusal(decoder, token);
		}
		assertThat(this.refused.size()).isPositive().isLessThanOrEqualTo(100);
	}

	@Test
	void decodeWhenTokenValidThenNothingRefusedIsKept() {
		Jwt verified = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("s")
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		JwtDecoder decoder = decoder((token) -> verified);
		String token = TestAccessTokens.cognito().sign();
		assertThat(decoder.decode(token)).isSameAs(verified);
		assertThat(this.refused.size()).isZero();
	}

	private static JwtValidationException catchRefusal(JwtDecoder decoder, String token) {
		try {
			decoder.decode(token);
		}
		catch (JwtValidationException ex) {
			return ex;
		}
		throw new AssertionError("the token was accepted");
	}

}
