package io.github.mcpoauthgateway.tool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.stereotype.Component;

/**
 * Tells callers who the server believes they are: the verified claims it acts on.
 */
@Component
final class WhoAmITool implements McpTool {

	private static final McpSchema.Tool DEFINITION = McpSchema.Tool.builder()
		.name("whoami")
		.title("Who am I")
		.description("Returns the verified identity the server acts on: subject, username, client id, "
				+ "scopes, groups and token expiry.")
		.inputSchema(Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
		.annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true).build())
		.build();

	@Override
	public McpSchema.Tool definition() {
		return DEFINITION;
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("issuer", caller.issuer());
		result.put("subject", caller.subject());
		result.put("username", caller.username());
		result.put("client_id", caller.clientId());
		result.put("scopes", new TreeSet<>(caller.scopes()));
		result.put("groups", new TreeSet<>(caller.groups()));
		result.put("expires_at", (caller.expiresAt() != null) ? caller.expiresAt().toString() : null);
		return ToolResults.structured(result);
	}

}
