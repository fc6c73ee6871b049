package io.github.mcpoauthgateway.tool;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call a tool: a caller needs every listed scope and, when groups are listed,
 * membership of at least one of them.
 *
 * @param scopes scopes the access token must carry, all of them
 * @param groups groups of which the caller must be in one; empty for no group rule
 */
public record ToolAccess(Set<String> scopes, Set<String> groups) {

	private static final ToolAccess ANY_CALLER = new ToolAccess(Set.of(), Set.of());

	public ToolAccess {
		// Ordered copies: challenges list scopes in the order they are declared.
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
	}

	/**
	 * Access for every caller that reached the MCP endpoint.
	 * @return a rule with no extra requirement
	 */
	public static ToolAccess anyCaller() {
		return ANY_CALLER;
	}

	/**
	 * Access for callers whose token carries all the given scopes.
	 * @param scopes the scopes required
	 * @return the rule
	 */
	public static ToolAccess scopes(String... scopes) {
		return new ToolAccess(new LinkedHashSet<>(List.of(scopes)), Set.of());
	}

	/**
	 * This rule with a group requirement added.
	 * @param anyOf groups of which the caller must be in one
	 * @return the rule
	 */
	public ToolAccess inAnyGroup(String... anyOf) {
		return new ToolAccess(this.scopes, new LinkedHashSet<>(List.of(anyOf)));
	}

	/**
	 * Whether the caller satisfies this rule.
	 * @param caller the verified caller
	 * @return {@code true} when the caller may call the tool
	 */
	public boolean permits(Caller caller) {
		return caller.hasScopes(this.scopes) && caller.inAnyGroup(this.groups);
	}

	/**
	 * Whether the caller could call the tool, now or after asking for more scopes: groups
	 * come with the user, scopes can be stepped up to.
	 * @param caller the verified caller
	 * @return {@code true} unless the caller can never call the tool
	 */
	public boolean reachableBy(Caller caller) {
		return caller.inAnyGroup(this.groups);
	}

}
