package io.github.mcpoauthgateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which access tokens the server accepts. The prefix matches the documented environment
 * variables: {@code OAUTH_ISSUER_URI} binds to {@code oauth.issuer-uri}, and so on.
 */
@ConfigurationProperties(OAuthProperties.CONFIG_PREFIX)
public final class OAuthProperties {

	public static final String CONFIG_PREFIX = "oauth";

	/**
	 * Issuer of accepted access tokens, compared exactly with their iss claim; can be
	 * derived from cognito.region and cognito.user-pool-id instead.
	 */
	private @Nullable String issuerUri;

	/**
	 * URL of the issuer's JWK Set; defaults to the issuer followed by
	 * /.well-known/jwks.json, where Cognito publishes it.
	 */
	private @Nullable URI jwksUri;

	/**
	 * App client ids whose tokens are accepted when a token has no aud claim, as Cognito
	 * issues them without resource binding.
	 */
	private List<String> allowedClientIds = new ArrayList<>();

	/**
	 * Whether a token with an aud claim must also come from an allowed app client: any
	 * app client of a Cognito pool can ask for resource=<this URL>. Tokens of the bridge
	 * in this process are not affected.
	 */
	private boolean enforceAllowedClientIds = false;

	/**
	 * Clock skew tolerated when checking exp and nbf.
	 */
	private Duration clockSkew = Duration.ofSeconds(30);

	/**
	 * How long fetched signing keys are used before the JWK Set is fetched again.
	 */
	private Duration jwksCacheTtl = Duration.ofMinutes(15);

	/**
	 * Shortest time between two JWK Set fetches caused by tokens with unknown key ids.
	 */
	private Duration jwksRefreshMinInterval = Duration.ofSeconds(30);

	/**
	 * How long cached signing keys stay in use while the JWK Set cannot be fetched.
	 */
	private Duration jwksOutageTolerance = Duration.ofHours(4);

	/**
	 * Connect and read timeout for fetching the JWK Set.
	 */
	private Duration jwksTimeout = Duration.ofSeconds(5);

	public @Nullable String getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(@Nullable String issuerUri) {
		this.issuerUri = issuerUri;
	}

	public @Nullable URI getJwksUri() {
		return this.jwksUri;
	}

	public void setJwksUri(@Nullable URI jwksUri) {
		this.jwksUri = jwksUri;
	}

	public List<String> getAllowedClientIds() {
		return this.allowedClientIds;
	}

	public void setAllowedClientIds(List<String> allowedClientIds) {
		this.allowedClientIds = allowedClientIds;
	}

	public boolean isEnforceAllowedClientIds() {
		return this.enforceAllowedClientIds;
	}

	public void setEnforceAllowedClientIds(boolean enforceAllowedClientIds) {
		this.enforceAllowedClientIds = enforceAllowedClientIds;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Duration getJwksCacheTtl() {
		return this.jwksCacheTtl;
	}

	public void setJwksCacheTtl(Duration jwksCacheTtl) {
		this.jwksCacheTtl = jwksCacheTtl;
	}

	public Duration getJwksRefreshMinInterval() {
		return this.jwksRefreshMinInterval;
	}

	public void setJwksRefreshMinInterval(Duration jwksRefreshMinInterval) {
		this.jwksRefreshMinInterval = jwksRefreshMinInterval;
	}

	public Duration getJwksOutageTolerance() {
		return this.jwksOutageTolerance;
	}

	public void setJwksOutageTolerance(Duration jwksOutageTolerance) {
		this.jwksOutageTolerance = jwksOutageTolerance;
	}

	public Duration getJwksTimeout() {
		return this.jwksTimeout;
	}

	public void setJwksTimeout(Duration jwksTimeout) {
		this.jwksTimeout = jwksTimeout;
	}

}
