package io.github.mcpoauthgateway.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP conformance suite's server scenarios, with a token, against this server
 * fronting a test-only upstream with the suite's fixture tools, resources, prompts and
 * completions ({@code conformance-fixture.mjs}, over stdio, served under its own names
 * with {@code prefix-tools: false}); run by {@code conformance-server.mjs}.
 */
class GatewayConformanceTests extends AbstractMcpServerTests {

	static final String TOKEN = TestAccessTokens.cognito().sign();

	/** The scenarios that pass through the gateway. */
	static final Set<String> PASSING = Set.of("server-initialize", "server-session-lifecycle", "logging-set-level",
			"ping", "tools-list", "tools-call-simple-text", "tools-call-image", "tools-call-audio",
			"tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-error", "tools-call-with-progress",
			"server-sse-multiple-streams",
			// Relayed from the upstream to the calling client during the call: its log
			// messages, and its sampling and elicitation requests with their answers.
			"tools-call-with-logging", "tools-call-sampling", "tools-call-elicitation", "elicitation-sep1034-defaults",
			"elicitation-sep1330-enums",
			// The upstream's prompts, resources, templates and completions, forwarded;
			// subscriptions kept per session and forwarded (stateful endpoint).
			"prompts-list", "prompts-get-simple", "prompts-get-with-args", "prompts-get-embedded-resource",
			"prompts-get-with-image", "resources-list", "resources-read-text", "resources-read-binary",
			"resources-templates-read", "resources-subscribe", "resources-unsubscribe", "completion-complete",
			// Refuses Host and Origin evil.example.com, accepts the origin it is reached
			// at once that origin is allowed (mcp.allowed-origins, below).
			"dns-rebinding-protection");

	/** The scenarios that fail, each with the check that fails and why. */
	static final Map<String, String> EXPECTED_FAILURES = Map.of();

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		NodeScripts.assumeNode22Installed();
		// NOTE: the suite leaves a request open (an event stream) that graceful shutdown
		// would wait 30 s for.
		registry.add("spring.lifecycle.timeout-per-shutdown-phase", () -> "2s");
		// The suite reaches the server at http://127.0.0.1:<port> and sends that origin,
		// as
		// a page served from it would: a deployment allows the origins it is reached at,
		// and so does this one (any port, since the test's is random). The rebinding
		// origin is still refused.
		registry.add("mcp.allowed-origins", () -> "http://localhost:6274,http://127.0.0.1:*");
		registry.add("gateway.targets[0].name", () -> "fixture");
		registry.add("gateway.targets[0].kind", () -> "mcp");
		registry.add("gateway.targets[0].prefix-tools", () -> "false");
		registry.add("gateway.targets[0].timeout", () -> "10s");
		registry.add("gateway.targets[0].mcp.command", () -> "node");
		registry.add("gateway.targets[0].mcp.args",
				() -> NodeScripts.DIRECTORY.resolve("conformance-fixture.mjs").toString());
		registry.add("gateway.targets[0].mcp.working-directory", () -> NodeScripts.DIRECTORY.toString());
	}

	@BeforeAll
	static void requireNode() {
		NodeScripts.assumeNode22Installed();
	}

	@Test
	@SuppressWarnings("unchecked")
	void conformanceSuiteWhenServerFrontsTheFixtureThenExpectedScenariosPass() {
		NodeScripts.Result result = NodeScripts.run("conformance-server.mjs", Duration.ofSeconds(180), "--mcp-url",
				"http://127.0.0.1:" + this.port + "/mcp", "--token", TOKEN);

		assertThat(result.exitCode()).as(result.describe()).isZero();
		Map<String, Map<String, Object>> scenarios = new TreeMap<>(
				(Map<String, Map<String, Object>>) result.json().get("scenarios"));
		System.out.println("Conformance suite (server scenarios through the gateway): " + scenarios);
		assertThat(scenarios.keySet()).containsExactlyInAnyOrderElementsOf(
				Stream.concat(PASSING.stream(), EXPECTED_FAILURES.keySet().stream()).toList());
		PASSING.forEach((name) -> assertThat(scenarios.get(name)).as(name).containsEntry("passed", true));
		EXPECTED_FAILURES.forEach((name, check) -> {
			assertThat(scenarios.get(name)).as(name).containsEntry("passed", false);
			assertThat((List<Map<String, Object>>) scenarios.get(name).get("failed")).as(name)
				.extracting((failed) -> failed.get("id"))
				.containsExactly(check);
		});
	}

}
