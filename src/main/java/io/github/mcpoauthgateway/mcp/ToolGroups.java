package io.github.mcpoauthgateway.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauthgateway.tool.ToolAccess;

/**
 * Named groups of tools that are added and replaced while the server runs (gateway
 * targets), declared at start with the access rule of all their tools, so that their
 * scopes are advertised before their tools are known.
 *
 * @param access the access rule of each group, by group name
 */
public record ToolGroups(Map<String, ToolAccess> access) {

	public ToolGroups {
		access = new LinkedHashMap<>(access);
	}

	public static ToolGroups none() {
		return new ToolGroups(Map.of());
	}

}
