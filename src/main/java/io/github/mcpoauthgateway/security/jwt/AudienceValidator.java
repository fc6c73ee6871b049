package io.github.mcpoauthgateway.security.jwt;

import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Accepts only tokens issued for this resource. A token with an {@code aud} claim (RFC
 * 8707 resource binding, which Cognito supports through managed login) must name the
 * canonical resource URL. A token without one, as Cognito issues otherwise, must come
 * from an allowed app client ({@code client_id}), so that tokens minted for other
 * applications of the same user pool are refused.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 Section 2</a>
 */
public final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	static final String CLIENT_ID_CLAIM = "client_id";

	private static final OAuth2TokenValidatorResult OTHER_RESOURCE = OAuth2TokenValidatorResult
		.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token was issued for another resource", null));

	private static final OAuth2TokenValidatorResult CLIENT_NOT_ALLOWED = OAuth2TokenValidatorResult
		.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"The token has no audience and its client is not allowed", null));

	private final String resource;

	private final Set<String> allowedClientIds;

	public AudienceValidator(String resource, Set<String> allowedClientIds) {
		Assert.hasText(resource, "resource cannot be empty");
		this.resource = resource;
		this.allowedClientIds = Set.copyOf(allowedClientIds);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<String> audience = token.getAudience();
		if (audience != null && !audience.isEmpty()) {
			return audience.contains(this.resource) ? OAuth2TokenValidatorResult.success() : OTHER_RESOURCE;
		}
		String clientId = token.getClaimAsString(CLIENT_ID_CLAIM);
		return (clientId != null && this.allowedClientIds.contains(clientId)) ? OAuth2TokenValidatorResult.success()
				: CLIENT_NOT_ALLOWED;
	}

}
