package io.github.mcpoauthgateway.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.testsupport.BridgeStack;
import io.github.mcpoauthgateway.testsupport.CognitoLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real MCP clients against the server in bridge mode, with cognito-local as the upstream
 * login: the scripted user agent approves the client on the bridge's consent page, signs
 * in on cognito-local's form, and the client calls a tool with the token the bridge
 * minted.
 */
class BridgeModeClientsTests {

	static final String USERNAME = "dana@example.test";

	static BridgeStack stack;

	@BeforeAll
	static void start() throws Exception {
		NodeScripts.assumeInstalled();
		assumeTrue(CognitoLocal.installed(), "cognito-local is not installed: run npm ci --prefix .ci");
		// The CIMD client serves its document on loopback: a development setting.
		stack = BridgeStack.start("--authserver.allow-loopback-client-metadata=true");
		stack.createUser(USERNAME);
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (stack != null) {
			stack.close();
		}
	}

	static String[] signInArguments(String... more) {
		List<String> arguments = new java.util.ArrayList<>(List.of("--mcp-url", stack.resource(), "--username",
				USERNAME, "--password", BridgeStack.PASSWORD, "--upstream", stack.cognito().origin()));
		arguments.addAll(List.of(more));
		return arguments.toArray(String[]::new);
	}

	static void assertSignedInThroughConsentAndCognito(NodeScripts.Result result) {
		assertThat(result.stderr()).contains("consent page: approve")
			.contains("sign-in form: " + USERNAME)
			.contains("POST " + stack.cognito().origin() + "/oauth2/authorize")
			.contains("GET " + stack.issuer() + "/login/oauth2/code/cognito?");
	}

	@Test
	void sdkClientWhenWithoutClientInformationThenRegistersSignsInAtCognitoAndCallsWhoami() {
		NodeScripts.assumeInstalled(McpClientsTests.SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-dcr.mjs", McpClientsTests.TIMEOUT, signInArguments());

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = McpClientsTests.structuredContent(result);
		assertThat(whoami).containsEntry("issuer", stack.issuer());
		assertThat((String) whoami.get("username")).isNotBlank();
		assertThat((String) whoami.get("client_id")).isNotBlank().isNotEqualTo("mcp-cli");
		assertSignedInThroughConsentAndCognito(result);
	}

	@Test
	void sdkClientWhenIdentifiedByMetadataDocumentThenSignsInAtCognitoAndCallsWhoami() {
		NodeScripts.assumeInstalled(McpClientsTests.SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-cimd.mjs", McpClientsTests.TIMEOUT, signInArguments());

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = McpClientsTests.structuredContent(result);
		assertThat(whoami).containsEntry("issuer", stack.issuer());
		assertThat((String) whoami.get("client_id")).matches("http://127\\.0\\.0\\.1:\\d+/client\\.json");
		assertThat(result.stderr()).contains("the authorization server fetched the document");
		assertSignedInThroughConsentAndCognito(result);
	}

	@Test
	void sdkClientWhenGivenStaticClientInformationThenConsentIsAskedBeforeCognitoToo() {
		NodeScripts.assumeInstalled(McpClientsTests.SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-static.mjs", McpClientsTests.TIMEOUT,
				signInArguments("--client-id", "mcp-cli"));

		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(McpClientsTests.structuredContent(result)).containsEntry("issuer", stack.issuer())
			.containsEntry("client_id", "mcp-cli");
		assertSignedInThroughConsentAndCognito(result);
	}

	@Test
	void sdkClientWhenUserDeniesConsentThenCognitoIsNeverAsked() {
		NodeScripts.assumeInstalled(McpClientsTests.SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-dcr.mjs", McpClientsTests.TIMEOUT,
				signInArguments("--decision", "deny"));

		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.json()).containsEntry("denied", true)
			.containsEntry("error", "access_denied")
			.containsEntry("iss", stack.issuer());
		assertThat(result.stderr()).doesNotContain(stack.cognito().origin() + "/oauth2/authorize");
	}

	@Test
	void mcpRemoteWhenWithoutClientInformationThenRegistersSignsInAtCognitoAndCallsWhoami() {
		NodeScripts.assumeInstalled("mcp-remote");

		NodeScripts.Result result = NodeScripts.run("mcp-remote.mjs", McpClientsTests.TIMEOUT, signInArguments());

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = McpClientsTests.structuredContent(result);
		assertThat(whoami).containsEntry("issuer", stack.issuer());
		assertThat((String) whoami.get("client_id")).isNotBlank().isNotEqualTo("mcp-cli");
		assertSignedInThroughConsentAndCognito(result);
	}

	@Test
	void conformanceSuiteWhenCheckingTheBridgeThenEveryCheckPasses() {
		NodeScripts.assumeNode22Installed();

		NodeScripts.Result result = NodeScripts.run("conformance.mjs", Duration.ofSeconds(120), "--issuer",
				stack.issuer(), "--resource", stack.resource(), "--username", USERNAME, "--password",
				BridgeStack.PASSWORD, "--upstream", stack.cognito().origin());

		assertThat(result.exitCode()).as(result.describe()).isZero();
		List<Map<String, Object>> checks = McpClientsTests.checks(result.json());
		System.out.println("Conformance suite (bridge mode authorization server): " + checks);
		assertThat(checks).extracting((check) -> check.get("id") + "=" + check.get("status"))
			.contains("authorization-server-metadata=SUCCESS", "authorization-code-grant=SUCCESS");
		assertThat(checks).extracting((check) -> check.get("status")).doesNotContain("FAILURE");
	}

}
