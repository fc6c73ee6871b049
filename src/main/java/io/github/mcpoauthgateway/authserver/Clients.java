package io.github.mcpoauthgateway.authserver;

import java.time.Duration;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * What every client of this authorization server gets, and how a client registered by
 * itself (RFC 7591 or a client ID metadata document) is told apart from one registered by
 * configuration.
 */
public final class Clients {

	/**
	 * The client setting that records how a client came to be registered.
	 */
	public static final String REGISTRATION = "mcp.registration";

	/**
	 * The client setting holding the verified host of a client ID metadata document.
	 */
	public static final String CIMD_HOST = "mcp.cimd.host";

	static final String DYNAMIC = "dynamic";

	static final String CIMD = "cimd";

	private Clients() {
	}

	/**
	 * Whether the client registered itself, by DCR or by a metadata document.
	 * @param client the client
	 * @return {@code true} unless it was registered by configuration
	 */
	public static boolean isRegistered(RegisteredClient client) {
		return client.getClientSettings().getSetting(REGISTRATION) != null;
	}

	/**
	 * Settings shared by every client: PKCE always, no consent screen of Spring
	 * Authorization Server's (consent is asked before sign-in, see
	 * {@link ClientConsent}), self-contained access tokens, rotating refresh tokens.
	 * @param builder the client being built; its existing client settings are kept
	 * @param registration how the client was registered, or {@code null} for
	 * configuration
	 * @param accessTokenTimeToLive lifetime of access tokens
	 * @param refreshTokenTimeToLive lifetime of refresh tokens
	 */
	static void applyDefaults(RegisteredClient.Builder builder, String registration, Duration accessTokenTimeToLive,
			Duration refreshTokenTimeToLive) {
		ClientSettings existing = builder.build().getClientSettings();
		ClientSettings.Builder settings = ClientSettings.withSettings(existing.getSettings())
			.requireProofKey(true)
			.requireAuthorizationConsent(false);
		if (registration != null) {
			settings.setting(REGISTRATION, registration);
		}
		builder.clientSettings(settings.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(accessTokenTimeToLive)
				.refreshTokenTimeToLive(refreshTokenTimeToLive)
				.reuseRefreshTokens(false)
				.build());
	}

}
