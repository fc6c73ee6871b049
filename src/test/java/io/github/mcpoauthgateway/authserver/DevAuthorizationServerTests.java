package io.github.mcpoauthgateway.authserver;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.github.mcpoauthgateway.testsupport.DevAuthorizationServer.CONFIDENTIAL_CLIENT;
import static io.github.mcpoauthgateway.testsupport.DevAuthorizationServer.PUBLIC_CLIENT;
import static io.github.mcpoauthgateway.testsupport.DevAuthorizationServer.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded authorization server of the local stack, over HTTP: metadata, the code
 * flow with PKCE, refresh, resource indicators, client authentication, the shape of its
 * tokens, and their use at the MCP endpoint.
 */
class DevAuthorizationServerTests extends AbstractDevStackTests {

	static final String SCOPE = "openid mcp:tools";

	record IssuedTokens(String accessToken, String refreshToken, Map<String, Object> response) {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

	Map<String, String> authorize(String clientId, String scope, Pkce pkce, String state, String resource,
			String username, String password) {
		String url = authorizationServer().authorizationUrl(clientId, REDIRECT_URI, scope, pkce, state, resource);
		return authorizationServer().authorize(url, username, password);
	}

	HttpResponse<String> exchange(String code, Pkce pkce, String resource) {
		Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code", "client_id",
				PUBLIC_CLIENT, "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
		if (resource != null) {
			form.put("resource", resource);
		}
		return authorizationServer().token(form, null);
	}

	IssuedTokens login(String username, String password, String scope, String resource) {
		Pkce pkce = Pkce.generate();
		Map<String, String> redirect = authorize(PUBLIC_CLIENT, scope, pkce, "s1", resource, username, password);
		HttpResponse<String> response = exchange(redirect.get("code"), pkce, resource);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> body = json(response);
		return new IssuedTokens((String) body.get("access_token"), (String) body.get("refresh_token"), body);
	}

	static JWTClaimsSet claims(String token) throws ParseException {
		return SignedJWT.parse(token).getJWTClaimsSet();
	}

	@Nested
	class Metadata {

		@Test
		void getAuthorizationServerMetadataThenPkceS256AndPublicClientsAdvertised() {
			Map<String, Object> metadata = json(
					McpHttp.send(new McpHttp(port()).get("/.well-known/oauth-authorization-server")));
			assertThat(metadata).containsEntry("issuer", issuer())
				.containsEntry("authorization_endpoint", issuer() + "/oauth2/authorize")
				.containsEntry("token_endpoint", issuer() + "/oauth2/token")
				.containsEntry("code_challenge_methods_supported", List.of("S256"))
				.containsEntry("grant_types_supported", List.of("authorization_code", "refresh_token"))
				.containsEntry("token_endpoint_auth_methods_supported",
						List.of("none", "client_secret_basic", "client_secret_post", "private_key_jwt"))
				.containsEntry("registration_endpoint", issuer() + "/oauth2/register")
				.containsEntry("authorization_response_iss_parameter_supported", true)
				.containsEntry("client_id_metadata_document_supported", true)
				.containsEntry("scopes_supported", List.of("openid", "mcp:tools", "mcp:admin"))
				.doesNotContainKeys("dpop_signing_alg_values_supported", "tls_client_certificate_bound_access_tokens");
		}

		@Test
		void getOpenIdDiscoveryThenCodeChallengeMethodsPresent() {
			Map<String, Object> discovery = json(
					McpHttp.send(new McpHttp(port()).get("/.well-known/openid-configuration")));
			assertThat(discovery).containsEntry("issuer", issuer())
				.containsEntry("code_challenge_methods_supported", List.of("S256"))
				.containsEntry("registration_endpoint", issuer() + "/oauth2/register")
				.containsEntry("authorization_response_iss_parameter_supported", true)
				.containsEntry("jwks_uri", issuer() + "/oauth2/jwks");
		}

		@Test
		void getProtectedResourceMetadataThenPointsAtThisIssuer() {
			Map<String, Object> metadata = json(
					McpHttp.send(new McpHttp(port()).get("/.well-known/oauth-protected-resource/mcp")));
			assertThat(metadata).containsEntry("resource", resource())
				.containsEntry("authorization_servers", List.of(issuer()))
				.containsEntry("scopes_supported", List.of("mcp:tools", "mcp:admin"));
		}

	}

	@Nested
	class AuthorizationCodeFlow {

		@Test
		void loginWhenWrongPasswordThenLoginPageWithClearMessage() {
			String url = authorizationServer().authorizationUrl(PUBLIC_CLIENT, REDIRECT_URI, SCOPE, Pkce.generate(),
					"s", resource());
			HttpResponse<String> response = authorizationServer().signIn(url, "user", "wrong-password");
			assertThat(response.statusCode()).isEqualTo(302);
			String location = response.headers().firstValue("Location").orElseThrow();
			assertThat(location).endsWith("/login?error");
			HttpResponse<String> page = McpHttp.send(new McpHttp(port()).get("/login?error"));
			assertThat(page.body()).contains("Incorrect username or password.")
				.contains("MCP OAuth Gateway")
				.doesNotContain("wrong-password");
		}

		@Test
		void authorizeWhenUnknownClientThen400WithoutRedirect() {
			String url = authorizationServer().authorizationUrl("no-such-client", REDIRECT_URI, SCOPE, Pkce.generate(),
					"s", resource());
			HttpResponse<String> response = authorizationServer().signIn(url, "user", USER_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).isEmpty();
		}

		@Test
		void authorizeWhenRedirectUriNotRegisteredThen400WithoutRedirect() {
			String url = authorizationServer().authorizationUrl(PUBLIC_CLIENT, "https://evil.example/callback", SCOPE,
					Pkce.generate(), "s", resource());
			HttpResponse<String> response = authorizationServer().signIn(url, "user", USER_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).isEmpty();
		}

		@Test
		void authorizeWhenLoopbackRedirectOnAnyPortThenCodeAndStateReturned() {
			Pkce pkce = Pkce.generate();
			String url = authorizationServer().authorizationUrl(PUBLIC_CLIENT, "http://127.0.0.1:61234/callback", SCOPE,
					pkce, "state-123", resource());
			HttpResponse<String> response = authorizationServer().signIn(url, "user", USER_PASSWORD);
			String location = response.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith("http://127.0.0.1:61234/callback?code=");
			assertThat(DevAuthorizationServer.query(location)).containsEntry("state", "state-123");
		}

		@Test
		void authorizeWhenPlainCodeChallengeThenInvalidRequest() {
			String url = authorizationServer()
				.authorizationUrl(PUBLIC_CLIENT, REDIRECT_URI, SCOPE, Pkce.generate(), "s", resource())
				.replace("code_challenge_method=S256", "code_challenge_method=plain");
			assertThat(authorizationServer().authorize(url, "user", USER_PASSWORD)).containsEntry("error",
					"invalid_request");
		}

		@Test
		void tokenWhenVerifierDoesNotMatchThen400InvalidGrant() {
			Map<String, String> redirect = authorize(PUBLIC_CLIENT, SCOPE, Pkce.generate(), "s", resource(), "user",
					USER_PASSWORD);
			HttpResponse<String> response = exchange(redirect.get("code"), Pkce.generate(), resource());
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_grant");
		}

		@Test
		void tokenWhenCodeUsedTwiceThen400InvalidGrant() {
			Pkce pkce = Pkce.generate();
			Map<String, String> redirect = authorize(PUBLIC_CLIENT, SCOPE, pkce, "s", resource(), "user",
					USER_PASSWORD);
			assertThat(exchange(redirect.get("code"), pkce, resource()).statusCode()).isEqualTo(200);
			HttpResponse<String> replay = exchange(redirect.get("code"), pkce, resource());
			assertThat(replay.statusCode()).isEqualTo(400);
			assertThat(json(replay)).containsEntry("error", "invalid_grant");
		}

		@Test
		void refreshWhenPublicClientThenNewTokensAndOldRefreshTokenRefused() throws ParseException {
			IssuedTokens first = login("user", USER_PASSWORD, SCOPE, resource());
			assertThat(first.refreshToken()).isNotBlank();
			HttpResponse<String> refreshed = authorizationServer().token(Map.of("grant_type", "refresh_token",
					"client_id", PUBLIC_CLIENT, "refresh_token", first.refreshToken()), null);
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			Map<String, Object> second = json(refreshed);
			assertThat(second.get("refresh_token")).isNotNull().isNotEqualTo(first.refreshToken());
			assertThat(claims((String) second.get("access_token")).getAudience()).containsExactly(resource());

			HttpResponse<String> reuse = authorizationServer().token(Map.of("grant_type", "refresh_token", "client_id",
					PUBLIC_CLIENT, "refresh_token", first.refreshToken()), null);
			assertThat(reuse.statusCode()).isEqualTo(400);
			assertThat(json(reuse)).containsEntry("error", "invalid_grant");
		}

		@Test
		void authorizeWhenUnknownResourceThenInvalidTargetSentToClient() {
			Map<String, String> redirect = authorize(PUBLIC_CLIENT, SCOPE, Pkce.generate(), "s",
					"https://other.example/mcp", "user", USER_PASSWORD);
			assertThat(redirect).containsEntry("error", "invalid_target")
				.containsEntry("state", "s")
				.doesNotContainKey("code");
		}

		@Test
		void tokenWhenResourceDiffersFromAuthorizedOneThen400InvalidTarget() {
			Pkce pkce = Pkce.generate();
			Map<String, String> redirect = authorize(PUBLIC_CLIENT, SCOPE, pkce, "s", resource(), "user",
					USER_PASSWORD);
			HttpResponse<String> response = exchange(redirect.get("code"), pkce, "https://other.example/mcp");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response)).containsEntry("error", "invalid_target");
		}

		@Test
		void tokenWhenConfidentialClientWithBasicOrPostThenTokens() {
			for (boolean basic : List.of(true, false)) {
				Pkce pkce = Pkce.generate();
				Map<String, String> redirect = authorize(CONFIDENTIAL_CLIENT, SCOPE, pkce, "s", resource(), "user",
						USER_PASSWORD);
				Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code",
						"code", redirect.get("code"), "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
				if (!basic) {
					form.put("client_id", CONFIDENTIAL_CLIENT);
					form.put("client_secret", CLIENT_SECRET);
				}
				HttpResponse<String> response = authorizationServer().token(form,
						basic ? CONFIDENTIAL_CLIENT + ":" + CLIENT_SECRET : null);
				assertThat(response.statusCode()).as("basic=" + basic + " " + response.body()).isEqualTo(200);
			}
		}

		@Test
		void authorizeWhenClientRegisteredByConfigurationThenItsOwnRedirectUriAndScopesApply() {
			Pkce pkce = Pkce.generate();
			String url = authorizationServer().authorizationUrl("inspector", "http://localhost:6274/oauth/callback",
					"mcp:tools", pkce, "s", resource());
			assertThat(authorizationServer().authorize(url, "user", USER_PASSWORD)).containsKey("code");
			String tooWide = authorizationServer().authorizationUrl("inspector", "http://localhost:6274/oauth/callback",
					"mcp:admin", pkce, "s", resource());
			assertThat(authorizationServer().authorize(tooWide, "user", USER_PASSWORD)).containsEntry("error",
					"invalid_scope");
		}

		@Test
		void tokenWhenConfiguredConfidentialClientThenItsSecretIsRequired() {
			Pkce pkce = Pkce.generate();
			String url = authorizationServer().authorizationUrl("web-app", "https://app.example.test/callback", SCOPE,
					pkce, "s", resource());
			Map<String, String> redirect = authorizationServer().authorize(url, "user", USER_PASSWORD);
			Map<String, String> form = Map.of("grant_type", "authorization_code", "code", redirect.get("code"),
					"redirect_uri", "https://app.example.test/callback", "code_verifier", pkce.verifier());
			assertThat(authorizationServer().token(form, "web-app:wrong").statusCode()).isEqualTo(401);
			assertThat(authorizationServer().token(form, "web-app:web-secret").statusCode()).isEqualTo(200);
		}

		@Test
		void tokenWhenConfidentialClientWithWrongSecretThen401InvalidClient() {
			Pkce pkce = Pkce.generate();
			Map<String, String> redirect = authorize(CONFIDENTIAL_CLIENT, SCOPE, pkce, "s", resource(), "user",
					USER_PASSWORD);
			HttpResponse<String> response = authorizationServer().token(Map.of("grant_type", "authorization_code",
					"code", redirect.get("code"), "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()),
					CONFIDENTIAL_CLIENT + ":wrong");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(json(response)).containsEntry("error", "invalid_client");
		}

	}

	@Nested
	class Tokens {

		@Test
		void accessTokenWhenResourceRequestedThenCognitoShapeWithAudience() throws ParseException {
			SignedJWT jwt = SignedJWT.parse(login("admin", ADMIN_PASSWORD, SCOPE, resource()).accessToken());
			assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
			assertThat(jwt.getHeader().getKeyID()).startsWith("dev-");
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getIssuer()).isEqualTo(issuer());
			assertThat(UUID.fromString(claims.getSubject())).isNotNull();
			assertThat(claims.getAudience()).containsExactly(resource());
			assertThat(claims.getClaims()).containsEntry("token_use", "access")
				.containsEntry("client_id", PUBLIC_CLIENT)
				.containsEntry("scope", "mcp:tools openid")
				.containsEntry("username", "admin")
				.containsEntry("cognito:groups", List.of("admin", "users"))
				.containsKeys("jti", "auth_time", "exp", "iat")
				.doesNotContainKey("nbf");
		}

		@Test
		void accessTokenWhenNoResourceThenNoAudienceAndAcceptedByClientId() throws ParseException {
			String token = login("user", USER_PASSWORD, SCOPE, null).accessToken();
			assertThat(claims(token).getAudience()).isEmpty();
			try (McpSyncClient client = TestMcpClients.connect(port(), token)) {
				assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("whoami");
			}
		}

		@Test
		void subjectWhenSameUserLogsInTwiceThenStable() throws ParseException {
			assertThat(claims(login("user", USER_PASSWORD, SCOPE, resource()).accessToken()).getSubject())
				.isEqualTo(claims(login("user", USER_PASSWORD, SCOPE, resource()).accessToken()).getSubject());
		}

	}

	@Nested
	@SuppressWarnings("unchecked")
	class ToolAccessWithDevTokens {

		@Test
		void callToolsWhenUserTokenThenListedToolsWork() {
			String token = login("user", USER_PASSWORD, SCOPE, resource()).accessToken();
			try (McpSyncClient client = TestMcpClients.connect(port(), token)) {
				assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
					.containsExactlyInAnyOrder("whoami", "current_time", "hash_text");
				McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
				assertThat((Map<String, Object>) whoami.structuredContent()).containsEntry("username", "user")
					.containsEntry("client_id", PUBLIC_CLIENT);
			}
		}

		@Test
		void callAdminToolWhenNotInAdminGroupThen403InsufficientScope() {
			String token = login("user", USER_PASSWORD, "openid mcp:tools mcp:admin", resource()).accessToken();
			HttpResponse<String> response = McpHttp
				.send(new McpHttp(port()).post(McpHttp.toolCall("server_status", "{}"))
					.header("Authorization", "Bearer " + token));
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
					"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow calling this tool\", resource_metadata=\""
							+ issuer() + "/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:tools mcp:admin\"");
		}

		@Test
		void callAdminToolWhenAdminStepsUpToAdminScopeThenAllowed() {
			String basic = login("admin", ADMIN_PASSWORD, SCOPE, resource()).accessToken();
			HttpResponse<String> denied = McpHttp.send(new McpHttp(port()).post(McpHttp.toolCall("server_status", "{}"))
				.header("Authorization", "Bearer " + basic));
			assertThat(denied.statusCode()).isEqualTo(403);
			assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
				.contains("scope=\"mcp:tools mcp:admin\"");

			String steppedUp = login("admin", ADMIN_PASSWORD, "openid mcp:tools mcp:admin", resource()).accessToken();
			try (McpSyncClient client = TestMcpClients.connect(port(), steppedUp)) {
				McpSchema.CallToolResult status = client
					.callTool(new McpSchema.CallToolRequest("server_status", Map.of()));
				assertThat(status.isError()).isFalse();
			}
		}

	}

}
