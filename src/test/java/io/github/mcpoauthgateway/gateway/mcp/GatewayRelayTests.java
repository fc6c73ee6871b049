package io.github.mcpoauthgateway.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an upstream sends during a call, relayed to the calling client and no other: log
 * messages, sampling and elicitation requests, through this server to the SDK's client.
 * Two upstreams: the conformance fixture over stdio (messages on no call's stream) and
 * the MCP reference server over streamable HTTP (messages on the call's response stream).
 */
class GatewayRelayTests extends AbstractMcpServerTests {

	static final String TOKEN = TestAccessTokens.cognito().sign();

	static EverythingServer http;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) throws Exception {
		EverythingServer.assumeInstalled();
		http = EverythingServer.startHttp(0);
		registry.add("gateway.targets[0].name", () -> "fixture");
		registry.add("gateway.targets[0].kind", () -> "mcp");
		registry.add("gateway.targets[0].timeout", () -> "15s");
		registry.add("gateway.targets[0].mcp.command", () -> "node");
		registry.add("gateway.targets[0].mcp.args",
				() -> EverythingServer.NODE_DIRECTORY.resolve("conformance-fixture.mjs").toString());
		registry.add("gateway.targets[0].mcp.working-directory", EverythingServer.NODE_DIRECTORY::toString);
		registry.add("gateway.targets[1].name", () -> "remote");
		registry.add("gateway.targets[1].kind", () -> "mcp");
		registry.add("gateway.targets[1].timeout", () -> "15s");
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
	void callToolWhenStdioUpstreamSamplesThenCallingClientAnswersAndResultComesBack() {
		List<String> prompts = new CopyOnWriteArrayList<>();
		try (McpSyncClient client = client(answering(prompts, "four"), null, null)) {
			McpSchema.CallToolResult result = call(client, "fixture___test_sampling", Map.of("prompt", "2 + 2?"));

			assertThat(prompts).containsExactly("2 + 2?");
			assertThat(text(result)).isEqualTo("LLM response: four");
		}
	}

	@Test
	void callToolWhenHttpUpstreamSamplesThenCallingClientAnswersAndResultComesBack() {
		List<String> prompts = new CopyOnWriteArrayList<>();
		try (McpSyncClient client = client(answering(prompts, "four"), null, null)) {
			McpSchema.CallToolResult result = call(client, "remote___trigger-sampling-request",
					Map.of("prompt", "2 + 2?"));

			assertThat(prompts).containsExactly("Resource trigger-sampling-request context: 2 + 2?");
			assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
			assertThat(text(result)).contains("four");
		}
	}

	@Test
	void callToolWhenUpstreamElicitsThenCallingClientAnswersAndResultComesBack() {
		List<String> messages = new CopyOnWriteArrayList<>();
		Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user = (request) -> {
			messages.add(request.message());
			return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("response", "blue"));
		};
		try (McpSyncClient client = client(null, user, null)) {
			McpSchema.CallToolResult result = call(client, "fixture___test_elicitation",
					Map.of("message", "Favourite colour?"));

			assertThat(messages).containsExactly("Favourite colour?");
			assertThat(text(result)).isEqualTo("User response: action=accept, content={\"response\":\"blue\"}");
		}
	}

	@Test
	void callToolWhenClientDeclaresNoSamplingThenUpstreamGetsErrorAndResultSaysSo() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.CallToolResult result = call(client, "fixture___test_sampling", Map.of("prompt", "2 + 2?"));

			assertThat(text(result)).startsWith("Sampling not supported or error:")
				.contains("The calling client does not support sampling");
		}
	}

	@Test
	void callToolWhenClientDeclaresNoElicitationThenUpstreamGetsErrorAndResultSaysSo() {
		try (McpSyncClient client = client(answering(new CopyOnWriteArrayList<>(), "unused"), null, null)) {
			McpSchema.CallToolResult result = call(client, "fixture___test_elicitation", Map.of("message", "Name?"));

			assertThat(text(result)).startsWith("Elicitation not supported or error:")
				.contains("The calling client does not support elicitation");
		}
	}

	@Test
	void callToolWhenUpstreamLogsThenOnlyTheCallingClientGetsTheMessages() throws InterruptedException {
		List<String> calling = new CopyOnWriteArrayList<>();
		List<String> other = new CopyOnWriteArrayList<>();
		try (McpSyncClient client = client(null, null, (message) -> calling.add(message.data()));
				McpSyncClient bystander = client(null, null, (message) -> other.add(message.data()))) {
			call(client, "fixture___test_tool_with_logging", Map.of());

			awaitSize(calling, 3);
			assertThat(calling).containsExactly("Tool execution started", "Tool processing data",
					"Tool execution completed");
			assertThat(other).isEmpty();
		}
	}

	@Test
	void callToolWhenClientSetLevelAboveTheMessagesThenNoneReachIt() throws InterruptedException {
		List<String> received = new CopyOnWriteArrayList<>();
		try (McpSyncClient client = client(null, null, (message) -> received.add(message.data()))) {
			client.setLoggingLevel(McpSchema.LoggingLevel.ERROR);

			McpSchema.CallToolResult result = call(client, "fixture___test_tool_with_logging", Map.of());

			assertThat(text(result)).isEqualTo("Tool with logging executed successfully");
			Thread.sleep(300);
			assertThat(received).isEmpty();
		}
	}

	@Test
	void callToolWhenTwoCallersSampleAtOnceOverHttpThenEachSeesOnlyItsOwnRequest() throws Exception {
		CountDownLatch bothAsked = new CountDownLatch(2);
		List<String> promptsA = new CopyOnWriteArrayList<>();
		List<String> promptsB = new CopyOnWriteArrayList<>();
		try (McpSyncClient a = client(waitingForBoth(bothAsked, promptsA, "answer for A"), null, null);
				McpSyncClient b = client(waitingForBoth(bothAsked, promptsB, "answer for B"), null, null)) {
			CompletableFuture<McpSchema.CallToolResult> resultA = CompletableFuture
				.supplyAsync(() -> call(a, "remote___trigger-sampling-request", Map.of("prompt", "from A")));
			CompletableFuture<McpSchema.CallToolResult> resultB = CompletableFuture
				.supplyAsync(() -> call(b, "remote___trigger-sampling-request", Map.of("prompt", "from B")));

			assertThat(text(resultA.get(20, TimeUnit.SECONDS))).contains("answer for A").doesNotContain("for B");
			assertThat(text(resultB.get(20, TimeUnit.SECONDS))).contains("answer for B").doesNotContain("for A");
			assertThat(promptsA).containsExactly("Resource trigger-sampling-request context: from A");
			assertThat(promptsB).containsExactly("Resource trigger-sampling-request context: from B");
		}
	}

	@Test
	void callToolWhenTwoStdioCallsOverlapThenTheAmbiguousRequestIsRefusedAndNeverShownToTheOtherCaller()
			throws Exception {
		CountDownLatch aAsked = new CountDownLatch(1);
		CountDownLatch bDone = new CountDownLatch(1);
		List<String> promptsA = new CopyOnWriteArrayList<>();
		List<String> promptsB = new CopyOnWriteArrayList<>();
		Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> holdingA = (request) -> {
			promptsA.add(prompt(request));
			aAsked.countDown();
			await(bDone);
			return sampled("answer for A");
		};
		try (McpSyncClient a = client(holdingA, null, null);
				McpSyncClient b = client(answering(promptsB, "answer for B"), null, null)) {
			CompletableFuture<McpSchema.CallToolResult> resultA = CompletableFuture
				.supplyAsync(() -> call(a, "fixture___test_sampling", Map.of("prompt", "from A")));
			assertThat(aAsked.await(10, TimeUnit.SECONDS)).isTrue();

			// A's call is in flight: B's request, on no call's stream, could be either's.
			McpSchema.CallToolResult resultB = call(b, "fixture___test_sampling", Map.of("prompt", "from B"));
			bDone.countDown();

			assertThat(text(resultB)).startsWith("Sampling not supported or error:")
				.contains("only during a tool call it can tell the request belongs to");
			assertThat(text(resultA.get(20, TimeUnit.SECONDS))).isEqualTo("LLM response: answer for A");
			assertThat(promptsA).containsExactly("from A");
			assertThat(promptsB).isEmpty();
		}
	}

	private McpSyncClient client(Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling,
			Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation,
			Consumer<McpSchema.LoggingMessageNotification> logs) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://127.0.0.1:" + this.port)
			.endpoint("/mcp")
			.httpRequestCustomizer(
					(request, method, uri, body, context) -> request.header("Authorization", "Bearer " + TOKEN))
			.build();
		McpSchema.ClientCapabilities.Builder capabilities = McpSchema.ClientCapabilities.builder();
		McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20));
		if (sampling != null) {
			capabilities.sampling();
			spec.sampling(sampling);
		}
		if (elicitation != null) {
			capabilities.elicitation();
			spec.elicitation(elicitation);
		}
		if (logs != null) {
			spec.loggingConsumer(logs);
		}
		McpSyncClient client = spec.capabilities(capabilities.build()).build();
		client.initialize();
		return client;
	}

	private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
	}

	private static Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> answering(
			List<String> prompts, String answer) {
		return (request) -> {
			prompts.add(prompt(request));
			return sampled(answer);
		};
	}

	private static Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> waitingForBoth(
			CountDownLatch bothAsked, List<String> prompts, String answer) {
		return (request) -> {
			prompts.add(prompt(request));
			bothAsked.countDown();
			// Both requests are outstanding at once on the one upstream session.
			await(bothAsked);
			return sampled(answer);
		};
	}

	private static McpSchema.CreateMessageResult sampled(String answer) {
		return McpSchema.CreateMessageResult.builder()
			.role(McpSchema.Role.ASSISTANT)
			.content(new McpSchema.TextContent(answer))
			.model("test-model")
			.build();
	}

	private static String prompt(McpSchema.CreateMessageRequest request) {
		return ((McpSchema.TextContent) request.messages().get(0).content()).text();
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitSize(List<?> list, int size) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (list.size() < size && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

}
