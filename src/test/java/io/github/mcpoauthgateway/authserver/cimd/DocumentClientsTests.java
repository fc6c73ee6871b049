package io.github.mcpoauthgateway.authserver.cimd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentClientsTests {

	private static final String CLIENT_ID = "https://app.example.com/oauth/client-metadata.json";

	private static final String JWKS_URI = "https://app.example.com/oauth/jwks.json";

	private static final Set<String> OFFERED = Set.of("mcp:tools", "mcp:resources");

	private static final Consumer<RegisteredClient.Builder> DEFAULTS = (builder) -> builder
		.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
		.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build());

	private static Map<String, Object> document() {
		return TestDocuments.publicClient(CLIENT_ID);
	}

	private static RegisteredClient client(Map<String, Object> document, Set<String> offered,
			Consumer<RegisteredClient.Builder> defaults) {
		byte[] json = TestDocuments.json(document).getBytes(StandardCharsets.UTF_8);
		return DocumentClients.registeredClient(
				ClientIdMetadataDocument.parse(json, CLIENT_ID, ClientIdMetadataDocumentSettings.defaults()), offered,
				defaults);
	}

	@Test
	void registeredClientWhenPublicClientThenIdAndClientIdAreTheUrl() {
		RegisteredClient client = client(document(), OFFERED, DEFAULTS);
		assertThat(client.getId()).isEqualTo(CLIENT_ID);
		assertThat(client.getClientId()).isEqualTo(CLIENT_ID);
		assertThat(client.getClientName()).isEqualTo("Example MCP Client");
		assertThat(client.getClientSecret()).isNull();
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getAuthorizationGrantTypes())
			.containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(client.getRedirectUris()).containsExactlyInAnyOrder("http://127.0.0.1/callback",
				"https://app.example.com/oauth/callback");
		assertThat(client.getScopes()).isEqualTo(OFFERED);
	}

	@Test
	void registeredClientWhenDefaultsGivenThenMergedWithCimdSettings() {
		RegisteredClient client = client(document(), OFFERED, DEFAULTS);
		assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isTrue();
		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(5));
		assertThat(client.getClientSettings().<String>getSetting("mcp.registration")).isEqualTo("cimd");
		assertThat(client.getClientSettings().<String>getSetting("mcp.cimd.host")).isEqualTo("app.example.com");
	}

	@Test
	void registeredClientWhenDefaultsTryToLoosenThenDocumentAndPkceWin() {
		Consumer<RegisteredClient.Builder> loose = (builder) -> builder.clientSecret("{noop}secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.redirectUri("https://evil.example/cb")
			.scope("admin")
			.clientSettings(ClientSettings.builder()
				.requireProofKey(false)
				.setting("mcp.registration", "static")
				.jwkSetUrl("https://evil.example/jwks.json")
				.build());
		RegisteredClient client = client(document(), OFFERED, loose);
		assertThat(client.getClientSecret()).isNull();
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getAuthorizationGrantTypes()).doesNotContain(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(client.getRedirectUris()).doesNotContain("https://evil.example/cb");
		assertThat(client.getScopes()).doesNotContain("admin");
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(client.getClientSettings().getJwkSetUrl()).isNull();
		assertThat(client.getClientSettings().<String>getSetting("mcp.registration")).isEqualTo("cimd");
	}

	@Test
	void registeredClientWhenScopeGivenThenIntersectedWithOffered() {
		Map<String, Object> document = document();
		document.put("scope", "mcp:tools admin openid");
		assertThat(client(document, OFFERED, DEFAULTS).getScopes()).containsExactly("mcp:tools");
	}

	@Test
	void registeredClientWhenPrivateKeyJwtThenJwkSetUrlAndAlgorithm() {
		Map<String, Object> document = TestDocuments.privateKeyJwtClient(CLIENT_ID, JWKS_URI);
		document.put("token_endpoint_auth_signing_alg", "ES256");
		RegisteredClient client = client(document, OFFERED, DEFAULTS);
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		assertThat(client.getClientSettings().getJwkSetUrl()).isEqualTo(JWKS_URI);
		assertThat(client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm())
			.isEqualTo(SignatureAlgorithm.ES256);
		assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isTrue();
	}

}
