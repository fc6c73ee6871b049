package io.github.mcpoauthgateway.security.jwt;

import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
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

	ClaimsFirstJwtDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		this.decoder = decoder;
		this.validator = validator;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt unverified = unverified(token);
		if (unverified != null) {
			OAuth2TokenValidatorResult result = this.validator.validate(unverified);
			if (result.hasErrors()) {
				throw new JwtValidationException(message(result.getErrors()), result.getErrors());
			}
		}
		return this.decoder.decode(token);
	}

	/**
	 * The token's claims, not yet trusted; {@code null} when it does not parse, so that
	 * the full decoder refuses it with its own error.
	 */
	private Jwt unverified(String token) {
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
