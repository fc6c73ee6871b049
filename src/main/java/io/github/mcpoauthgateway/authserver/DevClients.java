package io.github.mcpoauthgateway.authserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;

/**
 * The demo clients, registered the way a Cognito app client would be: {@code mcp-cli}, a
 * public client for command-line use with a loopback redirect on any port, and
 * {@code mcp-confidential}, a client with a secret; plus any configured ones.
 */
final class DevClients {

	static final String PUBLIC_CLIENT = Clients.COMMAND_LINE_CLIENT;

	static final String CONFIDENTIAL_CLIENT = "mcp-confidential";

	static final List<String> LOOPBACK_CALLBACKS = Clients.LOOPBACK_CALLBACKS;

	private DevClients() {
	}

	static List<RegisteredClient> all(DevAuthProperties properties, String confidentialSecret) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<RegisteredClient> clients = new ArrayList<>();
		clients.add(Clients.commandLineClient(properties.getScopes(), properties.getAccessTokenTimeToLive(),
				properties.getRefreshTokenTimeToLive()));
		clients.add(client(CONFIDENTIAL_CLIENT, encoder.encode(confidentialSecret), LOOPBACK_CALLBACKS,
				properties.getScopes(), properties));
		for (DevAuthProperties.Client configured : properties.getClients()) {
			Assert.hasText(configured.getId(), "dev.clients[].id must be set");
			Assert.notEmpty(configured.getRedirectUris(),
					() -> "dev.clients[].redirect-uris must be set for " + configured.getId());
			String secret = (configured.getSecret() != null) ? encoder.encode(configured.getSecret()) : null;
			Set<String> scopes = configured.getScopes().isEmpty() ? properties.getScopes() : configured.getScopes();
			clients.add(client(configured.getId(), secret, configured.getRedirectUris(), scopes, properties));
		}
		return clients;
	}

	private static RegisteredClient client(String clientId, @Nullable String encodedSecret, List<String> redirectUris,
			Set<String> scopes, DevAuthProperties properties) {
		RegisteredClient.Builder builder = RegisteredClient.withId(Clients.configuredId(clientId))
			.clientId(clientId)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(redirectUris))
			.scopes((granted) -> granted.addAll(scopes));
		// PKCE for every client, as OAuth 2.1 asks; no consent screen for these
		// pre-registered clients, as with a Cognito app client.
		Clients.applyDefaults(builder, null, null, properties.getAccessTokenTimeToLive(),
				properties.getRefreshTokenTimeToLive());
		if (encodedSecret == null) {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		else {
			builder.clientSecret(encodedSecret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		return builder.build();
	}

}
