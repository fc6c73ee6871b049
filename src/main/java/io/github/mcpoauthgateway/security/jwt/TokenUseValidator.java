package io.github.mcpoauthgateway.security.jwt;

import io.github.mcpoauthgateway.cognito.CognitoClaimNames;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only Cognito access tokens. Cognito signs ID tokens with the same keys and
 * issuer, so without this rule an ID token (whose audience is a client id) would pass for
 * an access token.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html">Verifying
 * a Cognito JSON web token</a>
 */
public final class TokenUseValidator implements OAuth2TokenValidator<Jwt> {

	static final String TOKEN_USE_CLAIM = CognitoClaimNames.TOKEN_USE;

	static final OAuth2Error NOT_AN_ACCESS_TOKEN_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token is not an access token", null);

	private static final OAuth2TokenValidatorResult NOT_AN_ACCESS_TOKEN = OAuth2TokenValidatorResult
		.failure(NOT_AN_ACCESS_TOKEN_ERROR);

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		return CognitoClaimNames.ACCESS.equals(token.getClaim(TOKEN_USE_CLAIM)) ? OAuth2TokenValidatorResult.success()
				: NOT_AN_ACCESS_TOKEN;
	}

}
