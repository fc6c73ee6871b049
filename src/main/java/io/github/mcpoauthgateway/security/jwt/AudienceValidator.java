package io.github.mcpoauthgateway.security.jwt;

import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.cognito.CognitoClaimNames;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.util.Assert;

/**
 * Accepts only tokens issued for this resource. A token with an {@code aud} claim (RFC
 * 8707 resource binding, which Cognito supports through managed login) must name the
 * canonical resource URL. A token without one, as Cognito issues otherwise, must come
 * from an allowed app client ({@code client_id}), so that tokens minted for other
 * applications of the same user pool are refused; optionally a token with an {@code aud}
 * must too, since any app client of the pool can ask for this resource.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 Section 2</a>
 */
public final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	static final String CLIENT_ID_CLAIM = CognitoClaimNames.CLIENT_ID;

	static final OAuth2Error OTHER_RESOURCE_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token was issued for another resource", null);

	static final OAuth2Error CLIENT_NOT_ALLOWED_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token has no audience and its client is not allowed", null);

	static final OAuth2Error AUDIENCE_CLIENT_NOT_ALLOWED_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token's client is not allowed", null);

	private static final OAuth2TokenValidatorResult OTHER_RESOURCE = OAuth2TokenValidatorResult
		.failure(OTHER_RESOURCE_ERROR);

	private static final OAuth2TokenValidatorResult CLIENT_NOT_ALLOWED = OAuth2TokenValidatorResult
		.failure(CLIENT_NOT_ALLOWED_ERROR);

	private static final OAuth2TokenValidatorResult AUDIENCE_CLIENT_NOT_ALLOWED = OAuth2TokenValidatorResult
		.failure(AUDIENCE_CLIENT_NOT_ALLOWED_ERROR);

	private final String resource;

	private final Set<String> allowedClientIds;

	private final boolean enforceWithAudience;

	private final @Nullable String exemptIssuer;

	public AudienceValidator(String resource, Set<String> allowedClientIds) {
		this(resource, allowedClientIds, false, null);
	}

	/**
	 * Creates the validator.
	 * @param resource the canonical resource URL an {@code aud} must name
	 * @param allowedClientIds the clients whose tokens are accepted without {@code aud}
	 * @param enforceWithAudience whether a token with {@code aud} must come from one of
	 * those clients too
	 * @param exemptIssuer an issuer whose clients register themselves (the bridge), to
	 * which the client rule does not apply; {@code null} for none
	 */
	public AudienceValidator(String resource, Set<String> allowedClientIds, boolean enforceWithAudience,
			@Nullable String exemptIssuer) {
		Assert.hasText(resource, "resource cannot be empty");
		this.resource = resource;
		this.allowedClientIds = Set.copyOf(allowedClientIds);
		this.enforceWithAudience = enforceWithAudience;
		this.exemptIssuer = exemptIssuer;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<String> audience = token.getAudience();
		if (audience != null && !audience.isEmpty()) {
			if (!audience.contains(this.resource)) {
				return OTHER_RESOURCE;
			}
			if (this.enforceWithAudience && !exempt(token) && !allowed(token)) {
				return AUDIENCE_CLIENT_NOT_ALLOWED;
			}
			return OAuth2TokenValidatorResult.success();
		}
		return allowed(token) ? OAuth2TokenValidatorResult.success() : CLIENT_NOT_ALLOWED;
	}

	private boolean allowed(Jwt token) {
		String clientId = token.getClaimAsString(CLIENT_ID_CLAIM);
		return clientId != null && this.allowedClientIds.contains(clientId);
	}

	private boolean exempt(Jwt token) {
		return this.exemptIssuer != null && this.exemptIssuer.equals(token.getClaimAsString(JwtClaimNames.ISS));
	}

}
