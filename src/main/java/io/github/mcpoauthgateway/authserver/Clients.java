package io.github.mcpoauthgateway.authserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
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

	/**
	 * Loopback redirect URIs, which match on any port (see {@link RedirectUris}).
	 */
	static final List<String> LOOPBACK_CALLBACKS = List.of("http://127.0.0.1/callback", "http://[::1]/callback");

	static final String DYNAMIC = "dynamic";

	/**
	 * The value of {@link #REGISTRATION} for a client described by a client ID metadata
	 * document.
	 */
	public static final String CIMD = "cimd";

	/**
	 * The client id of this project's command-line client.
	 */
	public static final String COMMAND_LINE_CLIENT = "mcp-cli";

	private Clients() {
	}

	/**
	 * This project's command-line client, registered as a Cognito app client would be: a
	 * public client (PKCE) whose redirect is a loopback URI on any port.
	 * @param scopes the scopes it may request
	 * @param accessTokenTimeToLive lifetime of its access tokens
	 * @param refreshTokenTimeToLive lifetime of its refresh tokens
	 * @return the client
	 */
	public static RegisteredClient commandLineClient(Set<String> scopes, Duration accessTokenTimeToLive,
			Duration refreshTokenTimeToLive) {
		RegisteredClient.Builder builder = RegisteredClient.withId(configuredId(COMMAND_LINE_CLIENT))
			.clientId(COMMAND_LINE_CLIENT)
			.clientName("mcp-oauth-gateway command line")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(LOOPBACK_CALLBACKS))
			.scopes((granted) -> granted.addAll(scopes));
		applyDefaults(builder, null, null, accessTokenTimeToLive, refreshTokenTimeToLive);
		return builder.build();
	}

	/**
	 * The id of a client registered by configuration: the same on every replica and
	 * across restarts, since the grants in the shared database refer to it, and never an
	 * id a registration could take (those are random UUIDs, these are name-based).
	 * @param clientId the client id
	 * @return the id
	 */
	public static String configuredId(String clientId) {
		return UUID.nameUUIDFromBytes(("configured:" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
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
	 * @param builder the client being built
	 * @param existing client settings to keep (a registered JWK Set URL), or {@code null}
	 * @param registration how the client was registered, or {@code null} for
	 * configuration
	 * @param accessTokenTimeToLive lifetime of access tokens
	 * @param refreshTokenTimeToLive lifetime of refresh tokens
	 */
	static void applyDefaults(RegisteredClient.Builder builder, @Nullable ClientSettings existing,
			@Nullable String registration, Duration accessTokenTimeToLive, Duration refreshTokenTimeToLive) {
		ClientSettings.Builder settings = ((existing != null) ? ClientSettings.withSettings(existing.getSettings())
				: ClientSettings.builder())
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
