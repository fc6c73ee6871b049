package io.github.mcpoauthgateway.authserver.bridge;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauthgateway.testsupport.BridgeStack;
import io.github.mcpoauthgateway.testsupport.CognitoLocal;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.NoEcho;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bridge mode end to end, with cognito-local as the upstream login: a client that was
 * never configured registers, the user approves it, signs in on Cognito's form, and the
 * client calls tools with a token the bridge minted; refresh asks Cognito again; and the
 * attacks on the bridge's own flow are refused.
 */
class BridgeModeTests {

	static final String PASSWORD = BridgeStack.PASSWORD;

	static BridgeStack stack;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(CognitoLocal.installed(), "cognito-local is not installed: run npm ci --prefix .ci");
		stack = BridgeStack.start();
		stack.createUser("carol@example.test");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (stack != null) {
			stack.close();
		}
	}

	static String issuer() {
		return stack.issuer();
	}

	static String resource() {
		return stack.resource();
	}

	static DevAuthorizationServer bridge() {
		return stack.authorizationServer();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

	static String register(String redirectUri) {
		HttpResponse<String> response = bridge().register("""
				{"client_name":"Bridge test client","redirect_uris":["%s"],"token_endpoint_auth_method":"none"}"""
			.formatted(redirectUri));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) json(response).get("client_id");
	}

	record SignedIn(String clientId, Map<String, Object> tokens) {
	}

	static SignedIn signIn(String username) {
		String clientId = register("http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:40123/callback";
		String url = bridge().authorizationUrl(clientId, redirectUri, "mcp:tools", pkce, "st", resource());
		Map<String, String> response = bridge().authorize(url, username, PASSWORD);
		assertThat(response).containsEntry("state", "st").containsEntry("iss", issuer()).containsKey("code");
		HttpResponse<String> tokens = bridge()
			.token(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", response.get("code"),
					"redirect_uri", redirectUri, "code_verifier", pkce.verifier(), "resource", resource()), null);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return new SignedIn(clientId, json(tokens));
	}

	static HttpResponse<String> refresh(SignedIn signedIn, String refreshToken) {
		return bridge().token(
				Map.of("grant_type", "refresh_token", "client_id", signedIn.clientId(), "refresh_token", refreshToken),
				null);
	}

	static HttpResponse<String> initialize(String token) {
		return McpHttp
			.send(new McpHttp(stack.port()).post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + token));
	}

	@Test
	@SuppressWarnings("unchecked")
	void metadataWhenBridgeModeThenClientsAreSentToTheBridgeWithRegistrationAndS256() {
		Map<String, Object> resource = json(
				McpHttp.send(new McpHttp(stack.port()).get("/.well-known/oauth-protected-resource/mcp")));
		assertThat((List<String>) resource.get("authorization_servers")).containsExactly(issuer());
		Map<String, Object> server = json(
				McpHttp.send(new McpHttp(stack.port()).get("/.well-known/oauth-authorization-server")));
		assertThat(server).containsEntry("issuer", issuer())
			.containsEntry("registration_endpoint", issuer() + "/oauth2/register")
			.containsEntry("code_challenge_methods_supported", List.of("S256"))
			.containsEntry("authorization_response_iss_parameter_supported", true);
	}

	@Test
	@SuppressWarnings("unchecked")
	void signInWhenRegisteredClientApprovedAndCognitoUserSignsInThenBridgeTokenCallsTools() throws Exception {
		SignedIn signedIn = signIn("carol@example.test");
		String accessToken = (String) signedIn.tokens().get("access_token");
		JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(issuer());
		assertThat(claims.getAudience()).containsExactly(resource());
		assertThat(claims.getStringClaim("client_id")).isEqualTo(signedIn.clientId());
		assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
		// Cognito's cognito:username (cognito-local, like a pool with email sign-in, uses
		// an internal name for it).
		String username = claims.getStringClaim("username");
		assertThat(username).isNotBlank();
		assertThat(claims.getSubject()).matches("[0-9a-f-]{36}");
		assertThat(SignedJWT.parse(accessToken).getHeader().getKeyID()).isEqualTo(stack.signingKey().getKeyID());
		assertThat(accessToken).doesNotContain(stack.upstreamIssuer());
		try (McpSyncClient client = TestMcpClients.connect(stack.port(), accessToken)) {
			McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
			assertThat((Map<String, Object>) whoami.structuredContent()).containsEntry("username", username)
				.containsEntry("subject", claims.getSubject())
				.containsEntry("issuer", issuer())
				.containsEntry("client_id", signedIn.clientId());
		}
	}

	@Test
	void refreshWhenUserStillExistsAtCognitoThenRotatedTokens() {
		SignedIn signedIn = signIn("carol@example.test");
		String first = (String) signedIn.tokens().get("refresh_token");
		HttpResponse<String> refreshed = refresh(signedIn, first);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		assertThat((String) json(refreshed).get("refresh_token")).isNotEqualTo(first);
		assertThat(initialize((String) json(refreshed).get("access_token")).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenUserDeletedAtCognitoThen400InvalidGrant() {
		stack.createUser("dave@example.test");
		SignedIn signedIn = signIn("dave@example.test");
		stack.deleteUser("dave@example.test");
		String refreshToken = (String) signedIn.tokens().get("refresh_token");
		HttpResponse<String> refused = refresh(signedIn, refreshToken);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(json(refused)).containsEntry("error", "invalid_grant");
		NoEcho.assertNoEcho(refused, refreshToken);
	}

	@Test
	void authorizeWhenClientIdDocumentOnPrivateOrLoopbackAddressThenUnknownApplicationPage() {
		// Without the development setting, documents come from public https addresses
		// only.
		for (String document : new String[] { "http://127.0.0.1:" + stack.port() + "/client.json",
				"https://127.0.0.1/client.json", "https://10.0.0.1/client.json", "https://[::1]/client.json",
				"https://169.254.169.254/latest/meta-data" }) {
			HttpResponse<String> response = bridge().signIn(bridge().authorizationUrl(document,
					"http://127.0.0.1:40100/callback", "mcp:tools", Pkce.generate(), "s", resource()), "x", "y");
			assertThat(response.statusCode()).as(document).isEqualTo(400);
			assertThat(response.body()).as(document).contains("Unknown application");
			assertThat(response.headers().firstValue("Location")).as(document).isEmpty();
		}
	}

	@Test
	void callbackWhenBrowserHasNoConsentCookieThen403PageAndNoSignIn() {
		HttpResponse<String> response = bridge().get(DevAuthorizationServer.newUserAgent(),
				issuer() + "/login/oauth2/code/cognito?code=stolen-code&state=stolen-state");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("This sign-in was not started in this browser");
		NoEcho.assertNoEcho(response, "stolen-code");
	}

	@Test
	void upstreamSignInWhenNotApprovedFirstThen403AndNoStateCreated() {
		HttpResponse<String> response = bridge().get(DevAuthorizationServer.newUserAgent(),
				issuer() + "/oauth2/authorization/cognito");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void callbackWhenAnotherBrowsersApprovalReplayedThen403() {
		// The attacker approves their own client and starts the upstream sign-in ...
		String clientId = register("http://127.0.0.1/callback");
		HttpClient attacker = DevAuthorizationServer.newUserAgent();
		String url = bridge().authorizationUrl(clientId, "http://127.0.0.1:40999/callback", "mcp:tools",
				Pkce.generate(), "s", resource());
		String consent = DevAuthorizationServer.location(bridge().get(attacker, url));
		HttpResponse<String> page = bridge().get(attacker, consent);
		HttpResponse<String> approved = bridge().post(attacker, issuer() + "/oauth2/consent",
				Map.of("_csrf", DevAuthorizationServer.csrf(page.body()), "id",
						DevAuthorizationServer.field(page.body(), "id"), "decision", "approve"));
		assertThat(approved.statusCode()).isEqualTo(302);
		String cookie = approved.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("mcp-consent="))
			.findFirst()
			.orElseThrow();
		// ... then lures the victim's browser to the callback, even with the attacker's
		// consent cookie planted in it: the victim's session holds no approval.
		HttpClient victimBrowser = DevAuthorizationServer.newUserAgent();
		HttpResponse<String> victim = victimBrowser
			.sendAsync(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(issuer() + "/login/oauth2/code/cognito?code=x&state=attacker-state"))
				.header("Cookie", cookie.substring(0, cookie.indexOf(';')))
				.build(), HttpResponse.BodyHandlers.ofString())
			.join();
		assertThat(victim.statusCode()).isEqualTo(403);
		assertThat(victim.body()).contains("This sign-in was not started in this browser");
	}

	@Test
	void cognitoTokenWhenClientAllowListedThenAcceptedBesideBridgeTokens() {
		String token = stack.cognito()
			.client()
			.initiateAuth((request) -> request.clientId(stack.allowedClient())
				.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
				.authParameters(Map.of("USERNAME", "carol@example.test", "PASSWORD", PASSWORD)))
			.authenticationResult()
			.accessToken();
		HttpResponse<String> response = initialize(token);
		// Cognito's token carries no mcp:tools scope here, so it is authenticated, then
		// refused for the scope: 403, not 401.
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void bridgeTokenWhenIssuedForAnotherResourceThen401() {
		String token = bridgeToken().claim("aud", List.of("https://other.example.test/mcp"))
			.signedWith(stack.signingKey())
			.sign();
		HttpResponse<String> response = initialize(token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("error_description=\"The token was issued for another resource\"");
		NoEcho.assertNoEcho(response, token);
	}

	@Test
	void bridgeTokenWhenIdTokenPresentedThen401() {
		String token = bridgeToken().claim("token_use", "id").signedWith(stack.signingKey()).sign();
		HttpResponse<String> response = initialize(token);
		assertThat(response.statusCode()).isEqualTo(401);
		NoEcho.assertNoEcho(response, token);
	}

	@Test
	void bridgeTokenWhenSignedWithCognitoKeyClaimingBridgeIssuerThen401() {
		// A token naming the bridge as issuer must verify with the bridge's keys only.
		String token = bridgeToken().sign();
		assertThat(initialize(token).statusCode()).isEqualTo(401);
	}

	@Test
	void refreshTokenWhenPresentedAsAccessTokenThen401() {
		SignedIn signedIn = signIn("carol@example.test");
		String refreshToken = (String) signedIn.tokens().get("refresh_token");
		HttpResponse<String> response = initialize(refreshToken);
		assertThat(response.statusCode()).isEqualTo(401);
		NoEcho.assertNoEcho(response, refreshToken);
	}

	@Test
	void bridgeTokenWhenValidThenAcceptedWithoutAnyUpstreamCall() {
		// Keys in memory: the MCP endpoint needs neither Cognito nor a store to accept
		// it.
		String token = bridgeToken().signedWith(stack.signingKey()).sign();
		assertThat(initialize(token).statusCode()).isEqualTo(200);
	}

	static TestAccessTokens.Builder bridgeToken() {
		Instant now = Instant.now();
		return TestAccessTokens.cognito()
			.claim("iss", issuer())
			.claim("aud", List.of(resource()))
			.claim("client_id", "some-registered-client")
			.claim("iat", now.getEpochSecond())
			.claim("exp", now.plusSeconds(300).getEpochSecond());
	}

}
