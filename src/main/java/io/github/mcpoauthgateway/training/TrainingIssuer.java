package io.github.mcpoauthgateway.training;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.github.mcpoauthgateway.cognito.CognitoClaimNames;

/**
 * A throwaway issuer on loopback for the training run: a fresh RSA key whose JWK Set it
 * serves, and Cognito-shaped access tokens signed with it. Nothing of it outlives the
 * run.
 */
final class TrainingIssuer implements AutoCloseable {

	static final String CLIENT_ID = "training-client";

	static final String SCOPE = "mcp:tools";

	private final RSAKey key;

	private final RSAKey otherKey;

	private final HttpServer server;

	TrainingIssuer() throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID("training").generate();
		// Same key id, another key: a forged signature.
		this.otherKey = new RSAKeyGenerator(2048).keyID("training").generate();
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.server.start();
	}

	/**
	 * The issuer identifier, which is also where its keys are.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	URI jwksUri() {
		return URI.create(issuer() + "/jwks");
	}

	/**
	 * An access token for the resource.
	 * @param audience the resource URL
	 * @param expired whether it expired an hour ago
	 * @param forged whether a key other than the published one signs it
	 * @return the compact token
	 */
	String token(String audience, boolean expired, boolean forged) {
		Instant now = Instant.now();
		Instant expiresAt = expired ? now.minusSeconds(3600) : now.plusSeconds(3600);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
			.subject("training-user")
			.audience(List.of(audience))
			.issueTime(Date.from(expiresAt.minusSeconds(7200)))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim(CognitoClaimNames.TOKEN_USE, CognitoClaimNames.ACCESS)
			.claim(CognitoClaimNames.CLIENT_ID, CLIENT_ID)
			.claim(CognitoClaimNames.USERNAME, "training-user")
			.claim(CognitoClaimNames.SCOPE, SCOPE)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("training").build(), claims);
		try {
			jwt.sign(new RSASSASigner(forged ? this.otherKey : this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a training token", ex);
		}
		return jwt.serialize();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
