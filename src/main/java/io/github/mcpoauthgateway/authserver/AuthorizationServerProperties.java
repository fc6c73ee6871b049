package io.github.mcpoauthgateway.authserver;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded authorization server that apply in both of its modes (the
 * local stack and the bridge to Cognito): clients that register themselves, consent and
 * the grants it keeps.
 */
@ConfigurationProperties(AuthorizationServerProperties.CONFIG_PREFIX)
public final class AuthorizationServerProperties {

	public static final String CONFIG_PREFIX = "authserver";

	/**
	 * Lifetime of access tokens issued to clients that registered themselves.
	 */
	private Duration accessTokenTimeToLive = Duration.ofMinutes(5);

	/**
	 * Lifetime of refresh tokens issued to clients that registered themselves; each is
	 * used once.
	 */
	private Duration refreshTokenTimeToLive = Duration.ofDays(30);

	/**
	 * How long a consent page, and then the approval given on it, stays valid.
	 */
	private Duration consentTimeToLive = Duration.ofMinutes(10);

	/**
	 * Most clients kept that registered themselves; at the bound a registration evicts
	 * the oldest one that never completed a sign-in, else the oldest.
	 */
	private int maxRegisteredClients = 10_000;

	/**
	 * How long a client that registered itself is kept when it never completes a sign-in.
	 */
	private Duration unusedClientTimeToLive = Duration.ofHours(24);

	/**
	 * How often expired grants, registrations, Cognito tokens and HTTP sessions are
	 * deleted from the database.
	 */
	private Duration purgeInterval = Duration.ofMinutes(5);

	/**
	 * Most redirect URIs one client may register.
	 */
	private int maxRedirectUris = 10;

	/**
	 * Largest registration request accepted, in bytes.
	 */
	private int maxRegistrationRequestBytes = 16 * 1024;

	/**
	 * Most grants (pending requests, codes, token families) kept; the oldest go first, at
	 * the next purge.
	 */
	private int maxAuthorizations = 100_000;

	/**
	 * Whether clients may identify themselves by a client ID metadata document (an https
	 * client_id URL).
	 */
	private boolean clientIdMetadataDocuments = true;

	/**
	 * Development only: fetch client ID metadata documents over plain http from the
	 * loopback interface, for tests.
	 */
	private boolean allowLoopbackClientMetadata = false;

	public Duration getAccessTokenTimeToLive() {
		return this.accessTokenTimeToLive;
	}

	public void setAccessTokenTimeToLive(Duration accessTokenTimeToLive) {
		this.accessTokenTimeToLive = accessTokenTimeToLive;
	}

	public Duration getRefreshTokenTimeToLive() {
		return this.refreshTokenTimeToLive;
	}

	public void setRefreshTokenTimeToLive(Duration refreshTokenTimeToLive) {
		this.refreshTokenTimeToLive = refreshTokenTimeToLive;
	}

	public Duration getConsentTimeToLive() {
		return this.consentTimeToLive;
	}

	public void setConsentTimeToLive(Duration consentTimeToLive) {
		this.consentTimeToLive = consentTimeToLive;
	}

	public int getMaxRegisteredClients() {
		return this.maxRegisteredClients;
	}

	public void setMaxRegisteredClients(int maxRegisteredClients) {
		this.maxRegisteredClients = maxRegisteredClients;
	}

	public Duration getUnusedClientTimeToLive() {
		return this.unusedClientTimeToLive;
	}

	public void setUnusedClientTimeToLive(Duration unusedClientTimeToLive) {
		this.unusedClientTimeToLive = unusedClientTimeToLive;
	}

	public Duration getPurgeInterval() {
		return this.purgeInterval;
	}

	public void setPurgeInterval(Duration purgeInterval) {
		this.purgeInterval = purgeInterval;
	}

	public int getMaxRedirectUris() {
		return this.maxRedirectUris;
	}

	public void setMaxRedirectUris(int maxRedirectUris) {
		this.maxRedirectUris = maxRedirectUris;
	}

	public int getMaxRegistrationRequestBytes() {
		return this.maxRegistrationRequestBytes;
	}

	public void setMaxRegistrationRequestBytes(int maxRegistrationRequestBytes) {
		this.maxRegistrationRequestBytes = maxRegistrationRequestBytes;
	}

	public int getMaxAuthorizations() {
		return this.maxAuthorizations;
	}

	public void setMaxAuthorizations(int maxAuthorizations) {
		this.maxAuthorizations = maxAuthorizations;
	}

	public boolean isClientIdMetadataDocuments() {
		return this.clientIdMetadataDocuments;
	}

	public void setClientIdMetadataDocuments(boolean clientIdMetadataDocuments) {
		this.clientIdMetadataDocuments = clientIdMetadataDocuments;
	}

	public boolean isAllowLoopbackClientMetadata() {
		return this.allowLoopbackClientMetadata;
	}

	public void setAllowLoopbackClientMetadata(boolean allowLoopbackClientMetadata) {
		this.allowLoopbackClientMetadata = allowLoopbackClientMetadata;
	}

}
