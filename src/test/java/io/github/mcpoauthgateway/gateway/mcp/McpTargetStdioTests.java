package io.github.mcpoauthgateway.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.TargetStatus;
import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link McpTarget} against the MCP reference server run as a stdio process.
 */
class McpTargetStdioTests {

	static final Caller CALLER = new Caller("https://issuer.example", "alice-sub", "alice", "client", Set.of(),
			Set.of(), null);

	private McpTarget target;

	@BeforeEach
	void assumeInstalled() {
		EverythingServer.assumeInstalled();
	}

	@AfterEach
	void close() {
		if (this.target != null) {
			this.target.close();
		}
	}

	private McpTarget start(McpTargetSettings settings) {
		this.target = McpTarget.start(settings, OutboundCredentials.NONE);
		return this.target;
	}

	private static McpTargetSettings settings() {
		return McpTargetSettings.stdio("everything", EverythingServer.stdioCommand())
			.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20))
			.withSupervision(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	@Test
	void startWhenUpstreamRunsThenListsItsToolsAsItDescribesThem() {
		McpTarget target = start(settings());

		assertThat(target.status().up()).as(String.valueOf(target.status())).isTrue();
		assertThat(target.tools()).extracting((tool) -> tool.definition().name())
			.contains("echo", "get-sum", "trigger-long-running-operation");
		McpSchema.Tool echo = tool(target, "echo").definition();
		assertThat(echo.description()).isEqualTo("Echoes back the input string");
		assertThat(echo.inputSchema()).extractingByKey("properties")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsKey("message");
		assertThat(echo.annotations().readOnlyHint()).isTrue();
		assertThat(tool(target, "get-structured-content").definition().outputSchema()).isNotNull();
	}

	@Test
	void startWhenClientRequestsNotRelayedThenUpstreamIsToldNoSamplingNorElicitation() {
		McpTarget target = start(settings());

		// The reference server offers these tools only to a client that declared the
		// capability.
		assertThat(target.tools()).extracting((tool) -> tool.definition().name())
			.contains("echo")
			.doesNotContain("trigger-sampling-request", "trigger-elicitation-request");
	}

	@Test
	void startWhenClientRequestsRelayedThenUpstreamIsToldSamplingAndElicitation() {
		this.target = McpTarget.start(settings(), OutboundCredentials.NONE, true);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.target.tools()).extracting((tool) -> tool.definition().name())
				.contains("trigger-sampling-request", "trigger-elicitation-request"));
	}

	@Test
	void callWhenEchoThenUpstreamResultAsIs() {
		McpTarget target = start(settings());

		McpSchema.CallToolResult result = tool(target, "echo").call(CALLER, Map.of("message", "hello"));

		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(text(result)).isEqualTo("Echo: hello");
	}

	@Test
	void callWhenStructuredContentThenKeptAsIs() {
		McpTarget target = start(settings());

		McpSchema.CallToolResult result = tool(target, "get-structured-content").call(CALLER,
				Map.of("location", "New York"));

		assertThat(result.structuredContent()).isNotNull();
	}

	@Test
	void callWhenArgumentsInvalidThenUpstreamErrorIsToolError() {
		McpTarget target = start(settings());

		McpSchema.CallToolResult result = tool(target, "get-sum").call(CALLER, Map.of("a", "not a number"));

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isNotBlank();
	}

	@Test
	void callWhenSlowerThanTimeoutThenToolErrorAndTargetStaysUsable() {
		McpTarget target = start(settings().withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(20)));

		long started = System.nanoTime();
		McpSchema.CallToolResult result = tool(target, "trigger-long-running-operation").call(CALLER,
				Map.of("duration", 5, "steps", 5));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo(
				"Target everything: trigger-long-running-operation did not answer within 800 ms; the call was cancelled.");
		assertThat(text(tool(target, "echo").call(CALLER, Map.of("message", "still here"))))
			.isEqualTo("Echo: still here");
	}

	@Test
	void callWhenCallerWantsProgressThenUpstreamProgressForwarded() {
		McpTarget target = start(settings());
		RecordingContext context = new RecordingContext();

		McpSchema.CallToolResult result = tool(target, "trigger-long-running-operation").call(CALLER,
				Map.of("duration", 0.4, "steps", 2), context);

		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(context.progress).containsExactly(1.0, 2.0);
	}

	@Test
	void callWhenProcessCrashedThenUnavailableThenRecovered() {
		Set<Long> others = EverythingServer.stdioServerPids();
		McpTarget target = start(settings());
		McpTool echo = tool(target, "echo");

		assertThat(EverythingServer.killStdioServers(others)).isEqualTo(1);

		await().atMost(Duration.ofSeconds(5)).until(() -> !target.status().up());
		assertThat(target.status().detail()).startsWith("its process exited with code");
		McpSchema.CallToolResult whileDown = echo.call(CALLER, Map.of("message", "hello"));
		if (Boolean.TRUE.equals(whileDown.isError())) {
			assertThat(text(whileDown)).startsWith("Target everything is unavailable: ");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> target.status().up());
		assertThat(text(tool(target, "echo").call(CALLER, Map.of("message", "back")))).isEqualTo("Echo: back");
	}

	@Test
	void callWhenUpstreamReadsEnvironmentThenOnlyAllowedAndConfiguredVariables() {
		McpTarget target = start(settings().withEnv(Map.of("TARGET_SETTING", "configured"), null));

		String env = text(tool(target, "get-env").call(CALLER, Map.of()));

		assertThat(env).contains("TARGET_SETTING").contains("configured").contains("PATH");
		System.getenv()
			.keySet()
			.stream()
			.filter((name) -> !McpTargetSettings.INHERITED_ENV.contains(name))
			.forEach((name) -> assertThat(env).doesNotContain("\"" + name + "\""));
	}

	@Test
	void startWhenCommandMissingThenDownAndToolsEmpty() {
		McpTarget target = start(McpTargetSettings.stdio("missing", List.of("/nonexistent/mcp-server"))
			.withSupervision(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)));

		assertThat(target.status().up()).isFalse();
		assertThat(target.status().detail()).contains("could not start /nonexistent/mcp-server");
		assertThat(target.tools()).isEmpty();
	}

	@Test
	void callWhenProcessWritesMalformedJsonThenUnavailableWithReason() {
		McpTarget target = start(misbehaving("not json at all"));

		McpSchema.CallToolResult result = tool(target, "misbehave").call(CALLER, Map.of());

		assertThat(result.isError()).isTrue();
		assertThat(text(result))
			.isEqualTo("Target misbehaving is unavailable: it wrote malformed JSON on its standard output.");
		assertThat(target.status()).isEqualTo(TargetStatus.down("it wrote malformed JSON on its standard output"));
	}

	@Test
	void callWhenProcessWritesLineLargerThanCapThenUnavailableWithReason() {
		McpTarget target = start(misbehaving("x".repeat(10_000)).withMaxMessageBytes(4096));

		McpSchema.CallToolResult result = tool(target, "misbehave").call(CALLER, Map.of());

		assertThat(text(result))
			.isEqualTo("Target misbehaving is unavailable: it sent a message larger than 4096 bytes.");
	}

	/**
	 * A stdio server that answers {@code initialize} and {@code tools/list}, then writes
	 * the given line when its one tool is called.
	 */
	private static McpTargetSettings misbehaving(String answer) {
		String script = """
				const rl = require("readline").createInterface({ input: process.stdin });
				const send = (m) => process.stdout.write(JSON.stringify(m) + "\\n");
				rl.on("line", (line) => {
				  const m = JSON.parse(line);
				  if (m.method === "initialize") send({ jsonrpc: "2.0", id: m.id, result: { protocolVersion: m.params.protocolVersion,
				    capabilities: { tools: {} }, serverInfo: { name: "misbehaving", version: "1" } } });
				  else if (m.method === "tools/list") send({ jsonrpc: "2.0", id: m.id, result: { tools: [
				    { name: "misbehave", inputSchema: { type: "object" } }] } });
				  else if (m.method === "tools/call") process.stdout.write(process.env.ANSWER + "\\n");
				  else if (m.id !== undefined) send({ jsonrpc: "2.0", id: m.id, result: {} });
				});
				""";
		return McpTargetSettings.stdio("misbehaving", List.of("node", "-e", script))
			.withEnv(Map.of("ANSWER", answer), null)
			.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
			.withSupervision(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	static McpTool tool(McpTarget target, String name) {
		return target.tools()
			.stream()
			.filter((tool) -> tool.definition().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no tool " + name + " in " + target.tools()));
	}

	static String text(McpSchema.CallToolResult result) {
		return result.content()
			.stream()
			.filter(McpSchema.TextContent.class::isInstance)
			.map((content) -> ((McpSchema.TextContent) content).text())
			.findFirst()
			.orElse("");
	}

	/** A call context that wants progress and records it. */
	static final class RecordingContext implements ToolCallContext {

		final List<Double> progress = new CopyOnWriteArrayList<>();

		@Override
		public boolean progressRequested() {
			return true;
		}

		@Override
		public void progress(double progress, @Nullable Double total, @Nullable String message) {
			this.progress.add(progress);
		}

	}

}
