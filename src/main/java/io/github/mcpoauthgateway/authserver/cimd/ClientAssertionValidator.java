package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StringUtils;

/**
 * The claims of a {@code private_key_jwt} client assertion: {@code iss} and {@code sub}
 * are the client id, {@code aud} names the token endpoint or the issuer, {@code exp} is
 * near in the future, and its {@code jti} was not seen before. The {@code jti} is
 * recorded only once everything else holds, so that invalid assertions cannot fill the
 * replay cache.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3</a>
 */
final class ClientAssertionValidator implements OAuth2TokenValidator<Jwt> {

	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	/** The furthest {@code exp} accepted, which bounds how long a jti must be kept. */
	static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	private final String clientId;

	private final Set<String> audiences;

	private final ReplayCache replays;

	private final Clock clock;

	ClientAssertionValidator(String clientId, Set<String> audiences, ReplayCache replays, Clock clock) {
		this.clientId = clientId;
		this.audiences = audiences;
		this.replays = replays;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		Instant now = this.clock.instant();
		List<OAuth2Error> errors = new ArrayList<>();
		if (!this.clientId.equals(assertion.getClaimAsString("iss"))) {
			errors.add(error("The assertion's iss is not the client id"));
		}
		if (!this.clientId.equals(assertion.getClaimAsString("sub"))) {
			errors.add(error("The assertion's sub is not the client id"));
		}
		List<String> audience = assertion.getAudience();
		if (audience == null || audience.stream().noneMatch(this.audiences::contains)) {
			errors.add(error("The assertion's aud is neither the token endpoint nor the issuer"));
		}
		Instant expiresAt = assertion.getExpiresAt();
		if (expiresAt == null) {
			errors.add(error("The assertion has no exp"));
		}
		else if (!now.minus(CLOCK_SKEW).isBefore(expiresAt)) {
			errors.add(error("The assertion has expired"));
		}
		else if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
			errors.add(error("The assertion expires more than " + MAX_LIFETIME.toMinutes() + " minutes from now"));
		}
		Instant notBefore = assertion.getNotBefore();
		if (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))) {
			errors.add(error("The assertion is not valid yet"));
		}
		if (!StringUtils.hasText(assertion.getId())) {
			errors.add(error("The assertion has no jti"));
		}
		// expiresAt is null only where an error was added above.
		if (!errors.isEmpty() || expiresAt == null) {
			return OAuth2TokenValidatorResult.failure(errors);
		}
		if (!this.replays.firstUse(this.clientId, assertion.getId(), expiresAt.plus(CLOCK_SKEW))) {
			return OAuth2TokenValidatorResult.failure(error("The assertion was used before"));
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2Error error(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI);
	}

}
