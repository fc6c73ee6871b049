package io.github.mcpoauthgateway.gateway.mcp;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP targets end to end: the SDK's MCP client with a token, this server, and the MCP
 * reference server behind it, once as a stdio process and once over streamable HTTP.
 */
class GatewayMcpTests extends AbstractMcpServerTests {

	static final String TOKEN = TestAccessTokens.cognito().claim("scope", "mcp:tools everything:use").sign();

	static EverythingServer http;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) throws Exception {
		EverythingServer.assumeInstalled();
		http = EverythingServer.startHttp(0);
		List<String> command = EverythingServer.stdioCommand();
		registry.add("gateway.targets[0].name", () -> "local");
		registry.add("gateway.targets[0].kind", () -> "mcp");
		registry.add("gateway.targets[0].required-scopes", () -> "everything:use");
		registry.add("gateway.targets[0].mcp.command", () -> command.get(0));
		registry.add("gateway.targets[0].mcp.args", () -> String.join(",", command.subList(1, command.size())));
		registry.add("gateway.targets[1].name", () -> "remote");
		registry.add("gateway.targets[1].kind", () -> "mcp");
		registry.add("gateway.targets[1].mcp.url", () -> http.url().toString());
	}

	@BeforeAll
	static void requireNode() {
		EverythingServer.assumeInstalled();
	}

	@AfterAll
	static void stopHttp() throws InterruptedException {
		if (http != null) {
			http.close();
		}
	}

	@Test
	void listToolsWhenMcpTargetsThenUpstreamToolsNamespacedWithTheirSchemas() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			List<McpSchema.Tool> tools = client.listTools().tools();
			assertThat(tools).extracting(McpSchema.Tool::name).contains("whoami", "local___echo", "remote___echo");
			McpSchema.Tool echo = tools.stream()
				.filter((t) -> t.name().equals("local___echo"))
				.findFirst()
				.orElseThrow();
			assertThat(echo.inputSchema().toString()).contains("message");
		}
	}

	@Test
	void callToolWhenStdioAndHttpTargetsThenUpstreamAnswers() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			for (String tool : List.of("local___echo", "remote___echo")) {
				McpSchema.CallToolResult result = client
					.callTool(new McpSchema.CallToolRequest(tool, Map.of("message", "through the gateway")));
				assertThat(result.isError()).as(tool).isNotEqualTo(Boolean.TRUE);
				assertThat(((McpSchema.TextContent) result.content().get(0)).text()).as(tool)
					.contains("through the gateway");
			}
		}
	}

	@Test
	void callToolWhenArgumentsInvalidThenToolErrorAndTargetStaysUp() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("local___echo", Map.of()));
			assertThat(bad.isError()).isTrue();
			McpSchema.CallToolResult good = client
				.callTool(new McpSchema.CallToolRequest("local___echo", Map.of("message", "still up")));
			assertThat(((McpSchema.TextContent) good.content().get(0)).text()).contains("still up");
		}
	}

	@Test
	void callToolWhenTokenLacksTargetScopeThen403InsufficientScope() {
		HttpResponse<String> response = McpHttp
			.send(http().post(McpHttp.toolCall("local___echo", "{\"message\":\"x\"}"))
				.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow calling this tool\", resource_metadata=\""
						+ METADATA_URL + "\", scope=\"mcp:tools everything:use\"");
	}

}
