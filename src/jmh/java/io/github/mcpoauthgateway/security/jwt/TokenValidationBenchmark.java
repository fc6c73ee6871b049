package io.github.mcpoauthgateway.security.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.testsupport.JwksServer;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The token validation chain of every MCP request, as the server builds it: RS256 with
 * keys from a JWK Set served on loopback (fetched once, then cached), Spring Security's
 * validators and the Cognito rules. A valid token, an expired one and a forged signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenValidationBenchmark {

	private JwksServer jwks;

	private JwtDecoder decoder;

	private String valid;

	private String expired;

	private String forged;

	@Setup
	public void setUp() {
		this.jwks = new JwksServer(TestKeys.DEFAULT);
		this.decoder = CognitoJwtDecoders
			.create(new CognitoJwtDecoders.Settings(TestAccessTokens.ISSUER, this.jwks.uri(), TestAccessTokens.RESOURCE,
					Set.of(TestAccessTokens.CLIENT_ID), false, Duration.ofSeconds(30), Duration.ofHours(1),
					Duration.ofSeconds(30), Duration.ofHours(4), Duration.ofSeconds(5)));
		this.valid = TestAccessTokens.cognito().expiresAt(Instant.now().plus(Duration.ofDays(1))).sign();
		this.expired = TestAccessTokens.cognito().expiresAt(Instant.now().minus(Duration.ofHours(1))).sign();
		this.forged = this.valid.substring(0, this.valid.lastIndexOf('.') + 1) + "AAAA"
				+ this.valid.substring(this.valid.lastIndexOf('.') + 5);
		// The JWK Set is fetched here, once, as on the first request of a running server.
		this.decoder.decode(this.valid);
	}

	@TearDown
	public void tearDown() {
		this.jwks.close();
	}

	@Benchmark
	public Jwt validToken() {
		return this.decoder.decode(this.valid);
	}

	@Benchmark
	public Object expiredToken() {
		return refused(this.expired);
	}

	@Benchmark
	public Object forgedSignature() {
		return refused(this.forged);
	}

	private Object refused(String token) {
		try {
			return this.decoder.decode(token);
		}
		catch (JwtException ex) {
			return ex;
		}
	}

}
