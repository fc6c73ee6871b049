package io.github.mcpoauthgateway.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.mcpoauthgateway.cognito.CognitoClients;
import io.github.mcpoauthgateway.testsupport.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.util.UriComponentsBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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

	static final Path EMULATOR = Path.of(".ci/node_modules/.bin/cognito-local").toAbsolutePath();

	static final String USERNAME = "bridge-user@example.test";

	static final String PASSWORD = "Bridge-pw-1";

	static final String CALLBACK = "http://127.0.0.1:43123/callback";

	static Process emulator;

	static int port;

	static String clientId;

	@BeforeAll
	static void startEmulator() throws Exception {
		NodeScripts.assumeInstalled();
		assumeTrue(Files.isExecutable(EMULATOR), "cognito-local is not installed: run npm ci --prefix .ci");
		port = TestSocketUtils.findAvailableTcpPort();
		Path directory = Files.createTempDirectory("cognito-local-ua-");
		ProcessBuilder builder = new ProcessBuilder(EMULATOR.toString()).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("cognito-local.log").toFile());
		builder.environment().put("PORT", String.valueOf(port));
		builder.environment().put("HOST", "127.0.0.1");
		emulator = builder.start();
		Instant deadline = Instant.now().plusSeconds(30);
		while (!listening(port)) {
			if (Instant.now().isAfter(deadline) || !emulator.isAlive()) {
				throw new IllegalStateException(
						"cognito-local did not start: " + Files.readString(directory.resolve("cognito-local.log")));
			}
			Thread.sleep(200);
		}
		try (CognitoIdentityProviderClient cognito = CognitoClients.create("us-east-1",
				URI.create("http://127.0.0.1:" + port),
				StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))) {
			String poolId = cognito.createUserPool((request) -> request.poolName("user-agent")).userPool().id();
			clientId = cognito
				.createUserPoolClient((request) -> request.userPoolId(poolId)
					.clientName("gateway")
					.callbackURLs(CALLBACK)
					.allowedOAuthFlows(OAuthFlowType.CODE)
					.allowedOAuthFlowsUserPoolClient(true)
					.allowedOAuthScopes("openid"))
				.userPoolClient()
				.clientId();
			cognito.adminCreateUser((request) -> request.userPoolId(poolId)
				.username(USERNAME)
				.temporaryPassword("Temp-pw-1")
				.messageAction(MessageActionType.SUPPRESS));
			cognito.adminSetUserPassword(
					(request) -> request.userPoolId(poolId).username(USERNAME).password(PASSWORD).permanent(true));
		}
	}

	@AfterAll
	static void stopEmulator() throws InterruptedException {
		if (emulator != null) {
			emulator.destroy();
			emulator.waitFor();
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
			.contains("the sign-in as \"" + USERNAME + "\" at http://127.0.0.1:" + port + " was refused")
			.contains("Incorrect username or password.");
	}

	private static String authorizationUrl(Pkce pkce, String state) {
		return UriComponentsBuilder.fromUriString("http://127.0.0.1:" + port + "/oauth2/authorize")
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
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
