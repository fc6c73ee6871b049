package io.github.mcpoauthgateway.gateway.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.mcpoauthgateway.authserver.SigningKeys;
import io.github.mcpoauthgateway.cognito.CognitoClaimNames;
import io.github.mcpoauthgateway.tool.Caller;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * Short-lived JWTs, signed by this server (RS256), that name the verified caller to a
 * target, so that it can trust who is calling without ever seeing the caller's token.
 * Claims: {@code iss} this server's origin, {@code aud} the target's name, {@code sub},
 * {@code username}, {@code client_id}, {@code scope} (space-separated), {@code groups},
 * {@code iat}, {@code exp} and a unique {@code jti}. The keys are published at
 * {@link #JWKS_PATH}.
 */
public final class CallerTokens {

	/** Where the public keys of caller JWTs are published, without authentication. */
	public static final String JWKS_PATH = "/.well-known/mcp-gateway/jwks.json";

	private final Supplier<SigningKeys> keys;

	private final Supplier<String> issuer;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * @param keys the signing keys, created on first use
	 * @param issuer this server's origin, the {@code iss} of every token
	 * @param lifetime how long a token is valid
	 * @param clock the clock
	 */
	public CallerTokens(Supplier<SigningKeys> keys, Supplier<String> issuer, Duration lifetime, Clock clock) {
		this.keys = SingletonSupplier.of(keys);
		this.issuer = SingletonSupplier.of(issuer);
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * A token naming the caller to one target.
	 * @param caller the verified caller
	 * @param audience the target's name
	 * @return the signed JWT
	 */
	public String issue(Caller caller, String audience) {
		SigningKeys signing = this.keys.get();
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.issuer.get())
			.audience(List.of(audience))
			.subject(caller.subject())
			.claim(CognitoClaimNames.SCOPE, String.join(" ", caller.scopes().stream().sorted().toList()))
			.claim("groups", new ArrayList<>(caller.groups().stream().sorted().toList()))
			.issuedAt(now)
			.expiresAt(now.plus(this.lifetime))
			.id(UUID.randomUUID().toString());
		if (caller.username() != null) {
			claims.claim(CognitoClaimNames.USERNAME, caller.username());
		}
		if (caller.clientId() != null) {
			claims.claim(CognitoClaimNames.CLIENT_ID, caller.clientId());
		}
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(signing.signingKeyId()).build();
		return new NimbusJwtEncoder(signing.signing()).encode(JwtEncoderParameters.from(header, claims.build()))
			.getTokenValue();
	}

	/**
	 * The public keys, as a JWK Set document.
	 * @return the JWK Set, public parts only
	 */
	public Map<String, Object> jwkSet() {
		try {
			List<JWK> keys = this.keys.get().published().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
			return new JWKSet(keys).toJSONObject(true);
		}
		catch (KeySourceException ex) {
			throw new IllegalStateException("Cannot read the caller token keys", ex);
		}
	}

}
