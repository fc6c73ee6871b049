package io.github.mcpoauthgateway.e2e;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauthgateway.gateway.TestUpstream;
import io.github.mcpoauthgateway.gateway.lambda.FakeLambda;
import io.github.mcpoauthgateway.gateway.mcp.EverythingServer;
import io.github.mcpoauthgateway.gateway.mcp.StandInUpstream;
import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway through the MCP TypeScript SDK client with a token
 * ({@code src/test/node/sdk-gateway.mjs}): one server fronting an OpenAPI-described API,
 * the Lambda Invoke API stand-in, the MCP reference server over stdio and over streamable
 * HTTP, and a misbehaving MCP server; for each, the tool list, a call, a tool error and a
 * call refused for scope, then the faults (a crash, a hang, malformed JSON, a huge
 * answer) with the server healthy throughout, and what each upstream received.
 */
class GatewayClientsTests extends AbstractMcpServerTests {

	static final Duration TIMEOUT = Duration.ofSeconds(45);

	/** Each target and the scope it requires. */
	static final Map<String, String> SCOPE_OF = Map.of("pets", "pets:read", "orders", "orders:read", "local",
			"local:use", "remote", "remote:use", "standin", "standin:use");

	static final String SCOPES = "mcp:tools pets:read orders:read local:use remote:use standin:use";

	static final String TOKEN = TestAccessTokens.cognito().claim("scope", SCOPES).sign();

	static final String WEAK_TOKEN = TestAccessTokens.cognito().sign();

	static final TestUpstream api = new TestUpstream();

	static final FakeLambda lambda = new FakeLambda();

	static StandInUpstream standIn;

	static EverythingServer http;

	/** The reference servers over stdio other tests' contexts run, not this one's. */
	static Set<Long> otherStdioServers = Set.of();

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) throws Exception {
		NodeScripts.assumeInstalled("@modelcontextprotocol/sdk");
		EverythingServer.assumeInstalled();
		otherStdioServers = EverythingServer.stdioServerPids();
		http = EverythingServer.startHttp(0);
		standIn = new StandInUpstream();
		System.setProperty("aws.accessKeyId", "AKIDEXAMPLETEST00002");
		System.setProperty("aws.secretAccessKey", "fake-secret-key-for-loopback-tests");
		lambda.answer((request) -> {
			if (request.body().contains("\"id\":\"fail\"")) {
				return FakeLambda.Answer.functionError("Unhandled",
						"{\"errorType\":\"NotFound\",\"errorMessage\":\"no such order\"}");
			}
			if (request.body().contains("\"id\":\"hang\"")) {
				return FakeLambda.Answer.hanging();
			}
			if (request.body().contains("\"id\":\"malformed\"")) {
				return FakeLambda.Answer.json("{\"id\": ");
			}
			if (request.body().contains("\"id\":\"huge\"")) {
				return FakeLambda.Answer.json("{\"data\":\"" + "x".repeat(64 * 1024) + "\"}");
			}
			return FakeLambda.Answer.json("{\"id\":\"o-1\",\"status\":\"shipped\"}");
		});
		String spec = new ClassPathResource("gateway/pets.yaml").getFile().getAbsolutePath();
		List<String> command = EverythingServer.stdioCommand();
		target(registry, 0, "pets", "openapi", "pets:read", "1s");
		registry.add("gateway.targets[0].openapi.spec", () -> spec);
		registry.add("gateway.targets[0].openapi.base-url", api::url);
		registry.add("gateway.targets[0].max-response-bytes", () -> "4KB");
		target(registry, 1, "orders", "lambda", "orders:read", "1s");
		registry.add("gateway.targets[1].max-response-bytes", () -> "4KB");
		registry.add("gateway.targets[1].lambda.function", () -> "orders-tools");
		registry.add("gateway.targets[1].lambda.region", () -> "eu-west-1");
		registry.add("gateway.targets[1].lambda.endpoint", () -> lambda.endpoint().toString());
		registry.add("gateway.targets[1].lambda.tools[0].name", () -> "lookup_order");
		registry.add("gateway.targets[1].lambda.tools[0].input-schema",
				() -> "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}");
		target(registry, 2, "local", "mcp", "local:use", "5s");
		registry.add("gateway.targets[2].mcp.command", () -> command.get(0));
		registry.add("gateway.targets[2].mcp.args", () -> String.join(",", command.subList(1, command.size())));
		target(registry, 3, "remote", "mcp", "remote:use", "2s");
		registry.add("gateway.targets[3].mcp.url", () -> http.url().toString());
		target(registry, 4, "standin", "mcp", "standin:use", "2s");
		registry.add("gateway.targets[4].mcp.url", () -> standIn.url().toString());
		registry.add("gateway.targets[4].max-response-bytes", () -> "64KB");
	}

	private static void target(DynamicPropertyRegistry registry, int index, String name, String kind, String scope,
			String timeout) {
		String prefix = "gateway.targets[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "kind", () -> kind);
		registry.add(prefix + "required-scopes", () -> scope);
		registry.add(prefix + "timeout", () -> timeout);
	}

	@BeforeAll
	static void requireNode() {
		NodeScripts.assumeInstalled("@modelcontextprotocol/sdk");
		EverythingServer.assumeInstalled();
	}

	@AfterAll
	static void stopUpstreams() throws InterruptedException {
		api.close();
		lambda.close();
		if (standIn != null) {
			standIn.close();
		}
		if (http != null) {
			http.close();
		}
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
	}

	@Test
	@SuppressWarnings("unchecked")
	void sdkClientWhenEveryKindOfTargetThenListsCallsGetsToolErrorsAndScopeRefusals() {
		Map<String, Object> output = runPlan(Map.of("calls", List.of(
				call("pets-ok", "pets___getPet", Map.of("petId", "p7")), call("pets-error", "pets___missing", Map.of()),
				call("orders-ok", "orders___lookup_order", Map.of("id", "o-1")),
				call("orders-error", "orders___lookup_order", Map.of("id", "fail")),
				call("local-ok", "local___echo", Map.of("message", "over stdio")),
				call("local-error", "local___get-resource-reference", Map.of("resourceId", -1)),
				call("remote-ok", "remote___echo", Map.of("message", "over http")),
				call("remote-error", "remote___get-resource-reference", Map.of("resourceId", -1)),
				call("standin-ok", "standin___ok", Map.of()), call("standin-error", "standin___refused", Map.of())),
				"refused",
				List.of(call("pets", "pets___getPet", Map.of("petId", "p8")),
						call("orders", "orders___lookup_order", Map.of("id", "o-2")),
						call("local", "local___echo", Map.of("message", "x")),
						call("remote", "remote___echo", Map.of("message", "x")),
						call("standin", "standin___ok", Map.of()))));

		assertThat((List<String>) output.get("tools")).contains("whoami", "pets___getPet", "pets___createPet",
				"orders___lookup_order", "local___echo", "local___get-sum", "remote___echo", "standin___ok");
		Map<String, Map<String, Object>> calls = (Map<String, Map<String, Object>>) output.get("calls");
		assertThat(calls.get("pets-ok")).containsEntry("isError", false)
			.containsEntry("structuredContent", Map.of("id", "p7", "name", "Rex"));
		assertThat(calls.get("orders-ok")).containsEntry("isError", false)
			.containsEntry("structuredContent", Map.of("id", "o-1", "status", "shipped"));
		assertThat(calls.get("local-ok")).containsEntry("isError", false).containsEntry("text", "Echo: over stdio");
		assertThat(calls.get("remote-ok")).containsEntry("isError", false).containsEntry("text", "Echo: over http");
		assertThat(calls.get("standin-ok")).containsEntry("isError", false).containsEntry("text", "fine");
		assertThat(calls.get("pets-error")).containsEntry("isError", true)
			.containsEntry("text", "Target pets: HTTP 404 from missing: {\"message\":\"no such thing\"}");
		assertThat(calls.get("orders-error")).containsEntry("isError", true);
		assertThat((String) calls.get("orders-error").get("text")).contains("NotFound").contains("no such order");
		// The reference server's own tool errors, passed through as they are.
		assertThat(calls.get("local-error")).containsEntry("isError", true)
			.containsEntry("text", "Invalid resourceId: -1. Must be a finite positive integer.");
		assertThat(calls.get("remote-error")).containsEntry("isError", true)
			.containsEntry("text", "Invalid resourceId: -1. Must be a finite positive integer.");
		assertThat(calls.get("standin-error")).containsEntry("isError", true)
			.containsEntry("text", "Target standin refused the call to refused: Unknown tool: refused");
		Map<String, Map<String, Object>> refused = (Map<String, Map<String, Object>>) output.get("refused");
		assertThat(refused).containsOnlyKeys("pets", "orders", "local", "remote", "standin");
		refused.forEach((target, refusal) -> {
			// The SDK surfaces the 403 as a StreamableHTTPError with code 403; it does
			// not
			// expose the challenge, which the same call with fetch shows.
			assertThat((Map<String, Object>) refusal.get("sdk")).as(target)
				.containsEntry("error", "StreamableHTTPError")
				.containsEntry("code", 403);
			assertThat(refusal).as(target).containsEntry("status", 403);
			assertThat((String) refusal.get("wwwAuthenticate")).as(target)
				.startsWith("Bearer error=\"insufficient_scope\"")
				.endsWith("scope=\"mcp:tools " + SCOPE_OF.get(target) + "\"");
		});
		assertTokenNeverReachedAnUpstream();
	}

	@Test
	@SuppressWarnings("unchecked")
	void sdkClientWhenUpstreamsHangAnswerMalformedOrHugeThenClearToolErrorsAndServerHealthy() {
		Map<String, Object> output = runPlan(Map.of("calls", List.of(call("pets-hang", "pets___slow", Map.of()),
				call("pets-malformed", "pets___malformed", Map.of()), call("pets-huge", "pets___huge", Map.of()),
				call("orders-hang", "orders___lookup_order", Map.of("id", "hang")),
				call("orders-malformed", "orders___lookup_order", Map.of("id", "malformed")),
				call("orders-huge", "orders___lookup_order", Map.of("id", "huge")),
				call("standin-hang", "standin___slow", Map.of()),
				call("standin-malformed", "standin___malformed", Map.of()),
				call("standin-huge", "standin___huge", Map.of()),
				call("remote-hang", "remote___trigger-long-running-operation", Map.of("duration", 10, "steps", 10)),
				call("pets-after", "pets___getPet", Map.of("petId", "after")),
				call("orders-after", "orders___lookup_order", Map.of("id", "o-1")),
				call("standin-after", "standin___ok", Map.of()),
				call("remote-after", "remote___echo", Map.of("message", "still up")))));

		Map<String, Map<String, Object>> calls = (Map<String, Map<String, Object>>) output.get("calls");
		assertThat(calls)
			.allSatisfy((id, result) -> assertThat(result).as(id).containsEntry("isError", !id.endsWith("-after")));
		assertThat(text(calls, "pets-hang"))
			.isEqualTo("Target pets did not answer within 1 s; the call was abandoned.");
		assertThat(text(calls, "pets-malformed")).isEqualTo("Target pets: HTTP 200 with malformed JSON");
		assertThat(text(calls, "pets-huge"))
			.isEqualTo("Target pets: the answer is larger than 4096 bytes (max-response-bytes); it was not read");
		assertThat(text(calls, "orders-hang"))
			.isEqualTo("Target orders did not answer within 1 s; the call was abandoned.");
		assertThat(text(calls, "orders-malformed")).contains("not valid JSON");
		assertThat(text(calls, "orders-huge")).contains("bytes, more than the");
		// An MCP target gives up a little before the gateway's own limit, so it cancels
		// the call upstream and words the answer.
		assertThat(text(calls, "standin-hang"))
			.isEqualTo("Target standin: slow did not answer within 2 s; the call was cancelled.");
		assertThat(text(calls, "standin-malformed")).isEqualTo("Target standin: its answer was not valid JSON-RPC.");
		assertThat(text(calls, "standin-huge")).isEqualTo("Target standin: its answer was larger than 65536 bytes.");
		assertThat(text(calls, "remote-hang")).isEqualTo(
				"Target remote: trigger-long-running-operation did not answer within 2 s; the call was cancelled.");
		assertThat(standIn.received("notifications/cancelled")).isNotEmpty();
		assertThat(calls.values()).extracting((result) -> (String) result.get("text"))
			.noneMatch((text) -> text.contains("Exception") || text.contains("\tat ") || text.contains(TOKEN));
		assertHealthy();
		assertTokenNeverReachedAnUpstream();
	}

	@Test
	@SuppressWarnings("unchecked")
	void sdkClientWhenStdioUpstreamCrashesMidCallThenToolErrorAndTargetRestarts() {
		Set<Long> own = ownStdioServers();
		assertThat(own).as("this context's stdio server").hasSize(1);
		long pid = own.iterator().next();

		Map<String, Object> output = runPlan(Map.of("crash",
				Map.of("pid", pid, "after", 500, "tool", "local___trigger-long-running-operation", "arguments",
						Map.of("duration", 10, "steps", 10), "probe",
						Map.of("tool", "local___echo", "arguments", Map.of("message", "back")))));

		Map<String, Object> crash = (Map<String, Object>) output.get("crash");
		Map<String, Object> inFlight = (Map<String, Object>) crash.get("inFlight");
		assertThat(inFlight).containsEntry("isError", true);
		assertThat((String) inFlight.get("text"))
			.startsWith("Target local is unavailable: its process exited with code");
		// Answered when the process died, not when the call would have timed out (5 s).
		assertThat(((Number) crash.get("answeredAfterMs")).longValue()).isLessThan(4000);
		assertThat(crash).containsEntry("recovered", true);
		List<Map<String, Object>> probes = (List<Map<String, Object>>) crash.get("probes");
		assertThat(probes.get(probes.size() - 1)).containsEntry("text", "Echo: back");
		assertThat(probes.subList(0, probes.size() - 1)).extracting((probe) -> (String) probe.get("text"))
			.allMatch((text) -> text.startsWith("Target local is unavailable: "));
		assertThat(ownStdioServers()).hasSize(1).doesNotContain(pid);
		assertHealthy();
	}

	static String text(Map<String, Map<String, Object>> calls, String id) {
		return (String) calls.get(id).get("text");
	}

	Map<String, Object> runPlan(Map<String, Object> plan, String... extra) {
		List<String> arguments = new java.util.ArrayList<>(
				List.of("--mcp-url", "http://127.0.0.1:" + this.port + "/mcp", "--token", TOKEN, "--weak-token",
						WEAK_TOKEN, "--plan", JsonMapper.shared().writeValueAsString(plan)));
		arguments.addAll(List.of(extra));
		NodeScripts.Result result = NodeScripts.run("sdk-gateway.mjs", TIMEOUT, arguments.toArray(String[]::new));
		assertThat(result.exitCode()).as(result.describe()).isZero();
		return result.json();
	}

	static Map<String, Object> call(String id, String tool, Map<String, Object> arguments) {
		return Map.of("id", id, "tool", tool, "arguments", arguments);
	}

	void assertTokenNeverReachedAnUpstream() {
		assertThat(api.received()).isNotEmpty().allSatisfy((received) -> {
			assertThat(received.allHeaderValues()).noneMatch((value) -> value.contains(TOKEN));
			assertThat(received.body()).doesNotContain(TOKEN);
		});
		assertThat(lambda.requests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.headers().values()).noneMatch((value) -> value.contains(TOKEN));
			assertThat(request.body()).doesNotContain(TOKEN);
		});
		assertThat(standIn.received).isNotEmpty().allSatisfy((received) -> {
			assertThat(received.headers().values().stream().flatMap(List::stream)).noneMatch((v) -> v.contains(TOKEN));
			assertThat(received.header("Authorization")).isEmpty();
		});
		assertThat(http.requestHeaders()).isNotEmpty()
			.noneMatch((headers) -> headers.contains(TOKEN)
					|| headers.toLowerCase(java.util.Locale.ROOT).contains("\"authorization\""));
	}

	void assertHealthy() {
		assertThat(McpHttp.send(http().get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
		assertThat(McpHttp.send(http().get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
	}

	static Set<Long> ownStdioServers() {
		Set<Long> own = new HashSet<>(EverythingServer.stdioServerPids());
		own.removeAll(otherStdioServers);
		return own;
	}

}
