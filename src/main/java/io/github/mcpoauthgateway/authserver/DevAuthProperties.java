package io.github.mcpoauthgateway.authserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded development authorization server. Development only: it issues
 * tokens to demo users whose passwords are printed in the log.
 */
@ConfigurationProperties(DevAuthProperties.CONFIG_PREFIX)
public final class DevAuthProperties {

	public static final String CONFIG_PREFIX = "dev";

	/**
	 * Development only: whether to run the embedded authorization server with demo users
	 * and clients. The local profile (./mvnw spring-boot:run) turns it on.
	 */
	private boolean enabled = false;

	/**
	 * Development only: accept connections from other hosts too; by default the server
	 * then listens on the loopback interface only.
	 */
	private boolean allowRemote = false;

	/**
	 * Password of the demo user "user"; generated at startup and logged when not set.
	 */
	private @Nullable String userPassword;

	/**
	 * Password of the demo user "admin" (group admin); generated at startup and logged
	 * when not set.
	 */
	private @Nullable String adminPassword;

	/**
	 * Secret of the confidential demo client "mcp-confidential"; generated at startup and
	 * logged when not set.
	 */
	private @Nullable String clientSecret;

	/**
	 * JWK Set (JSON) with the RSA private keys that sign the local stack's tokens, as
	 * bridge.signing-keys: the first signs, all are published. Empty: a key generated at
	 * each start.
	 */
	private @Nullable String signingKeys;

	/**
	 * Scopes the demo clients may request.
	 */
	private Set<String> scopes = new LinkedHashSet<>(List.of("openid", "mcp:tools", "mcp:admin"));

	/**
	 * Lifetime of access tokens (Cognito's default is one hour).
	 */
	private Duration accessTokenTimeToLive = Duration.ofHours(1);

	/**
	 * Lifetime of refresh tokens (Cognito's default is 30 days); each is used once.
	 */
	private Duration refreshTokenTimeToLive = Duration.ofDays(30);

	/**
	 * More clients to register, for example to try other MCP clients locally.
	 */
	private List<Client> clients = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAllowRemote() {
		return this.allowRemote;
	}

	public void setAllowRemote(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	public @Nullable String getUserPassword() {
		return this.userPassword;
	}

	public void setUserPassword(@Nullable String userPassword) {
		this.userPassword = userPassword;
	}

	public @Nullable String getAdminPassword() {
		return this.adminPassword;
	}

	public void setAdminPassword(@Nullable String adminPassword) {
		this.adminPassword = adminPassword;
	}

	public @Nullable String getSigningKeys() {
		return this.signingKeys;
	}

	public void setSigningKeys(@Nullable String signingKeys) {
		this.signingKeys = signingKeys;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public Set<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(Set<String> scopes) {
		this.scopes = scopes;
	}

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

	public List<Client> getClients() {
		return this.clients;
	}

	public void setClients(List<Client> clients) {
		this.clients = clients;
	}

	/**
	 * A client registered by configuration.
	 */
	public static final class Client {

		/**
		 * The client id.
		 */
		private @Nullable String id;

		/**
		 * The client secret; none for a public client (PKCE only).
		 */
		private @Nullable String secret;

		/**
		 * Redirect URIs, matched exactly (a 127.0.0.1 or [::1] URI matches any port).
		 */
		private List<String> redirectUris = new ArrayList<>();

		/**
		 * Scopes the client may request; the demo scopes when empty.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public List<String> getRedirectUris() {
			return this.redirectUris;
		}

		public void setRedirectUris(List<String> redirectUris) {
			this.redirectUris = redirectUris;
		}

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

	}

}
