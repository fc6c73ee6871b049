package io.github.mcpoauthgateway.gateway.lambda;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lambda target end to end: the SDK's MCP client with a token, this server, and the
 * loopback stand-in for Lambda's Invoke API, reached with the default credentials chain
 * (fake keys in system properties).
 */
class GatewayLambdaTests extends AbstractMcpServerTests {

	static final FakeLambda lambda = new FakeLambda();

	static final String TOKEN_WITH_ORDERS = TestAccessTokens.cognito().claim("scope", "mcp:tools orders:read").sign();

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		System.setProperty("aws.accessKeyId", "AKIDEXAMPLETEST00001");
		System.setProperty("aws.secretAccessKey", "fake-secret-key-for-loopback-tests");
		registry.add("gateway.targets[0].name", () -> "orders");
		registry.add("gateway.targets[0].kind", () -> "lambda");
		registry.add("gateway.targets[0].required-scopes", () -> "orders:read");
		registry.add("gateway.targets[0].timeout", () -> "2s");
		registry.add("gateway.targets[0].lambda.function", () -> "orders-tools");
		registry.add("gateway.targets[0].lambda.region", () -> "eu-west-1");
		registry.add("gateway.targets[0].lambda.endpoint", () -> lambda.endpoint().toString());
		registry.add("gateway.targets[0].lambda.tools[0].name", () -> "lookup_order");
		registry.add("gateway.targets[0].lambda.tools[0].description", () -> "Looks up an order by its id.");
		registry.add("gateway.targets[0].lambda.tools[0].input-schema",
				() -> "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}");
	}

	@AfterAll
	static void stopLambda() {
		lambda.close();
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
	}

	@BeforeEach
	void answerAnOrder() {
		lambda.answer(FakeLambda.Answer.json("{\"id\":\"o-1\",\"status\":\"shipped\"}"));
	}

	@Test
	void listToolsWhenLambdaTargetThenNamespacedToolWithItsSchema() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN_WITH_ORDERS)) {
			McpSchema.Tool tool = client.listTools()
				.tools()
				.stream()
				.filter((t) -> t.name().equals("orders___lookup_order"))
				.findFirst()
				.orElseThrow();
			assertThat(tool.description()).isEqualTo("Looks up an order by its id.");
			assertThat(tool.inputSchema()).containsEntry("required", List.of("id"));
		}
	}

	@Test
	void callToolWhenFunctionAnswersThenStructuredContentAndEventCarriesCallerNotToken() {
		McpSchema.CallToolResult result;
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN_WITH_ORDERS)) {
			result = client.callTool(new McpSchema.CallToolRequest("orders___lookup_order", Map.of("id", "o-1")));
		}

		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(Map.of("id", "o-1", "status", "shipped"));
		FakeLambda.Request request = lambda.lastRequest();
		assertThat(request.path()).isEqualTo("/2015-03-31/functions/orders-tools/invocations");
		assertThat(request.headers().get("Authorization")).startsWith("AWS4-HMAC-SHA256 ")
			.contains("AKIDEXAMPLETEST00001/")
			.contains("/eu-west-1/lambda/");
		assertThat(request.headers().values()).noneMatch((value) -> value.contains(TOKEN_WITH_ORDERS));
		assertThat(request.body()).doesNotContain(TOKEN_WITH_ORDERS);
		JsonNode event = JsonMapper.shared().readTree(request.body());
		assertThat(event.path("tool").asString()).isEqualTo("lookup_order");
		assertThat(event.path("arguments").path("id").asString()).isEqualTo("o-1");
		assertThat(event.path("caller").path("sub").asString()).isEqualTo("2f0c6a5e-1b7d-4c39-9c55-alice0000001");
		assertThat(event.path("caller").path("client_id").asString()).isEqualTo(TestAccessTokens.CLIENT_ID);
	}

	@Test
	void callToolWhenFunctionFailsThenToolErrorWithItsMessageAndServerHealthy() {
		lambda.answer(FakeLambda.Answer.functionError("Unhandled",
				"{\"errorType\":\"ValueError\",\"errorMessage\":\"no such order\",\"stackTrace\":[\"secret.py line 3\"]}"));
		McpSchema.CallToolResult result;
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN_WITH_ORDERS)) {
			result = client.callTool(new McpSchema.CallToolRequest("orders___lookup_order", Map.of("id", "o-2")));
		}

		assertThat(result.isError()).isTrue();
		String text = ((McpSchema.TextContent) result.content().get(0)).text();
		assertThat(text).contains("ValueError").contains("no such order").doesNotContain("secret.py");
		assertThat(McpHttp.send(http().get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
	}

	@Test
	void callToolWhenTokenLacksTargetScopeThen403InsufficientScopeAndFunctionNotInvoked() {
		int invocations = lambda.requests().size();
		HttpResponse<String> response = McpHttp
			.send(http().post(McpHttp.toolCall("orders___lookup_order", "{\"id\":\"o-3\"}"))
				.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow calling this tool\", resource_metadata=\""
						+ METADATA_URL + "\", scope=\"mcp:tools orders:read\"");
		assertThat(lambda.requests()).hasSize(invocations);
	}

}
