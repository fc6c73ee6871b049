package io.github.mcpoauthgateway.e2e;

import java.util.Map;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP TypeScript SDK client identified by a client ID metadata document that it
 * serves itself on loopback: the local stack, allowed to fetch loopback http documents
 * for this test, fetches it, asks the user's consent and lets the client call a tool.
 * <p>
 * That setting makes this a second local stack, so it is started here on a port of its
 * own rather than through {@link AbstractDevStackTests}: the test framework keeps the
 * shared one listening (paused) on that class's fixed port while other classes run, and a
 * second context with different settings could not bind it.
 */
class ClientMetadataDocumentTests {

	static final int PORT = TestSocketUtils.findAvailableTcpPort();

	static final String ISSUER = "http://localhost:" + PORT;

	static final String RESOURCE = ISSUER + "/mcp";

	static ConfigurableApplicationContext server;

	@BeforeAll
	static void startLocalStack() {
		NodeScripts.assumeInstalled(McpClientsTests.SDK);
		server = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).profiles("local")
			.run("--server.port=" + PORT, "--dev.user-password=" + AbstractDevStackTests.USER_PASSWORD,
					"--dev.admin-password=" + AbstractDevStackTests.ADMIN_PASSWORD,
					"--dev.client-secret=" + AbstractDevStackTests.CLIENT_SECRET,
					"--authserver.allow-loopback-client-metadata=true");
	}

	@AfterAll
	static void stopLocalStack() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void sdkClientWhenIdentifiedByMetadataDocumentThenServerFetchesItAndClientCallsWhoami() {
		NodeScripts.Result result = NodeScripts.run("sdk-cimd.mjs", McpClientsTests.TIMEOUT, "--mcp-url", RESOURCE,
				"--username", "user", "--password", AbstractDevStackTests.USER_PASSWORD);

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Object> whoami = McpClientsTests.structuredContent(result);
		assertThat(whoami).containsEntry("username", "user").containsEntry("issuer", ISSUER);
		assertThat((String) whoami.get("client_id")).matches("http://127\\.0\\.0\\.1:\\d+/client\\.json");
		assertThat(result.stderr()).contains("consent page: approve")
			.contains("the authorization server fetched the document");
	}

}
