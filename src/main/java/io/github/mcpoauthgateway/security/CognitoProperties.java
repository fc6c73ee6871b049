package io.github.mcpoauthgateway.security;

import io.github.mcpoauthgateway.cognito.CognitoIssuer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Amazon Cognito user pool that issues tokens, as an alternative to
 * {@code oauth.issuer-uri}. Binds {@code COGNITO_REGION} and
 * {@code COGNITO_USER_POOL_ID}.
 */
@ConfigurationProperties(CognitoProperties.CONFIG_PREFIX)
public final class CognitoProperties {

	public static final String CONFIG_PREFIX = "cognito";

	/**
	 * AWS region of the user pool, for example us-east-1.
	 */
	private @Nullable String region;

	/**
	 * Id of the user pool, for example us-east-1_AbCdEfGhI.
	 */
	private @Nullable String userPoolId;

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable String getUserPoolId() {
		return this.userPoolId;
	}

	public void setUserPoolId(@Nullable String userPoolId) {
		this.userPoolId = userPoolId;
	}

	/**
	 * The issuer of the pool's tokens, when both region and pool id are set.
	 * @return {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}, or
	 * {@code null}
	 */
	public @Nullable String issuerUri() {
		if (this.region == null || this.region.isBlank() || this.userPoolId == null || this.userPoolId.isBlank()) {
			return null;
		}
		return CognitoIssuer.of(this.region, this.userPoolId);
	}

}
