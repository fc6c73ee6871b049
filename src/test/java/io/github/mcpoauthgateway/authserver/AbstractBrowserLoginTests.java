package io.github.mcpoauthgateway.authserver;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.LoopbackCallbackServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole local flow as a user lives it, with a real browser at the login page: an MCP
 * request is refused, the client discovers the authorization server from the challenge,
 * the user signs in, the code reaches a loopback redirect, and the token opens the tools.
 */
abstract class AbstractBrowserLoginTests extends AbstractDevStackTests {

	private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	/**
	 * Opens the URL in the browser, signs in, and returns the text of the page the
	 * browser ends on.
	 */
	abstract String signInWithBrowser(String authorizationUrl, String username, String password);

	@Test
	@SuppressWarnings("unchecked")
	void mcpWhenUserSignsInThroughBrowserThenToolsCanBeCalled() {
		McpHttp http = new McpHttp(port());
		// 1. The MCP request without a token is refused with a challenge.
		HttpResponse<String> refused = McpHttp.send(http.post(McpHttp.INITIALIZE));
		assertThat(refused.statusCode()).isEqualTo(401);
		Map<String, String> challenge = parameters(refused.headers().firstValue("WWW-Authenticate").orElseThrow());
		// 2. The challenge names the protected resource metadata (RFC 9728).
		Map<String, Object> resourceMetadata = json(McpHttp.send(http.get(path(challenge.get("resource_metadata")))));
		String resource = (String) resourceMetadata.get("resource");
		String issuer = ((List<String>) resourceMetadata.get("authorization_servers")).get(0);
		assertThat(resource).isEqualTo(resource());
		// 3. The authorization server metadata (RFC 8414) gives the endpoints and PKCE.
		Map<String, Object> serverMetadata = json(
				McpHttp.send(http.get(path(issuer + "/.well-known/oauth-authorization-server"))));
		assertThat((List<String>) serverMetadata.get("code_challenge_methods_supported")).contains("S256");

		try (LoopbackCallbackServer callback = new LoopbackCallbackServer()) {
			// 4. Authorization request with PKCE, state and the resource indicator.
			Pkce pkce = Pkce.generate();
			String state = UUID.randomUUID().toString();
			String authorizationUrl = new DevAuthorizationServer(issuer).authorizationUrl(
					DevAuthorizationServer.PUBLIC_CLIENT, callback.redirectUri(), challenge.get("scope"), pkce, state,
					resource);
			assertThat(authorizationUrl).startsWith((String) serverMetadata.get("authorization_endpoint"));
			// 5. The user signs in in the browser and lands on the loopback redirect.
			String finalPage = signInWithBrowser(authorizationUrl, "user", USER_PASSWORD);
			assertThat(finalPage).contains("You can close this tab.");
			Map<String, String> response = callback.awaitResponse();
			assertThat(response).containsEntry("state", state).containsKey("code");
			// 6. The code is exchanged at the token endpoint.
			HttpResponse<String> tokenResponse = new DevAuthorizationServer(issuer)
				.token(Map.of("grant_type", "authorization_code", "client_id", DevAuthorizationServer.PUBLIC_CLIENT,
						"code", response.get("code"), "redirect_uri", callback.redirectUri(), "code_verifier",
						pkce.verifier(), "resource", resource), null);
			assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
			String accessToken = (String) json(tokenResponse).get("access_token");
			// 7. The MCP client lists and calls tools with the token.
			try (McpSyncClient client = TestMcpClients.connect(port(), accessToken)) {
				assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("whoami", "hash_text");
				McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
				assertThat((Map<String, Object>) whoami.structuredContent()).containsEntry("username", "user")
					.containsEntry("issuer", issuer);
			}
		}
	}

	@Test
	void loginWhenWrongPasswordThenPageSaysSoAndNoCodeIsSent() {
		try (LoopbackCallbackServer callback = new LoopbackCallbackServer()) {
			String authorizationUrl = authorizationServer().authorizationUrl(DevAuthorizationServer.PUBLIC_CLIENT,
					callback.redirectUri(), "mcp:tools", Pkce.generate(), "s", resource());
			String page = signInWithBrowser(authorizationUrl, "user", "not-the-password");
			assertThat(page).contains("Incorrect username or password.").contains("Sign in");
		}
	}

	private static Map<String, String> parameters(String challenge) {
		Map<String, String> parameters = new java.util.HashMap<>();
		Matcher matcher = PARAMETER.matcher(challenge);
		while (matcher.find()) {
			parameters.put(matcher.group(1), matcher.group(2));
		}
		return parameters;
	}

	private static String path(String url) {
		return java.net.URI.create(url).getRawPath();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

}
