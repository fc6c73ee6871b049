package io.github.mcpoauthgateway.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.mcpoauthgateway.testsupport.CognitoLocal;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scripted user agent against cognito-local's sign-in form, the upstream login of
 * bridge mode: it fills in the form, follows the redirect to the client's callback and
 * returns the code, which cognito-local then exchanges; a wrong password fails naming the
 * refused sign-in. cognito-local comes from {@code npm ci --prefix .ci}.
 */
class UserAgentCognitoLocalTests {

	static final String USERNAME = "bridge-user@example.test";

	static final String PASSWORD = "Bridge-pw-1";

	static final String CALLBACK = "http://127.0.0.1:43123/callback";

	static CognitoLocal cognito;

	static String clientId;

	@BeforeAll
	static void startEmulator() throws Exception {
		NodeScripts.assumeInstalled();
		assumeTrue(CognitoLocal.installed(), "cognito-local is not installed: run npm ci --prefix .ci");
		cognito = CognitoLocal.start();
		CognitoIdentityProviderClient client = cognito.client();
		String poolId = client.createUserPool((request) -> request.poolName("user-agent")).userPool().id();
		clientId = client
			.createUserPoolClient((request) -> request.userPoolId(poolId)
				.clientName("gateway")
				.callbackURLs(CALLBACK)
				.allowedOAuthFlows(OAuthFlowType.CODE)
				.allowedOAuthFlowsUserPoolClient(true)
				.allowedOAuthScopes("openid"))
			.userPoolClient()
			.clientId();
		client.adminCreateUser((request) -> request.userPoolId(poolId)
			.username(USERNAME)
			.temporaryPassword("Temp-pw-1")
			.messageAction(MessageActionType.SUPPRESS));
		client.adminSetUserPassword(
				(request) -> request.userPoolId(poolId).username(USERNAME).password(PASSWORD).permanent(true));
	}

	@AfterAll
	static void stopEmulator() throws InterruptedException {
		if (cognito != null) {
			cognito.close();
		}
	}

	@Test
	void userAgentWhenCognitoLocalShowsItsSignInFormThenSignsInAndReturnsAnExchangeableCode() throws Exception {
		Pkce pkce = Pkce.generate();

		NodeScripts.Result result = NodeScripts.run("lib/user-agent.mjs", Duration.ofSeconds(30), "--url",
				authorizationUrl(pkce, "state-1"), "--username", USERNAME, "--password", PASSWORD, "--verbose");

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> redirect = result.json();
		assertThat((String) redirect.get("location")).startsWith(CALLBACK + "?");
		@SuppressWarnings("unchecked")
		Map<String, String> params = (Map<String, String>) redirect.get("params");
		assertThat(params).containsEntry("state", "state-1").containsKey("code");
		assertThat(result.stderr()).contains("sign-in form: " + USERNAME);

		HttpResponse<String> token = exchange(params.get("code"), pkce);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(token.body()).contains("\"access_token\"");
	}

	@Test
	void userAgentWhenCognitoLocalRefusesThePasswordThenFailsNamingTheRefusedSignIn() {
		NodeScripts.Result result = NodeScripts.run("lib/user-agent.mjs", Duration.ofSeconds(30), "--url",
				authorizationUrl(Pkce.generate(), "state-2"), "--username", USERNAME, "--password", "wrong-pw-1");

		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stderr()).contains("user agent, step 2")
			.contains("the sign-in as \"" + USERNAME + "\" at " + cognito.origin() + " was refused")
			.contains("Incorrect username or password.");
	}

	private static String authorizationUrl(Pkce pkce, String state) {
		return UriComponentsBuilder.fromUriString(cognito.origin() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", CALLBACK)
			.queryParam("scope", "openid")
			.queryParam("state", state)
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUriString();
	}

	private static HttpResponse<String> exchange(String code, Pkce pkce) throws Exception {
		String form = Map
			.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK, "client_id", clientId,
					"code_verifier", pkce.verifier())
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(cognito.origin() + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
