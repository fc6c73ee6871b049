package io.github.mcpoauthgateway.gateway.lambda;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.TargetStatus;
import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaTargetTests {

	private static final String ACCESS_KEY = "AKIDLAMBDATEST";

	private static final String SECRET_KEY = "lambda-test-secret-key";

	private static final Caller CALLER = new Caller("https://issuer.example", "0d1e-sub", "alice", "app-client",
			Set.of("mcp:tools", "orders:read"), Set.of("users"), Instant.parse("2030-01-01T00:00:00Z"));

	private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties",
			Map.of("id", Map.of("type", "string")), "required", List.of("id"));

	private static final JsonMapper JSON = JsonMapper.shared();

	private final FakeLambda lambda = new FakeLambda();

	private LambdaTarget target;

	@AfterEach
	void close() {
		if (this.target != null) {
			this.target.close();
		}
		this.lambda.close();
	}

	@Test
	void callWhenInvokedThenEventCarriesArgumentsAndCallerAndOnlySigV4() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		call("lookup_order", Map.of("id", "42"));
		FakeLambda.Request request = this.lambda.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/2015-03-31/functions/orders-fn/invocations");
		assertThat(request.headers()).containsEntry("X-Amz-Invocation-Type", "RequestResponse");
		assertThat(request.headers().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
			.contains("/us-east-1/lambda/aws4_request");
		assertThat(json(request.body()))
			.isEqualTo(Map.of("tool", "lookup_order", "arguments", Map.of("id", "42"), "caller",
					Map.of("sub", "0d1e-sub", "username", "alice", "client_id", "app-client", "scopes",
							List.of("mcp:tools", "orders:read"), "groups", List.of("users"), "issuer",
							"https://issuer.example")));
		String context = new String(Base64.getDecoder().decode(request.headers().get("X-Amz-Client-Context")),
				StandardCharsets.UTF_8);
		assertThat(json(context))
			.isEqualTo(Map.of("custom", Map.of("bedrockAgentCoreToolName", "orders___lookup_order")));
	}

	@Test
	void callWhenOutboundCredentialsGiveHeadersThenEventCarriesThem() {
		this.target = target("orders-fn", (caller) -> Map.of("X-Caller-Assertion", "signed-for-" + caller.subject()));
		call("lookup_order", Map.of("id", "42"));
		assertThat(JSON.readValue(this.lambda.lastRequest().body(), Map.class)).containsEntry("headers",
				Map.of("X-Caller-Assertion", "signed-for-0d1e-sub"));
		assertThat(this.lambda.lastRequest().headers()).doesNotContainKey("X-Caller-Assertion");
	}

	@Test
	void callWhenFunctionHasQualifierThenInvokesThatVersion() {
		this.target = target("orders-fn:live", OutboundCredentials.NONE);
		call("lookup_order", Map.of("id", "42"));
		assertThat(this.lambda.lastRequest().path()).isEqualTo("/2015-03-31/functions/orders-fn%3Alive/invocations");
	}

	@Test
	void callWhenFunctionReturnsObjectThenStructuredContentAndJsonText() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.json("{\"id\":\"42\",\"total\":12.5,\"items\":[1,2]}"));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(Map.of("id", "42", "total", 12.5, "items", List.of(1, 2)));
		assertThat(json(text(result))).isEqualTo(result.structuredContent());
	}

	@Test
	void callWhenFunctionReturnsCallToolResultThenPassedThrough() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.json(
				"{\"content\":[{\"type\":\"text\",\"text\":\"no such order\"}],\"isError\":true,\"structuredContent\":{\"code\":7}}"));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo("no such order");
		assertThat(result.structuredContent()).isEqualTo(Map.of("code", 7));
	}

	@Test
	void callWhenObjectHasPlainContentFieldThenStructuredContent() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.json("{\"content\":[\"a\",\"b\"]}"));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(Map.of("content", List.of("a", "b")));
	}

	@Test
	void callWhenFunctionReturnsStringThenText() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.json("\"order 42 shipped\""));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isFalse();
		assertThat(text(result)).isEqualTo("order 42 shipped");
		assertThat(result.structuredContent()).isNull();
	}

	@Test
	void callWhenFunctionReturnsArrayThenJsonText() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.json("[1, 2]"));
		assertThat(text(call("lookup_order", Map.of("id", "42")))).isEqualTo("[1,2]");
	}

	@Test
	void callWhenHandledFunctionErrorThenToolErrorWithTypeAndMessage() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.functionError("Handled",
				"{\"errorType\":\"OrderNotFound\",\"errorMessage\":\"order 42 does not exist\"}"));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo(
				"Lambda target 'orders': the function failed (Handled): OrderNotFound: order 42 does not exist.");
		assertThat(this.target.status().up()).isTrue();
	}

	@Test
	void callWhenUnhandledFunctionErrorThenToolErrorWithoutStackTrace() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.functionError("Unhandled",
				"{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"database down\\n\\tat com.example.Orders.find(Orders.java:12)\","
						+ "\"stackTrace\":[\"com.example.Orders.find(Orders.java:12)\"]}"));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo(
				"Lambda target 'orders': the function failed (Unhandled): java.lang.IllegalStateException: database down.")
			.doesNotContain("Orders.java");
	}

	@Test
	void callWhenFunctionErrorBodyIsNotJsonThenToolErrorWithoutBody() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.functionError("Unhandled", "Traceback (most recent call last): ..."));
		assertThat(text(call("lookup_order", Map.of("id", "42"))))
			.isEqualTo("Lambda target 'orders': the function failed (Unhandled).");
	}

	@Test
	void callWhenThrottledThenToolErrorAndStatusDown() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.serviceError(429, "TooManyRequestsException", "Rate Exceeded."));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isTrue();
		assertThat(text(result))
			.isEqualTo("Lambda target 'orders': AWS Lambda is throttling calls to the function; try again later.");
		assertThat(this.target.status()).isEqualTo(TargetStatus
			.down("last call failed: AWS Lambda is throttling calls to the function; try again later."));
	}

	@Test
	void callWhenLambdaFailsWith5xxThenToolError() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.serviceError(500, "ServiceException", "internal"));
		assertThat(text(call("lookup_order", Map.of("id", "42"))))
			.isEqualTo("Lambda target 'orders': AWS Lambda failed (HTTP 500 ServiceException); try again later.");
		assertThat(this.target.status().up()).isFalse();
	}

	@Test
	void callWhenAccessDeniedThenToolErrorNamingPermissionWithoutSecrets() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.serviceError(403, "AccessDeniedException",
				"User: arn:aws:sts::123456789012:assumed-role/task/abc is not authorized"));
		String text = text(call("lookup_order", Map.of("id", "42")));
		assertThat(text).isEqualTo("Lambda target 'orders': AWS refused this server's call to the function "
				+ "(HTTP 403 AccessDeniedException): its role needs lambda:InvokeFunction on the function.");
		assertThat(text).doesNotContain(ACCESS_KEY, SECRET_KEY, "123456789012");
	}

	@Test
	void callWhenFunctionNotFoundThenToolError() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.serviceError(404, "ResourceNotFoundException", "Function not found"));
		assertThat(text(call("lookup_order", Map.of("id", "42"))))
			.isEqualTo("Lambda target 'orders': the function does not exist (check its name, qualifier and region).");
	}

	@Test
	void callWhenFunctionHangsThenTimeoutToolError() {
		this.target = target("orders-fn", Duration.ofMillis(300), 1024, OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.hanging());
		long start = System.nanoTime();
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(text(result)).isEqualTo("Lambda target 'orders': the function did not answer within 300 ms.");
		assertThat(this.target.status().up()).isFalse();
	}

	@Test
	void callWhenResponseOverCapThenToolError() {
		this.target = target("orders-fn", Duration.ofSeconds(5), 1024, OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.json("\"" + "x".repeat(4096) + "\""));
		McpSchema.CallToolResult result = call("lookup_order", Map.of("id", "42"));
		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo(
				"Lambda target 'orders': the function's response is 4098 bytes, more than the 1024 this target accepts.");
	}

	@Test
	void callWhenResponseIsMalformedJsonThenToolError() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		for (String body : List.of("{\"id\": ", "order 42", "{} trailing")) {
			this.lambda.answer(FakeLambda.Answer.json(body));
			assertThat(text(call("lookup_order", Map.of("id", "42")))).as(body)
				.isEqualTo("Lambda target 'orders': the function's response is not valid JSON.");
		}
	}

	@Test
	void callWhenLambdaUnreachableThenToolErrorAndStatusDown() throws IOException {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		this.target = target(settings("orders-fn", closed, Duration.ofSeconds(5), 1024), OutboundCredentials.NONE);
		assertThat(text(call("lookup_order", Map.of("id", "42"))))
			.isEqualTo("Lambda target 'orders': cannot reach AWS Lambda.");
		assertThat(this.target.status()).isEqualTo(TargetStatus.down("last call failed: cannot reach AWS Lambda."));
	}

	@Test
	void callWhenNoCredentialsThenToolErrorSayingSo() {
		LambdaTargetSettings settings = settings("orders-fn", this.lambda.endpoint(), Duration.ofSeconds(5), 1024);
		this.target = new LambdaTarget(settings, LambdaClients.builder(settings).credentialsProvider(() -> {
			throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
		}).build(), OutboundCredentials.NONE);
		assertThat(text(call("lookup_order", Map.of("id", "42"))))
			.isEqualTo("Lambda target 'orders': this server has no AWS credentials to invoke the function.");
		assertThat(this.lambda.requests()).isEmpty();
	}

	@Test
	void createWhenRegionGivenThenBuildsWithoutCallingAws() {
		try (LambdaTarget created = LambdaTarget.create(
				settings("orders-fn", this.lambda.endpoint(), Duration.ofSeconds(5), 1024), OutboundCredentials.NONE)) {
			assertThat(created.tools()).hasSize(2);
			assertThat(created.status()).isEqualTo(TargetStatus.up("not called yet"));
		}
		assertThat(this.lambda.requests()).isEmpty();
	}

	@Test
	void statusWhenNotCalledThenUp() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		assertThat(this.target.status()).isEqualTo(TargetStatus.up("not called yet"));
		assertThat(this.lambda.requests()).isEmpty();
	}

	@Test
	void statusWhenCallSucceedsAfterFailureThenUp() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		this.lambda.answer(FakeLambda.Answer.serviceError(500, "ServiceException", "internal"));
		call("lookup_order", Map.of("id", "42"));
		this.lambda.answer(FakeLambda.Answer.json("{}"));
		call("lookup_order", Map.of("id", "42"));
		assertThat(this.target.status()).isEqualTo(TargetStatus.up("last call reached the function"));
	}

	@Test
	void toolsWhenBuiltThenDefinitionsFromSettings() {
		this.target = target("orders-fn", OutboundCredentials.NONE);
		assertThat(this.target.name()).isEqualTo("orders");
		assertThat(this.target.tools()).extracting(McpTool::definition)
			.extracting(McpSchema.Tool::name, McpSchema.Tool::description)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("lookup_order", "Looks up an order by id."),
					org.assertj.core.groups.Tuple.tuple("cancel_order", "Cancels an order."));
		assertThat(JSON.convertValue(this.target.tools().get(0).definition().inputSchema(), Map.class))
			.isEqualTo(SCHEMA);
	}

	private LambdaTarget target(String function, OutboundCredentials credentials) {
		return target(function, Duration.ofSeconds(5), 64 * 1024, credentials);
	}

	private LambdaTarget target(String function, Duration timeout, int maxResponseBytes,
			OutboundCredentials credentials) {
		return target(settings(function, this.lambda.endpoint(), timeout, maxResponseBytes), credentials);
	}

	private static LambdaTarget target(LambdaTargetSettings settings, OutboundCredentials credentials) {
		// NOTE: the production client's configuration, with fake keys and without retries
		// so that throttling and 5xx tests answer at once.
		return new LambdaTarget(settings, LambdaClients.builder(settings)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build(), credentials);
	}

	private static LambdaTargetSettings settings(String function, URI endpoint, Duration timeout,
			int maxResponseBytes) {
		return new LambdaTargetSettings("orders", function, "us-east-1", endpoint, timeout, maxResponseBytes,
				List.of(new LambdaTargetSettings.ToolDefinition("lookup_order", "Looks up an order by id.", SCHEMA),
						new LambdaTargetSettings.ToolDefinition("cancel_order", "Cancels an order.", SCHEMA)));
	}

	private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
		McpTool found = this.target.tools()
			.stream()
			.filter((candidate) -> candidate.definition().name().equals(tool))
			.findFirst()
			.orElseThrow();
		return found.call(CALLER, arguments);
	}

	private static String text(McpSchema.CallToolResult result) {
		assertThat(result.content()).hasSize(1);
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static Object json(String text) {
		return JSON.readValue(text, new TypeReference<Object>() {
		});
	}

}
