package io.github.mcpoauthgateway.authserver;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.NoEcho;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What MCP clients that were never configured here meet: anonymous dynamic client
 * registration, the consent page before sign-in, RFC 9207 {@code iss} on every
 * authorization response, loopback redirect URIs on any port, and tokens for the MCP
 * endpoint; against the local stack with its demo users.
 */
class ClientRegistrationAndConsentTests extends AbstractDevStackTests {

	static final String CALLBACK = "http://localhost/callback";

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

	String registerPublicClient(String redirectUri) {
		HttpResponse<String> response = authorizationServer().register("""
				{"client_name":"Test MCP client","redirect_uris":["%s"],"token_endpoint_auth_method":"none",
				 "grant_types":["authorization_code","refresh_token"],"scope":"mcp:tools"}""".formatted(redirectUri));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) json(response).get("client_id");
	}

	String authorizationUrl(String clientId, String redirectUri, Pkce pkce, String state) {
		return authorizationServer().authorizationUrl(clientId, redirectUri, "mcp:tools", pkce, state, resource());
	}

	Map<String, Object> exchange(String clientId, String code, String redirectUri, Pkce pkce) {
		HttpResponse<String> response = authorizationServer().token(Map.of("grant_type", "authorization_code",
				"client_id", clientId, "code", code, "redirect_uri", redirectUri, "code_verifier", pkce.verifier()),
				null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	@Nested
	class Registration {

		@Test
		void registerWhenPublicClientAsksForSomeScopesThenRegisteredWithEveryOfferedScopeOnly() {
			HttpResponse<String> response = authorizationServer().register("""
					{"client_name":"Inspector","redirect_uris":["http://localhost:6274/oauth/callback"],
					 "token_endpoint_auth_method":"none","scope":"mcp:tools admin:everything offline_access"}""");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			Map<String, Object> client = json(response);
			// Unknown scopes dropped; offered ones all granted, so the client can step
			// up.
			assertThat(((String) client.get("scope")).split(" ")).containsExactlyInAnyOrder("openid", "mcp:tools",
					"mcp:admin");
			assertThat(client).containsKey("client_id")
				.containsEntry("token_endpoint_auth_method", "none")
				.doesNotContainKey("client_secret");
			assertThat((List<String>) client.get("grant_types")).containsExactlyInAnyOrder("authorization_code",
					"refresh_token");
		}

		@Test
		void registerWhenNoScopeThenEveryOfferedScope() {
			HttpResponse<String> response = authorizationServer().register("""
					{"redirect_uris":["https://app.example.test/cb"],"token_endpoint_auth_method":"none"}""");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			assertThat(((String) json(response).get("scope")).split(" ")).containsExactlyInAnyOrder("openid",
					"mcp:tools", "mcp:admin");
		}

		@Test
		void registerWhenConfidentialClientThenSecretReturnedOnce() {
			HttpResponse<String> response = authorizationServer().register(
					"""
							{"redirect_uris":["https://app.example.test/cb"],"token_endpoint_auth_method":"client_secret_basic"}""");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			assertThat((String) json(response).get("client_secret")).hasSizeGreaterThan(20);
		}

		@ParameterizedTest
		@ValueSource(strings = { "javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
				"http://evil.example/callback", "https://user:pass@app.example.test/cb",
				"https://app.example.test/a/../cb", "https://app.example.test/a/%2e%2e/cb",
				"https://app.example.test/cb#fragment", "/relative/cb", "vbscript:msgbox" })
		void registerWhenRedirectUriUnsafeThen400InvalidRedirectUri(String redirectUri) {
			String body = "{\"redirect_uris\":[\"" + redirectUri + "\"],\"token_endpoint_auth_method\":\"none\"}";
			HttpResponse<String> response = authorizationServer().register(body);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_redirect_uri");
			NoEcho.assertNoEcho(response, redirectUri);
		}

		@Test
		void registerWhenNoRedirectUriThen400InvalidRedirectUri() {
			HttpResponse<String> response = authorizationServer().register("{\"token_endpoint_auth_method\":\"none\"}");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_redirect_uri")
				.containsEntry("error_description", "redirect_uris is required");
		}

		@Test
		void registerWhenTooManyRedirectUrisThen400InvalidRedirectUri() {
			StringBuilder uris = new StringBuilder();
			for (int i = 0; i < 11; i++) {
				uris.append(i > 0 ? "," : "").append("\"https://app.example.test/cb").append(i).append('"');
			}
			HttpResponse<String> response = authorizationServer().register("{\"redirect_uris\":[" + uris + "]}");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_redirect_uri")
				.containsEntry("error_description", "At most 10 redirect_uris may be registered");
		}

		@Test
		void registerWhenClientCredentialsGrantThen400InvalidClientMetadata() {
			HttpResponse<String> response = authorizationServer().register("""
					{"redirect_uris":["https://app.example.test/cb"],"grant_types":["client_credentials"]}""");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_client_metadata");
		}

		@Test
		void registerWhenClientSecretJwtThen400InvalidClientMetadata() {
			HttpResponse<String> response = authorizationServer().register(
					"""
							{"redirect_uris":["https://app.example.test/cb"],"token_endpoint_auth_method":"client_secret_jwt"}""");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_client_metadata");
		}

		@Test
		void registerWhenRequestOversizedThen413() {
			String padding = "x".repeat(20_000);
			HttpResponse<String> response = authorizationServer()
				.register("{\"client_name\":\"" + padding + "\",\"redirect_uris\":[\"https://app.example.test/cb\"]}");
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(json(response)).containsEntry("error", "invalid_client_metadata");
			NoEcho.assertNoEcho(response, padding);
		}

	}

	@Nested
	class Consent {

		@Test
		void authorizeWhenRegisteredClientThenConsentPageNamesClientRedirectAndScopesBeforeSignIn() {
			String clientId = registerPublicClient(CALLBACK);
			HttpClient browser = DevAuthorizationServer.newUserAgent();
			String url = authorizationUrl(clientId, "http://localhost:43210/callback", Pkce.generate(), "st");
			HttpResponse<String> first = authorizationServer().get(browser, url);
			assertThat(first.statusCode()).isEqualTo(302);
			String consentUrl = DevAuthorizationServer.location(first);
			assertThat(consentUrl).contains("/oauth2/consent?id=").doesNotContain("/login");
			HttpResponse<String> page = authorizationServer().get(browser, consentUrl);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Test MCP client")
				.contains("http://localhost:43210/callback")
				.contains("mcp:tools")
				.contains("has not verified the name")
				.contains("id=\"approve\"")
				.contains("id=\"deny\"");
			assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
		}

		@Test
		void authorizeWhenUserApprovesAndSignsInThenCodeStateAndIssReturnedAndTokenWorksAtMcp() throws Exception {
			String clientId = registerPublicClient(CALLBACK);
			Pkce pkce = Pkce.generate();
			String redirectUri = "http://localhost:43211/callback";
			Map<String, String> response = authorizationServer()
				.authorize(authorizationUrl(clientId, redirectUri, pkce, "state-1"), "user", USER_PASSWORD);
			assertThat(response).containsEntry("state", "state-1").containsEntry("iss", issuer()).containsKey("code");
			Map<String, Object> tokens = exchange(clientId, response.get("code"), redirectUri, pkce);
			String accessToken = (String) tokens.get("access_token");
			assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getAudience()).containsExactly(resource());
			assertThat(tokens).containsKey("refresh_token");
			try (McpSyncClient client = TestMcpClients.connect(port(), accessToken)) {
				McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
				assertThat((Map<String, Object>) whoami.structuredContent()).containsEntry("username", "user")
					.containsEntry("client_id", clientId);
			}
		}

		@Test
		void authorizeWhenUserDeniesThenAccessDeniedWithStateAndIssAndNoSignIn() {
			String clientId = registerPublicClient(CALLBACK);
			HttpResponse<String> response = authorizationServer().signIn(DevAuthorizationServer.newUserAgent(),
					authorizationUrl(clientId, CALLBACK, Pkce.generate(), "state-2"), "user", USER_PASSWORD, "deny");
			Map<String, String> query = DevAuthorizationServer.query(DevAuthorizationServer.location(response));
			assertThat(DevAuthorizationServer.location(response)).startsWith(CALLBACK + "?");
			assertThat(query).containsEntry("error", "access_denied")
				.containsEntry("state", "state-2")
				.containsEntry("iss", issuer())
				.doesNotContainKey("code");
		}

		@Test
		void consentWhenPostedWithoutCsrfTokenThen403AndNothingApproved() {
			String clientId = registerPublicClient(CALLBACK);
			HttpClient browser = DevAuthorizationServer.newUserAgent();
			String consentUrl = DevAuthorizationServer.location(
					authorizationServer().get(browser, authorizationUrl(clientId, CALLBACK, Pkce.generate(), "s")));
			HttpResponse<String> page = authorizationServer().get(browser, consentUrl);
			String id = DevAuthorizationServer.field(page.body(), "id");
			HttpResponse<String> forged = authorizationServer().post(browser, issuer() + "/oauth2/consent",
					Map.of("id", id, "decision", "approve"));
			assertThat(forged.statusCode()).isEqualTo(403);
			assertThat(forged.headers().firstValue("Set-Cookie").orElse("")).doesNotContain("mcp-consent");
		}

		@Test
		void consentWhenApprovedInAnotherBrowserThenThisBrowserGetsNoApproval() {
			String clientId = registerPublicClient(CALLBACK);
			String url = authorizationUrl(clientId, CALLBACK, Pkce.generate(), "s");
			HttpClient attacker = DevAuthorizationServer.newUserAgent();
			String consentUrl = DevAuthorizationServer.location(authorizationServer().get(attacker, url));
			HttpResponse<String> attackerPage = authorizationServer().get(attacker, consentUrl);
			// The victim is sent the attacker's consent page and form values.
			HttpClient victim = DevAuthorizationServer.newUserAgent();
			HttpResponse<String> victimPage = authorizationServer().get(victim, consentUrl);
			assertThat(victimPage.statusCode()).isEqualTo(400);
			assertThat(victimPage.body()).contains(ConsentPageController.EXPIRED);
			HttpResponse<String> replayed = authorizationServer().post(victim, issuer() + "/oauth2/consent",
					Map.of("_csrf", DevAuthorizationServer.csrf(attackerPage.body()), "id",
							DevAuthorizationServer.field(attackerPage.body(), "id"), "decision", "approve"));
			assertThat(replayed.statusCode()).isEqualTo(403);
		}

		@Test
		void authorizeWhenApprovalUsedOnceThenSameRequestNeedsConsentAgain() {
			String clientId = registerPublicClient(CALLBACK);
			HttpClient browser = DevAuthorizationServer.newUserAgent();
			String url = authorizationUrl(clientId, CALLBACK, Pkce.generate(), "s");
			HttpResponse<String> done = authorizationServer().signIn(browser, url, "user", USER_PASSWORD, "approve");
			assertThat(DevAuthorizationServer.location(done)).contains("code=");
			HttpResponse<String> again = authorizationServer().get(browser, url);
			assertThat(DevAuthorizationServer.location(again)).contains("/oauth2/consent?id=");
		}

		@Test
		void authorizeWhenConsentIdUnknownThen400Page() {
			HttpResponse<String> page = authorizationServer().get(DevAuthorizationServer.newUserAgent(),
					issuer() + "/oauth2/consent?id=made-up");
			assertThat(page.statusCode()).isEqualTo(400);
			assertThat(page.body()).contains(ConsentPageController.EXPIRED).contains("MCP OAuth Gateway");
			NoEcho.assertNoEcho(page, "made-up");
		}

		@Test
		void authorizeWhenConfiguredClientThenNoConsentPage() {
			HttpResponse<String> first = authorizationServer().get(DevAuthorizationServer.newUserAgent(),
					authorizationServer().authorizationUrl(DevAuthorizationServer.PUBLIC_CLIENT,
							DevAuthorizationServer.REDIRECT_URI, "mcp:tools", Pkce.generate(), "s", resource()));
			assertThat(DevAuthorizationServer.location(first)).endsWith("/login");
		}

	}

	@Nested
	class RedirectUris {

		@Test
		void authorizeWhenPortlessLocalhostRegisteredThenAnyPortAccepted() {
			String clientId = registerPublicClient("http://localhost/callback");
			Map<String, String> response = authorizationServer().authorize(
					authorizationUrl(clientId, "http://localhost:51234/callback", Pkce.generate(), "s"), "user",
					USER_PASSWORD);
			assertThat(response).containsKey("code");
		}

		@Test
		void authorizeWhenLoopbackPathDiffersThen400PageWithoutRedirect() {
			String clientId = registerPublicClient("http://localhost/callback");
			HttpResponse<String> response = authorizationServer().signIn(
					authorizationUrl(clientId, "http://localhost:51234/other", Pkce.generate(), "s"), "user",
					USER_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).isEmpty();
		}

		@Test
		void authorizeWhenRedirectUriNotRegisteredThenProductErrorPageNotWhitelabel() {
			String evil = "https://evil.example/steal";
			HttpResponse<String> response = authorizationServer()
				.signIn(authorizationServer().authorizationUrl(DevAuthorizationServer.PUBLIC_CLIENT, evil, "mcp:tools",
						Pkce.generate(), "s", resource()), "user", USER_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
			assertThat(response.body()).contains("Return address not allowed")
				.contains("MCP OAuth Gateway")
				.doesNotContain("Whitelabel");
			NoEcho.assertNoEcho(response, evil);
		}

		@Test
		void authorizeWhenLookAlikeRedirectUriThen400WithoutRedirect() {
			String clientId = registerPublicClient("https://app.example.test/cb");
			for (String lookAlike : List.of("https://app.example.test/cb/", "https://app.example.test.evil.example/cb",
					"https://app.example.test/cb?x=1", "https://APP.example.test/cb",
					"https://app.example.test:8443/cb")) {
				HttpResponse<String> response = authorizationServer()
					.signIn(authorizationUrl(clientId, lookAlike, Pkce.generate(), "s"), "user", USER_PASSWORD);
				assertThat(response.statusCode()).as(lookAlike).isEqualTo(400);
				assertThat(response.headers().firstValue("Location")).as(lookAlike).isEmpty();
			}
		}

		@Test
		void authorizeWhenUnknownClientThenProductErrorPage() {
			HttpResponse<String> response = authorizationServer().signIn(authorizationServer().authorizationUrl(
					"no-such-client", CALLBACK, "mcp:tools", Pkce.generate(), "s", resource()), "user", USER_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("Unknown application").doesNotContain("Whitelabel");
		}

	}

	@Nested
	class Tokens {

		@Test
		void authorizeWhenOfflineAccessRequestedThenIgnoredAndRefreshTokenIssued() {
			String clientId = registerPublicClient(CALLBACK);
			Pkce pkce = Pkce.generate();
			String url = authorizationServer().authorizationUrl(clientId, CALLBACK, "mcp:tools offline_access", pkce,
					"s", resource());
			Map<String, String> response = authorizationServer().authorize(url, "user", USER_PASSWORD);
			Map<String, Object> tokens = exchange(clientId, response.get("code"), CALLBACK, pkce);
			assertThat(tokens).containsEntry("scope", "mcp:tools").containsKey("refresh_token");
		}

		@Test
		void refreshWhenRotatedTokenReusedThenWholeFamilyRevoked() {
			String clientId = registerPublicClient(CALLBACK);
			Pkce pkce = Pkce.generate();
			Map<String, String> response = authorizationServer()
				.authorize(authorizationUrl(clientId, CALLBACK, pkce, "s"), "user", USER_PASSWORD);
			String first = (String) exchange(clientId, response.get("code"), CALLBACK, pkce).get("refresh_token");
			HttpResponse<String> rotated = authorizationServer()
				.token(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", first), null);
			assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
			String second = (String) json(rotated).get("refresh_token");
			assertThat(second).isNotEqualTo(first);
			HttpResponse<String> reused = authorizationServer()
				.token(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", first), null);
			assertThat(reused.statusCode()).isEqualTo(400);
			assertThat(json(reused)).containsEntry("error", "invalid_grant");
			NoEcho.assertNoEcho(reused, first);
			HttpResponse<String> familyGone = authorizationServer()
				.token(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", second), null);
			assertThat(familyGone.statusCode()).isEqualTo(400);
			assertThat(json(familyGone)).containsEntry("error", "invalid_grant");
		}

		@Test
		void revokeWhenPublicClientRevokesItsRefreshTokenThenRefreshRefused() {
			String clientId = registerPublicClient(CALLBACK);
			Pkce pkce = Pkce.generate();
			Map<String, String> response = authorizationServer()
				.authorize(authorizationUrl(clientId, CALLBACK, pkce, "s"), "user", USER_PASSWORD);
			String refreshToken = (String) exchange(clientId, response.get("code"), CALLBACK, pkce)
				.get("refresh_token");
			HttpResponse<String> revoked = authorizationServer().post(DevAuthorizationServer.newUserAgent(),
					issuer() + "/oauth2/revoke",
					Map.of("client_id", clientId, "token", refreshToken, "token_type_hint", "refresh_token"));
			assertThat(revoked.statusCode()).isEqualTo(200);
			HttpResponse<String> refused = authorizationServer().token(
					Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken), null);
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(json(refused)).containsEntry("error", "invalid_grant");
		}

		@Test
		void revokeWhenAnotherPublicClientsTokenThenNotRevoked() {
			String owner = registerPublicClient(CALLBACK);
			String other = registerPublicClient(CALLBACK);
			Pkce pkce = Pkce.generate();
			Map<String, String> response = authorizationServer().authorize(authorizationUrl(owner, CALLBACK, pkce, "s"),
					"user", USER_PASSWORD);
			String refreshToken = (String) exchange(owner, response.get("code"), CALLBACK, pkce).get("refresh_token");
			HttpResponse<String> attempt = authorizationServer().post(DevAuthorizationServer.newUserAgent(),
					issuer() + "/oauth2/revoke", Map.of("client_id", other, "token", refreshToken));
			assertThat(attempt.statusCode()).isEqualTo(400);
			assertThat(json(attempt)).containsEntry("error", "invalid_client");
			HttpResponse<String> stillValid = authorizationServer()
				.token(Map.of("grant_type", "refresh_token", "client_id", owner, "refresh_token", refreshToken), null);
			assertThat(stillValid.statusCode()).as(stillValid.body()).isEqualTo(200);
		}

		@Test
		void introspectWhenPublicClientWithoutSecretThen401() {
			String clientId = registerPublicClient(CALLBACK);
			HttpResponse<String> response = authorizationServer().post(DevAuthorizationServer.newUserAgent(),
					issuer() + "/oauth2/introspect",
					Map.of("client_id", clientId, "token", "anything", "grant_type", "refresh_token"));
			// Introspection is for authenticated clients only; no public-client shortcut.
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("active");
		}

		@Test
		void tokenWhenCodeInjectedFromAnotherClientThen400InvalidGrant() {
			String victimClient = registerPublicClient(CALLBACK);
			String attackerClient = registerPublicClient(CALLBACK);
			Pkce pkce = Pkce.generate();
			Map<String, String> response = authorizationServer()
				.authorize(authorizationUrl(victimClient, CALLBACK, pkce, "s"), "user", USER_PASSWORD);
			HttpResponse<String> injected = authorizationServer()
				.token(Map.of("grant_type", "authorization_code", "client_id", attackerClient, "code",
						response.get("code"), "redirect_uri", CALLBACK, "code_verifier", pkce.verifier()), null);
			assertThat(injected.statusCode()).isEqualTo(400);
			assertThat(json(injected)).containsEntry("error", "invalid_grant");
		}

		@Test
		void authorizeWhenPkceMissingThenInvalidRequestSentToClientWithIss() {
			String clientId = registerPublicClient(CALLBACK);
			String url = authorizationUrl(clientId, CALLBACK, Pkce.generate(), "s")
				.replaceAll("&code_challenge=[^&]*", "")
				.replaceAll("&code_challenge_method=S256", "");
			Map<String, String> response = authorizationServer().authorize(url, "user", USER_PASSWORD);
			assertThat(response).containsEntry("error", "invalid_request")
				.containsEntry("state", "s")
				.containsEntry("iss", issuer());
		}

	}

}
