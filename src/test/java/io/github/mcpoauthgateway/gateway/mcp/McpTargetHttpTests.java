package io.github.mcpoauthgateway.gateway.mcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.mcpoauthgateway.gateway.mcp.McpTargetStdioTests.CALLER;
import static io.github.mcpoauthgateway.gateway.mcp.McpTargetStdioTests.text;
import static io.github.mcpoauthgateway.gateway.mcp.McpTargetStdioTests.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link McpTarget} over streamable HTTP: against the MCP reference server, and against a
 * stand-in upstream that misbehaves on purpose.
 */
class McpTargetHttpTests {

	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	private <T extends AutoCloseable> T closeLater(T resource) {
		this.resources.add(0, resource);
		return resource;
	}

	private McpTarget start(McpTargetSettings settings, OutboundCredentials credentials) {
		return closeLater(McpTarget.start(settings, credentials));
	}

	private static McpTargetSettings settings(String name, URI url) {
		return McpTargetSettings.http(name, url)
			.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
			.withSupervision(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	@Test
	void callWhenReferenceServerThenListsAndAnswers() throws Exception {
		EverythingServer.assumeInstalled();
		EverythingServer server = closeLater(EverythingServer.startHttp(0));
		McpTarget target = start(settings("everything", server.url()), OutboundCredentials.NONE);

		assertThat(target.status().up()).as(String.valueOf(target.status())).isTrue();
		assertThat(target.tools()).extracting((tool) -> tool.definition().name()).contains("echo", "get-sum");
		assertThat(text(tool(target, "echo").call(CALLER, Map.of("message", "over http"))))
			.isEqualTo("Echo: over http");
		McpSchema.CallToolResult invalid = tool(target, "get-sum").call(CALLER, Map.of("a", "x"));
		assertThat(invalid.isError()).isTrue();
	}

	@Test
	void startWhenUpstreamDownThenServerStartsDownAndRecoversWhenUpstreamComesUp() throws Exception {
		EverythingServer.assumeInstalled();
		int port = freePort();
		McpTarget target = start(settings("late", URI.create("http://127.0.0.1:" + port + "/mcp")),
				OutboundCredentials.NONE);
		AtomicInteger changes = new AtomicInteger();
		target.onToolsChanged(changes::incrementAndGet);

		assertThat(target.status())
			.isEqualTo(io.github.mcpoauthgateway.gateway.TargetStatus.down("connection refused"));
		assertThat(target.tools()).isEmpty();

		closeLater(EverythingServer.startHttp(port));

		await().atMost(Duration.ofSeconds(15)).until(() -> target.status().up());
		assertThat(changes).hasValue(1);
		assertThat(text(tool(target, "echo").call(CALLER, Map.of("message", "late")))).isEqualTo("Echo: late");
	}

	@Test
	void callWhenAnswerIsNotJsonThenToolErrorAndTargetStaysUp() throws Exception {
		StandInUpstream upstream = closeLater(new StandInUpstream());
		McpTarget target = start(settings("standin", upstream.url()), OutboundCredentials.NONE);

		for (String tool : List.of("malformed", "malformed-sse")) {
			McpSchema.CallToolResult result = tool(target, tool).call(CALLER, Map.of());
			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("Target standin: its answer was not valid JSON-RPC.");
		}
		assertThat(target.status().up()).isTrue();
		assertThat(text(tool(target, "ok").call(CALLER, Map.of()))).isEqualTo("fine");
	}

	@Test
	void callWhenAnswerLargerThanCapThenToolError() throws Exception {
		StandInUpstream upstream = closeLater(new StandInUpstream());
		McpTarget target = start(settings("standin", upstream.url()).withMaxMessageBytes(64 * 1024),
				OutboundCredentials.NONE);

		for (String tool : List.of("huge", "huge-sse")) {
			McpSchema.CallToolResult result = tool(target, tool).call(CALLER, Map.of());
			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("Target standin: its answer was larger than 65536 bytes.");
		}
		assertThat(text(tool(target, "ok").call(CALLER, Map.of()))).isEqualTo("fine");
	}

	@Test
	void callWhenUpstreamAnswersJsonRpcErrorThenToolError() throws Exception {
		StandInUpstream upstream = closeLater(new StandInUpstream());
		McpTarget target = start(settings("standin", upstream.url()), OutboundCredentials.NONE);

		McpSchema.CallToolResult result = tool(target, "refused").call(CALLER, Map.of());

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo("Target standin refused the call to refused: Unknown tool: refused");
	}

	@Test
	void callWhenTimeoutThenToolErrorAndCancelledSentForThatRequest() throws Exception {
		StandInUpstream upstream = closeLater(new StandInUpstream());
		McpTarget target = start(
				settings("standin", upstream.url()).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(10)),
				OutboundCredentials.NONE);

		McpSchema.CallToolResult result = tool(target, "slow").call(CALLER, Map.of());

		assertThat(text(result))
			.isEqualTo("Target standin: slow did not answer within 500 ms; the call was cancelled.");
		Object requestId = upstream.received("tools/call").get(0).message().get("id");
		await().atMost(Duration.ofSeconds(5)).until(() -> !upstream.received("notifications/cancelled").isEmpty());
		assertThat(upstream.received("notifications/cancelled").get(0).message()).extractingByKey("params")
			.isEqualTo(Map.of("requestId", requestId, "reason", "timed out"));
	}

	@Test
	void callWhenToolsListChangedThenToolsRefreshedAndListenersRun() throws Exception {
		StandInUpstream upstream = closeLater(new StandInUpstream());
		McpTarget target = start(settings("standin", upstream.url()), OutboundCredentials.NONE);
		AtomicInteger changes = new AtomicInteger();
		target.onToolsChanged(changes::incrementAndGet);

		assertThat(text(tool(target, "grow").call(CALLER, Map.of()))).isEqualTo("grown");

		await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() == 1);
		assertThat(target.tools()).extracting((tool) -> tool.definition().name()).contains("grown");
	}

	@Test
	void requestsWhenCredentialsThenEachCarriesThemAndNoOtherAuthorization() throws Exception {
		StandInUpstream upstream = closeLater(new StandInUpstream());
		OutboundCredentials credentials = (Caller caller) -> Map.of("Authorization", "Bearer upstream-credential",
				"X-Gateway-Caller", (caller != null) ? caller.subject() : "gateway", "Mcp-Session-Id", "forged");
		McpTarget target = start(settings("standin", upstream.url()), credentials);

		tool(target, "ok").call(CALLER, Map.of());

		assertThat(upstream.received).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.header("Authorization")).containsExactly("Bearer upstream-credential");
			assertThat(request.header("Mcp-Session-Id")).doesNotContain("forged");
		});
		assertThat(upstream.received("initialize").get(0).header("X-Gateway-Caller")).containsExactly("gateway");
		assertThat(upstream.received("tools/call").get(0).header("X-Gateway-Caller")).containsExactly("alice-sub");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
