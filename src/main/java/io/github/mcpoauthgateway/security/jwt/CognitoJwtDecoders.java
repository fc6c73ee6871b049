package io.github.mcpoauthgateway.security.jwt;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the decoder for Cognito-style access tokens: RS256 signatures checked against
 * the issuer's JWK Set, then Spring Security's default validators plus the rules Cognito
 * needs. Keys are fetched on first use (so startup needs no network), cached, refreshed
 * ahead of expiry and on an unknown key id at most twice per rate-limit interval, and
 * kept in use while the JWK Set cannot be fetched.
 */
public final class CognitoJwtDecoders {

	private static final int JWKS_SIZE_LIMIT = 64 * 1024;

	// Verified tokens kept: one per active client session is plenty.
	private static final int VERIFIED_TOKENS = 10_000;

	// Tokens refused for good, kept: clients retry a stale token until they refresh.
	private static final int REFUSED_TOKENS = 10_000;

	private CognitoJwtDecoders() {
	}

	/**
	 * Creates the decoder.
	 * @param settings what to trust and how to fetch keys
	 * @return a decoder that validates every rule of this resource server, the claims
	 * before the signature
	 */
	public static JwtDecoder create(Settings settings) {
		return create(settings, TokenValidationObserver.NONE);
	}

	/**
	 * Creates the decoder, telling an observer of each decision and key fetch.
	 * @param settings what to trust and how to fetch keys
	 * @param observer told each decision, for metrics
	 * @return a decoder that validates every rule of this resource server, the claims
	 * before the signature
	 */
	public static JwtDecoder create(Settings settings, TokenValidationObserver observer) {
		JWKSource<SecurityContext> keys = keySource(settings, observer);
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		// Claims are validated by Spring Security's validators below, not by Nimbus.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		OAuth2TokenValidator<Jwt> validator = validator(settings);
		decoder.setJwtValidator(validator);
		return new ClaimsFirstJwtDecoder(decoder, validator, verifiedTokens(), new RefusedTokens(REFUSED_TOKENS),
				(jwt) -> published(keys, jwt), observer);
	}

	/**
	 * Creates the decoder for two issuers: the configured one, whose keys are fetched,
	 * and an authorization server in this process (the bridge), whose keys are held in
	 * memory. Each issuer's tokens are verified with its own keys only.
	 * @param settings what to trust and how to fetch the configured issuer's keys
	 * @param localIssuer the issuer of the authorization server in this process
	 * @param localKeys its published keys
	 * @return a decoder that validates every rule of this resource server
	 */
	public static JwtDecoder create(Settings settings, String localIssuer, JWKSource<SecurityContext> localKeys) {
		return create(settings, localIssuer, localKeys, TokenValidationObserver.NONE);
	}

	/**
	 * Creates the decoder for two issuers, telling an observer of each decision.
	 * @param settings what to trust and how to fetch the configured issuer's keys
	 * @param localIssuer the issuer of the authorization server in this process
	 * @param localKeys its published keys
	 * @param observer told each decision, for metrics
	 * @return a decoder that validates every rule of this resource server
	 */
	public static JwtDecoder create(Settings settings, String localIssuer, JWKSource<SecurityContext> localKeys,
			TokenValidationObserver observer) {
		JWKSource<SecurityContext> remoteKeys = keySource(settings, observer);
		JWSKeySelector<SecurityContext> remote = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, remoteKeys);
		JWSKeySelector<SecurityContext> local = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, localKeys);
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		// The key set is chosen by the token's issuer, so that neither issuer's keys can
		// vouch for a token of the other.
		processor.setJWTClaimsSetAwareJWSKeySelector((header, claims, context) -> {
			if (localIssuer.equals(claims.getIssuer())) {
				return local.selectJWSKeys(header, context);
			}
			if (settings.issuer().equals(claims.getIssuer())) {
				return remote.selectJWSKeys(header, context);
			}
			return List.of();
		});
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		OAuth2TokenValidator<Jwt> validator = validator(settings,
				new JwtClaimValidator<Object>(JwtClaimNames.ISS, (issuer) -> issuer != null
						&& (localIssuer.equals(issuer.toString()) || settings.issuer().equals(issuer.toString()))),
				localIssuer);
		decoder.setJwtValidator(validator);
		return new ClaimsFirstJwtDecoder(decoder, validator, verifiedTokens(), new RefusedTokens(REFUSED_TOKENS),
				(jwt) -> published(localIssuer.equals(jwt.getClaimAsString(JwtClaimNames.ISS)) ? localKeys : remoteKeys,
						jwt),
				observer);
	}

	private static VerifiedTokens verifiedTokens() {
		return new VerifiedTokens(VERIFIED_TOKENS, Clock.systemUTC());
	}

	/**
	 * Whether the key that signed a verified token is still in its issuer's JWK Set, as
	 * the key source currently holds it (fetched again only when its cache expires).
	 */
	private static boolean published(JWKSource<SecurityContext> keys, Jwt jwt) {
		Object kid = jwt.getHeaders().get("kid");
		if (!(kid instanceof String keyId)) {
			return false;
		}
		try {
			return !keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build()), null).isEmpty();
		}
		catch (KeySourceException ex) {
			return false;
		}
	}

	static OAuth2TokenValidator<Jwt> validator(Settings settings) {
		return validator(settings, new JwtIssuerValidator(settings.issuer()), null);
	}

	private static OAuth2TokenValidator<Jwt> validator(Settings settings, OAuth2TokenValidator<Jwt> issuer,
			@Nullable String localIssuer) {
		return JwtValidators.createDefaultWithValidators(List.of(new JwtTimestampValidator(settings.clockSkew()),
				issuer, new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText), new TokenUseValidator(),
				new AudienceValidator(settings.resource(), settings.allowedClientIds(),
						settings.enforceAllowedClientIds(), localIssuer)));
	}

	private static JWKSource<SecurityContext> keySource(Settings settings, TokenValidationObserver observer) {
		int timeout = Math.toIntExact(settings.jwksTimeout().toMillis());
		try {
			return new RateLimitedKeySource(JWKSourceBuilder
				.create(settings.jwksUri().toURL(),
						observed(new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT), observer))
				.cache(settings.jwksCacheTtl().toMillis(), timeout)
				// One request per cache lifetime refreshes the keys in line; refreshing
				// ahead would add a background thread for a few milliseconds saved.
				.refreshAheadCache(false)
				.rateLimited(settings.jwksRefreshMinInterval().toMillis())
				.outageTolerant(settings.jwksOutageTolerance().toMillis())
				.build(), observer);
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("The JWK Set URL is not a valid URL", ex);
		}
	}

	/**
	 * The retriever, telling the observer of each fetch: it is called only when the cache
	 * needs the JWK Set, never for a key already held.
	 */
	private static ResourceRetriever observed(ResourceRetriever retriever, TokenValidationObserver observer) {
		return (url) -> {
			try {
				Resource resource = retriever.retrieveResource(url);
				observer.keySetFetched(true);
				return resource;
			}
			catch (IOException | RuntimeException ex) {
				observer.keySetFetched(false);
				throw ex;
			}
		};
	}

	/**
	 * What the decoder trusts and how it fetches keys.
	 *
	 * @param issuer the exact issuer of accepted tokens
	 * @param jwksUri the issuer's JWK Set
	 * @param resource the canonical resource URL an {@code aud} claim must name
	 * @param allowedClientIds the clients whose tokens without {@code aud} are accepted
	 * @param enforceAllowedClientIds whether tokens with {@code aud} must come from those
	 * clients too (the bridge's own tokens excepted)
	 * @param clockSkew tolerance on {@code exp} and {@code nbf}
	 * @param jwksCacheTtl how long fetched keys are used before a refresh
	 * @param jwksRefreshMinInterval the rate-limit interval for refreshes on unknown keys
	 * @param jwksOutageTolerance how long cached keys stay usable while fetching fails
	 * @param jwksTimeout connect and read timeout of a fetch
	 */
	public record Settings(String issuer, URI jwksUri, String resource, Set<String> allowedClientIds,
			boolean enforceAllowedClientIds, Duration clockSkew, Duration jwksCacheTtl, Duration jwksRefreshMinInterval,
			Duration jwksOutageTolerance, Duration jwksTimeout) {

	}

}
