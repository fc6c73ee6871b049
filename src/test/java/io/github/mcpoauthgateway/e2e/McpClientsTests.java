package io.github.mcpoauthgateway.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real MCP clients against the local stack, each signed in by the scripted user agent
 * (consent page, sign-in form): the MCP TypeScript SDK client with static client
 * information, with dynamic client registration and with a client ID metadata document,
 * mcp-remote, and the MCP conformance suite's authorization server checks. The clients
 * are the scripts in {@code src/test/node}; the tests skip themselves when node or those
 * packages are missing.
 */
class McpClientsTests extends AbstractDevStackTests {

	static final Duration TIMEOUT = Duration.ofSeconds(90);

	static final String SDK = "@modelcontextprotocol/sdk";

	@Test
	void sdkClientWhenGivenStaticClientInformationThenSignsInAndCallsWhoamiAsUser() {
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-static.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", USER_PASSWORD, "--client-id", "mcp-cli");

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = structuredContent(result);
		assertThat(whoami).containsEntry("username", "user")
			.containsEntry("client_id", "mcp-cli")
			.containsEntry("issuer", issuer());
		assertThat(whoami.get("scopes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains("mcp:tools");
	}

	@Test
	void sdkClientWhenWithoutClientInformationThenRegistersConsentsAndCallsWhoami() {
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-dcr.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", USER_PASSWORD);

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = structuredContent(result);
		assertThat(whoami).containsEntry("username", "user").containsEntry("issuer", issuer());
		assertThat((String) whoami.get("client_id")).isNotBlank().isNotEqualTo("mcp-cli");
		assertThat(result.stderr()).contains("registered as client " + whoami.get("client_id"))
			.contains("consent page: approve");
	}

	@Test
	void sdkClientWhenUserDeniesConsentThenReceivesAccessDeniedWithIssuer() {
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-dcr.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", USER_PASSWORD, "--decision", "deny");

		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.json()).containsEntry("denied", true)
			.containsEntry("error", "access_denied")
			.containsEntry("iss", issuer());
		assertThat(result.stderr()).doesNotContain("sign-in form");
	}

	@Test
	void sdkClientWhenPasswordIsWrongThenFailsNamingTheRefusedSignIn() {
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-dcr.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", "not-the-password");

		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stdout()).isBlank();
		assertThat(result.stderr()).contains("the sign-in as \"user\" at " + issuer() + " was refused");
	}

	@Test
	void sdkClientWhenIdentifiedByMetadataDocumentThenServerFetchesItAndClientCallsWhoami() {
		// The script serves its document on http://127.0.0.1:<port>/client.json; the
		// local stack of these tests may fetch loopback http documents.
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-cimd.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", USER_PASSWORD);

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = structuredContent(result);
		assertThat(whoami).containsEntry("username", "user").containsEntry("issuer", issuer());
		assertThat((String) whoami.get("client_id")).matches("http://127\\.0\\.0\\.1:\\d+/client\\.json");
		assertThat(result.stderr()).contains("consent page: approve")
			.contains("the authorization server fetched the document");
	}

	@Test
	void sdkClientWhenAdminCallsToolNeedingMoreScopeThenItIsListedTheClientStepsUpAndTheCallSucceeds() {
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-step-up.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"admin", "--password", ADMIN_PASSWORD, "--tool", "server_status");

		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(structuredContent(result)).containsKeys("uptime", "java_version");
		assertThat(result.stderr()).contains("[oauth] first token scope: \"mcp:tools\"")
			.contains("tools listed: ")
			.contains("403 after trying upscoping")
			.contains("stepping up: a new authorization asking for \"mcp:tools mcp:admin\"")
			.contains("stepped-up token scope: \"mcp:tools mcp:admin\"");
	}

	@Test
	void sdkClientWhenUserOutsideAdminGroupListsToolsThenAdminToolIsNotListed() {
		NodeScripts.assumeInstalled(SDK);

		NodeScripts.Result result = NodeScripts.run("sdk-step-up.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", USER_PASSWORD, "--tool", "server_status");

		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stderr()).contains("server_status is not listed").doesNotContain("stepping up");
	}

	@Test
	void mcpRemoteWhenWithoutClientInformationThenRegistersAndCallsWhoamiOverStdio() {
		NodeScripts.assumeInstalled("mcp-remote");

		NodeScripts.Result result = NodeScripts.run("mcp-remote.mjs", TIMEOUT, "--mcp-url", resource(), "--username",
				"user", "--password", USER_PASSWORD);

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = structuredContent(result);
		assertThat(whoami).containsEntry("username", "user").containsEntry("issuer", issuer());
		assertThat((String) whoami.get("client_id")).isNotBlank().isNotEqualTo("mcp-cli");
		// mcp-remote's own callback received the code
		// (http://localhost:<port>/oauth/callback).
		assertThat(result.stderr()).contains("consent page: approve").contains("callback page: HTTP 200");
	}

	@Test
	void conformanceSuiteWhenCheckingTheAuthorizationServerThenEveryCheckPasses() {
		NodeScripts.assumeNode22Installed();

		NodeScripts.Result result = NodeScripts.run("conformance.mjs", Duration.ofSeconds(120), "--issuer", issuer(),
				"--resource", resource(), "--username", "user", "--password", USER_PASSWORD);

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> summary = result.json();
		List<Map<String, Object>> checks = checks(summary);
		System.out.println("Conformance suite (authorization server): " + checks);
		assertThat(checks).extracting((check) -> check.get("id") + "=" + check.get("status"))
			.contains("authorization-server-metadata=SUCCESS", "authorization-server-metadata-cimd=SUCCESS",
					"authorization-code-grant=SUCCESS");
		assertThat(checks).extracting((check) -> check.get("status")).doesNotContain("FAILURE");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> structuredContent(NodeScripts.Result result) {
		Map<String, Object> toolResult = result.json();
		assertThat(toolResult).as(result.describe()).containsEntry("isError", false);
		return (Map<String, Object>) toolResult.get("structuredContent");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> checks(Map<String, Object> summary) {
		return ((List<Map<String, Object>>) summary.get("scenarios")).stream()
			.flatMap((scenario) -> ((List<Map<String, Object>>) scenario.get("checks")).stream())
			.toList();
	}

}
