package io.github.mcpoauthgateway.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolAccess;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ToolRegistryTests {

	static McpTool tool(String name, ToolAccess access) {
		return new McpTool() {
			@Override
			public McpSchema.Tool definition() {
				return McpSchema.Tool.builder().name(name).inputSchema(Map.of("type", "object")).build();
			}

			@Override
			public ToolAccess access() {
				return access;
			}

			@Override
			public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
				return McpSchema.CallToolResult.builder().addTextContent(name).build();
			}
		};
	}

	static Caller caller(Set<String> scopes, Set<String> groups) {
		return new Caller("https://issuer", "sub", "user", "client", scopes, groups, null);
	}

	@Test
	void permitsWhenToolDeclaresScopesThenCallerNeedsAllOfThem() {
		ToolRegistry registry = new ToolRegistry(List.of(tool("t", ToolAccess.scopes("a", "b"))), Map.of(), List.of());
		assertThat(registry.permits(caller(Set.of("a", "b"), Set.of()), "t")).isTrue();
		assertThat(registry.permits(caller(Set.of("a"), Set.of()), "t")).isFalse();
	}

	@Test
	void permitsWhenToolDeclaresGroupsThenCallerNeedsOneOfThem() {
		ToolRegistry registry = new ToolRegistry(List.of(tool("t", ToolAccess.anyCaller().inAnyGroup("admin", "ops"))),
				Map.of(), List.of());
		assertThat(registry.permits(caller(Set.of(), Set.of("ops")), "t")).isTrue();
		assertThat(registry.permits(caller(Set.of(), Set.of("users")), "t")).isFalse();
	}

	@Test
	void permitsWhenNoCallerThenFalse() {
		ToolRegistry registry = new ToolRegistry(List.of(tool("t", ToolAccess.anyCaller())), Map.of(), List.of());
		assertThat(registry.permits(null, "t")).isFalse();
	}

	@Test
	void accessWhenOverriddenByConfigurationThenOverrideWins() {
		McpProperties.ToolAccessRule rule = new McpProperties.ToolAccessRule();
		rule.setScopes(Set.of("https://mcp.example.com/mcp/admin"));
		ToolRegistry registry = new ToolRegistry(List.of(tool("t", ToolAccess.scopes("mcp:admin"))), Map.of("t", rule),
				List.of("mcp:tools"));
		assertThat(registry.scopesNeededFor("t")).containsExactly("mcp:tools", "https://mcp.example.com/mcp/admin");
		assertThat(registry.scopesSupported()).containsExactly("mcp:tools", "https://mcp.example.com/mcp/admin");
	}

	@Test
	void constructWhenOverrideNamesUnknownToolThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ToolRegistry(List.of(tool("t", ToolAccess.anyCaller())),
					Map.of("typo", new McpProperties.ToolAccessRule()), List.of()))
			.withMessage("mcp.tool-access names an unknown tool: typo");
	}

	@Test
	void constructWhenTwoToolsShareANameThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ToolRegistry(
					List.of(tool("t", ToolAccess.anyCaller()), tool("t", ToolAccess.anyCaller())), Map.of(), List.of()))
			.withMessage("Two tools are named t");
	}

	static ToolRegistry withGroup() {
		return new ToolRegistry(List.of(tool("whoami", ToolAccess.anyCaller())), Map.of(), List.of("mcp:tools"),
				new ToolGroups(Map.of("api", ToolAccess.scopes("api:read").inAnyGroup("ops"))));
	}

	@Test
	void replaceGroupWhenToolsChangeThenListenersHearRemovedAndNewOnes() {
		ToolRegistry registry = withGroup();
		List<ToolRegistry.Change> changes = new ArrayList<>();
		registry.subscribe(changes::add);

		registry.replaceGroup("api",
				List.of(tool("api___a", ToolAccess.anyCaller()), tool("api___b", ToolAccess.anyCaller())));
		registry.replaceGroup("api",
				List.of(tool("api___b", ToolAccess.anyCaller()), tool("api___c", ToolAccess.anyCaller())));

		assertThat(changes).hasSize(2);
		assertThat(changes.get(1).removed()).containsExactly("api___a");
		// api___b's definition did not change: only api___c is new.
		assertThat(changes.get(1).added()).extracting((tool) -> tool.definition().name()).containsExactly("api___c");
		assertThat(registry.tools()).extracting((tool) -> tool.definition().name())
			.containsExactly("whoami", "api___b", "api___c");
	}

	@Test
	void replaceGroupWhenToolsServedThenTheyTakeTheGroupsAccessRule() {
		ToolRegistry registry = withGroup();
		registry.replaceGroup("api", List.of(tool("api___a", ToolAccess.anyCaller())));

		assertThat(registry.permits(caller(Set.of("api:read"), Set.of("ops")), "api___a")).isTrue();
		assertThat(registry.permits(caller(Set.of(), Set.of("ops")), "api___a")).isFalse();
		assertThat(registry.reachable(caller(Set.of(), Set.of("users")), "api___a")).isFalse();
		assertThat(registry.scopesNeededFor("api___a")).containsExactly("mcp:tools", "api:read");
	}

	@Test
	void scopesSupportedWhenGroupDeclaredThenListedBeforeItsToolsAreKnown() {
		assertThat(withGroup().scopesSupported()).containsExactly("mcp:tools", "api:read");
	}

	@Test
	void replaceGroupWhenNameTakenByBuiltInToolThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> withGroup().replaceGroup("api", List.of(tool("whoami", ToolAccess.anyCaller()))))
			.withMessage("whoami is the name of a built-in tool");
	}

}
