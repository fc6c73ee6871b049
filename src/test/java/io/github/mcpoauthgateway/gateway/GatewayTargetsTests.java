package io.github.mcpoauthgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.authserver.SigningKeys;
import io.github.mcpoauthgateway.gateway.credentials.CallerTokens;
import io.github.mcpoauthgateway.gateway.credentials.TargetCredentials;
import io.github.mcpoauthgateway.mcp.ToolGroups;
import io.github.mcpoauthgateway.mcp.FeatureRegistry;
import io.github.mcpoauthgateway.mcp.ToolRegistry;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolAccess;
import io.github.mcpoauthgateway.tool.ToolResults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * How targets' tools are named in the one tool list: namespaced by default, under their
 * own names with prefix-tools off, and a taken name refused at start either way.
 */
class GatewayTargetsTests {

	final TargetCredentials credentials = new TargetCredentials(new MockEnvironment(), new CallerTokens(
			SigningKeys::generated, () -> "https://mcp.example.test", Duration.ofSeconds(60), Clock.systemUTC()));

	static McpTool tool(String name) {
		return new McpTool() {

			@Override
			public McpSchema.Tool definition() {
				return McpSchema.Tool.builder().name(name).inputSchema(Map.of("type", "object")).build();
			}

			@Override
			public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
				return ToolResults.structured(Map.of());
			}

		};
	}

	/**
	 * Targets of kind fake serving the tools named in their openapi.include-operations.
	 */
	static final TargetFactory FAKE = new TargetFactory() {

		@Override
		public boolean supports(String kind) {
			return "fake".equals(kind);
		}

		@Override
		public Target create(TargetProperties target, OutboundCredentials credentials) {
			List<McpTool> tools = target.getOpenapi()
				.getIncludeOperations()
				.stream()
				.map(GatewayTargetsTests::tool)
				.toList();
			return new Target() {

				@Override
				public String name() {
					return target.getName();
				}

				@Override
				public List<McpTool> tools() {
					return tools;
				}

				@Override
				public TargetStatus status() {
					return TargetStatus.up(null);
				}

				@Override
				public void close() {
				}

			};
		}

	};

	static DeclaredTarget target(String name, boolean prefixTools, String... tools) {
		TargetProperties properties = new TargetProperties();
		properties.setName(name);
		properties.setKind("fake");
		properties.setPrefixTools(prefixTools);
		properties.getOpenapi().setIncludeOperations(List.of(tools));
		return new DeclaredTarget("gateway.targets (" + name + ")", properties);
	}

	static ToolRegistry registry(List<DeclaredTarget> targets) {
		Map<String, ToolAccess> groups = new LinkedHashMap<>();
		targets.forEach((target) -> groups.put(target.name(), ToolAccess.anyCaller()));
		return new ToolRegistry(List.of(tool("whoami")), Map.of(), List.of("mcp:tools"), new ToolGroups(groups));
	}

	GatewayTargets start(ToolRegistry registry, List<DeclaredTarget> targets) {
		return new GatewayTargets(targets, List.of(FAKE), this.credentials, registry, new FeatureRegistry(),
				new SimpleMeterRegistry());
	}

	@Test
	void startWhenPrefixToolsOffThenToolsServedUnderTheirOwnNames() {
		List<DeclaredTarget> targets = List.of(target("fronted", false, "echo"), target("other", true, "echo"));
		ToolRegistry registry = registry(targets);

		GatewayTargets started = start(registry, targets);
		try {
			// The name echo is taken (by fronted), other___echo too: neither can be
			// served
			// again by another group.
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> registry.replaceGroup("other", List.of(tool("echo"))))
				.withMessage("echo is already served by fronted");
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> registry.replaceGroup("fronted", List.of(tool("other___echo"))))
				.withMessage("other___echo is already served by other");
			assertThatNoException().isThrownBy(() -> registry.replaceGroup("fronted", List.of(tool("fronted___echo"))));
		}
		finally {
			started.destroy();
		}
	}

	@Test
	void startWhenUnprefixedToolHasTheNameOfABuiltInToolThenRefusedNamingTheTarget() {
		List<DeclaredTarget> targets = List.of(target("fronted", false, "echo", "whoami"));

		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> start(registry(targets), targets).destroy())
			.satisfies((ex) -> assertThat(ex.getProblems())
				.containsExactly("gateway.targets (fronted): tool name whoami is the name of a built-in tool"));
	}

	@Test
	void startWhenTwoUnprefixedTargetsServeTheSameToolNameThenRefusedNamingTheSecond() {
		List<DeclaredTarget> targets = List.of(target("a", false, "echo"), target("b", false, "echo"));

		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> start(registry(targets), targets).destroy())
			.satisfies((ex) -> assertThat(ex.getProblems())
				.containsExactly("gateway.targets (b): echo is already served by a"));
	}

}
