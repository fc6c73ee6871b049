package io.github.mcpoauthgateway.security.jwt;

import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.util.StringUtils;

/**
 * Checks a token's claims (expiry, issuer, {@code token_use}, audience: every rule of
 * this resource server but the signature) before its signature, so that an expired or
 * foreign token is refused in microseconds instead of after an RSA verification, and
 * without a JWK Set fetch for its key id. Accepting still takes the full decoder:
 * signature, then the same rules again on the verified claims. A refused token gets the
 * error the full decoder gives for that rule.
 */
final class ClaimsFirstJwtDecoder implements JwtDecoder {

	private static final String DECODING_ERROR = "An error occurred while attempting to decode the Jwt: %s";

	private final MappedJwtClaimSetConverter claims = MappedJwtClaimSetConverter.withDefaults(Map.of());

	private final JwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final VerifiedTokens verified;

	private final RefusedTokens refused;

	private final Predicate<Jwt> keyStillPublished;

	private final TokenValidationObserver observer;

	/**
	 * Creates the decoder.
	 * @param decoder the full decoder: signature, then every rule
	 * @param validator the rules, run on the claims first
	 * @param verified tokens that passed, reused until they expire
	 * @param refused tokens refused for good, refused again without parsing
	 * @param keyStillPublished whether the key that signed a verified token is still in
	 * its issuer's JWK Set (a cached token is used only then)
	 * @param observer told each decision, with its reason
	 */
	ClaimsFirstJwtDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, VerifiedTokens verified,
			RefusedTokens refused, Predicate<Jwt> keyStillPublished, TokenValidationObserver observer) {
		this.decoder = decoder;
		this.validator = validator;
		this.verified = verified;
		this.refused = refused;
		this.keyStillPublished = keyStillPublished;
		this.observer = observer;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		String key = VerifiedTokens.key(token);
		Jwt cached = this.verified.get(key);
		if (cached != null) {
			if (this.keyStillPublished.test(cached)) {
				this.observer.accepted(true);
				return cached;
			}
			this.verified.remove(key);
		}
		RefusedTokens.Refusal refusal = this.refused.get(key);
		if (refusal != null) {
			this.observer.refused(refusal.reason());
			throw new RefusedClaimsException(refusal.message(), refusal.errors());
		}
		Jwt jwt = decodeUncached(token, key);
		this.verified.put(key, jwt);
		this.observer.accepted(false);
		return jwt;
	}

	private Jwt decodeUncached(String token, String key) {
		Jwt unverified = unverified(token);
		if (unverified != null) {
			OAuth2TokenValidatorResult result = this.validator.validate(unverified);
			if (result.hasErrors()) {
				TokenRefusal reason = TokenRefusal.of(result.getErrors());
				String message = message(result.getErrors());
				this.refused.putIfFinal(key, reason, message, result.getErrors());
				this.observer.refused(reason);
				throw new RefusedClaimsException(message, result.getErrors());
			}
		}
		try {
			return this.decoder.decode(token);
		}
		catch (JwtValidationException ex) {
			// The claims passed a moment ago: the token expired in between.
			this.observer.refused(TokenRefusal.of(ex.getErrors()));
			throw ex;
		}
		catch (BadJwtException ex) {
			// Claims that passed leave the signature (or its algorithm, or its key id) as
			// the reason; a token whose claims could not even be read is malformed.
			this.observer.refused((unverified != null) ? TokenRefusal.BAD_SIGNATURE : TokenRefusal.MALFORMED);
			throw ex;
		}
		catch (JwtException ex) {
			// Not the token's fault: the keys could not be fetched (answered 503).
			this.observer.refused(TokenRefusal.KEYS_UNAVAILABLE);
			throw ex;
		}
	}

	/**
	 * The token's claims, not yet trusted; {@code null} when it does not parse, so that
	 * the full decoder refuses it with its own error.
	 */
	private @Nullable Jwt unverified(String token) {
		try {
			JWT parsed = JWTParser.parse(token);
			Map<String, Object> headers = new LinkedHashMap<>(parsed.getHeader().toJSONObject());
			Map<String, Object> converted = this.claims.convert(parsed.getJWTClaimsSet().getClaims());
			if (headers.isEmpty() || converted == null || converted.isEmpty()) {
				return null;
			}
			return Jwt.withTokenValue(token)
				.headers((h) -> h.putAll(headers))
				.claims((c) -> c.putAll(converted))
				.build();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The full decoder's exception for a refused claim, without a stack trace: the
	 * refusal is the client's mistake, answered with a 401 and never logged with a trace,
	 * and filling in the hundred frames of the filter chain was a twentieth of its cost.
	 */
	static final class RefusedClaimsException extends JwtValidationException {

		private static final long serialVersionUID = 1L;

		RefusedClaimsException(String message, Collection<OAuth2Error> errors) {
			super(message, errors);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

	// The message NimbusJwtDecoder gives the same validation failure.
	private static String message(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (StringUtils.hasLength(error.getDescription())) {
				return String.format(DECODING_ERROR, error.getDescription());
			}
		}
		return "Unable to validate Jwt";
	}

}
