package io.github.mcpoauthgateway.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolAccess;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The served tools by name, each with its effective access rule: the one the tool
 * declares unless configuration replaces it. Built-in tools are fixed at start; the tools
 * of each {@link ToolGroups group} (a gateway target) can be replaced while the server
 * runs, and listeners hear of every change.
 */
public final class ToolRegistry {

	private final Map<String, McpTool> builtIn = new LinkedHashMap<>();

	private final Map<String, ToolAccess> builtInAccess = new LinkedHashMap<>();

	private final Map<String, ToolAccess> groupAccess;

	private final Map<String, List<McpTool>> groupTools = new LinkedHashMap<>();

	private final Set<String> requiredScopes;

	private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

	// Read on every request without a lock; replaced whole under the lock on a change.
	private volatile Snapshot snapshot;

	public ToolRegistry(List<McpTool> tools, Map<String, McpProperties.ToolAccessRule> overrides,
			Collection<String> requiredScopes) {
		this(tools, overrides, requiredScopes, ToolGroups.none());
	}

	public ToolRegistry(List<McpTool> tools, Map<String, McpProperties.ToolAccessRule> overrides,
			Collection<String> requiredScopes, ToolGroups groups) {
		for (McpTool tool : tools) {
			String name = tool.definition().name();
			Assert.state(this.builtIn.put(name, tool) == null, () -> "Two tools are named " + name);
			McpProperties.ToolAccessRule rule = overrides.get(name);
			this.builtInAccess.put(name,
					(rule != null) ? new ToolAccess(rule.getScopes(), rule.getGroups()) : tool.access());
		}
		for (String name : overrides.keySet()) {
			Assert.state(this.builtIn.containsKey(name), () -> "mcp.tool-access names an unknown tool: " + name);
		}
		this.groupAccess = new LinkedHashMap<>(groups.access());
		this.requiredScopes = new LinkedHashSet<>(requiredScopes);
		this.snapshot = snapshot();
	}

	/**
	 * Replaces the tools of a group, and tells the listeners which tools went away and
	 * which are new or changed.
	 * @param group a group declared at start
	 * @param tools the group's tools now, named as served
	 * @throws IllegalArgumentException when a name is used by another tool, or twice
	 */
	public synchronized void replaceGroup(String group, List<McpTool> tools) {
		Assert.isTrue(this.groupAccess.containsKey(group), () -> "Unknown tool group " + group);
		Set<String> names = new LinkedHashSet<>();
		for (McpTool tool : tools) {
			String name = tool.definition().name();
			Assert.isTrue(names.add(name), () -> "Two tools are named " + name);
			Assert.isTrue(!this.builtIn.containsKey(name), () -> name + " is the name of a built-in tool");
			this.groupTools.forEach((other, otherTools) -> Assert.isTrue(
					other.equals(group) || otherTools.stream().noneMatch((t) -> t.definition().name().equals(name)),
					() -> name + " is already served by " + other));
		}
		Map<String, McpSchema.Tool> before = new LinkedHashMap<>();
		this.groupTools.getOrDefault(group, List.of())
			.forEach((tool) -> before.put(tool.definition().name(), tool.definition()));
		this.groupTools.put(group, List.copyOf(tools));
		this.snapshot = snapshot();
		List<String> removed = new ArrayList<>(before.keySet());
		removed.removeAll(names);
		List<McpTool> changed = tools.stream()
			.filter((tool) -> !Objects.equals(before.get(tool.definition().name()), tool.definition()))
			.toList();
		if (!removed.isEmpty() || !changed.isEmpty()) {
			Change change = new Change(removed, changed);
			this.listeners.forEach((listener) -> listener.accept(change));
		}
	}

	/**
	 * Registers a listener of later changes and returns the tools served now, atomically,
	 * so that the listener misses no change.
	 * @param listener the listener
	 * @return the tools served now
	 */
	synchronized Collection<McpTool> subscribe(Consumer<Change> listener) {
		this.listeners.add(listener);
		return tools();
	}

	/**
	 * Whether tools can come and go while the server runs.
	 * @return {@code true} when groups are declared
	 */
	boolean hasGroups() {
		return !this.groupAccess.isEmpty();
	}

	/**
	 * Whether a name is taken by a built-in tool.
	 * @param name a tool name
	 * @return {@code true} for a built-in tool's name
	 */
	public boolean isBuiltIn(String name) {
		return this.builtIn.containsKey(name);
	}

	Collection<McpTool> tools() {
		return this.snapshot.tools().values();
	}

	@Nullable McpTool tool(String name) {
		return this.snapshot.tools().get(name);
	}

	ToolAccess access(String toolName) {
		ToolAccess rule = this.snapshot.access().get(toolName);
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
	 * Whether the caller may use a group's prompts and resources: the group's rule, as
	 * for its tools.
	 * @param caller the verified caller
	 * @param group a group declared at start
	 * @return {@code true} when permitted
	 */
	boolean permitsGroup(@Nullable Caller caller, String group) {
		// An undeclared group serves nothing: refusing keeps a mistake safe.
		ToolAccess rule = this.groupAccess.get(group);
		return caller != null && rule != null && rule.permits(caller);
	}

	/**
	 * Whether the caller could use a group's prompts and resources, now or after stepping
	 * up: they are listed to it.
	 * @param caller the verified caller
	 * @param group a group declared at start
	 * @return {@code true} unless the caller can never use them
	 */
	boolean reachesGroup(@Nullable Caller caller, String group) {
		ToolAccess rule = this.groupAccess.get(group);
		return caller != null && rule != null && rule.reachableBy(caller);
	}

	/**
	 * Every scope a request for a group's prompt or resource needs: the endpoint's
	 * required scopes and the group's.
	 * @param group the group
	 * @return the scopes, in a stable order
	 */
	Set<String> scopesNeededForGroup(String group) {
		Set<String> scopes = new LinkedHashSet<>(this.requiredScopes);
		ToolAccess rule = this.groupAccess.get(group);
		if (rule != null) {
			scopes.addAll(rule.scopes());
		}
		return scopes;
	}

	/**
	 * Every scope this server uses, for {@code scopes_supported} in its metadata.
	 * @return the endpoint's required scopes followed by the tools' and the groups'
	 * scopes
	 */
	public Set<String> scopesSupported() {
		Set<String> scopes = new LinkedHashSet<>(this.requiredScopes);
		this.builtInAccess.values().forEach((rule) -> scopes.addAll(rule.scopes()));
		this.groupAccess.values().forEach((rule) -> scopes.addAll(rule.scopes()));
		return scopes;
	}

	private Snapshot snapshot() {
		Map<String, McpTool> tools = new LinkedHashMap<>(this.builtIn);
		Map<String, ToolAccess> access = new LinkedHashMap<>(this.builtInAccess);
		this.groupTools.forEach((group, members) -> members.forEach((tool) -> {
			tools.put(tool.definition().name(), tool);
			access.put(tool.definition().name(), this.groupAccess.get(group));
		}));
		return new Snapshot(Collections.unmodifiableMap(tools), Collections.unmodifiableMap(access));
	}

	/**
	 * A change of served tools.
	 *
	 * @param removed names of tools no longer served
	 * @param added tools that are new, or whose definition changed
	 */
	record Change(List<String> removed, List<McpTool> added) {
	}

	private record Snapshot(Map<String, McpTool> tools, Map<String, ToolAccess> access) {
	}

}
