package io.github.mcpoauthgateway.mcp;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolAccess;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The served tools by name, each with its effective access rule: the one the tool
 * declares unless configuration replaces it.
 */
public final class ToolRegistry {

	private final Map<String, McpTool> tools = new LinkedHashMap<>();

	private final Map<String, ToolAccess> access = new LinkedHashMap<>();

	private final Set<String> requiredScopes;

	public ToolRegistry(List<McpTool> tools, Map<String, McpProperties.ToolAccessRule> overrides,
			Collection<String> requiredScopes) {
		for (McpTool tool : tools) {
			String name = tool.definition().name();
			Assert.state(this.tools.put(name, tool) == null, () -> "Two tools are named " + name);
			McpProperties.ToolAccessRule rule = overrides.get(name);
			this.access.put(name, (rule != null) ? new ToolAccess(rule.getScopes(), rule.getGroups()) : tool.access());
		}
		for (String name : overrides.keySet()) {
			Assert.state(this.tools.containsKey(name), () -> "mcp.tool-access names an unknown tool: " + name);
		}
		this.requiredScopes = new LinkedHashSet<>(requiredScopes);
	}

	Collection<McpTool> tools() {
		return this.tools.values();
	}

	ToolAccess access(String toolName) {
		ToolAccess rule = this.access.get(toolName);
		return (rule != null) ? rule : ToolAccess.anyCaller();
	}

	boolean permits(@Nullable Caller caller, String toolName) {
		return caller != null && access(toolName).permits(caller);
	}

	boolean reachable(@Nullable Caller caller, String toolName) {
		return caller != null && access(toolName).reachableBy(caller);
	}

	/**
	 * Every scope a call to the tool needs: the endpoint's required scopes and the
	 * tool's.
	 * @param toolName the tool
	 * @return the scopes, in a stable order
	 */
	Set<String> scopesNeededFor(String toolName) {
		Set<String> scopes = new LinkedHashSet<>(this.requiredScopes);
		scopes.addAll(access(toolName).scopes());
		return scopes;
	}

	/**
	 * Every scope this server uses, for {@code scopes_supported} in its metadata.
	 * @return the endpoint's required scopes followed by the tools' scopes
	 */
	public Set<String> scopesSupported() {
		Set<String> scopes = new LinkedHashSet<>(this.requiredScopes);
		this.access.values().forEach((rule) -> scopes.addAll(rule.scopes()));
		return scopes;
	}

}
