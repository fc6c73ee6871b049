package io.github.mcpoauthgateway.tool;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds tool results that carry the same data as structured content and as JSON text, so
 * that clients without structured-content support still see it.
 */
public final class ToolResults {

	private static final JsonMapper JSON = JsonMapper.shared();

	private ToolResults() {
	}

	/**
	 * A successful result.
	 * @param data the result object, serializable as JSON
	 * @return the tool result
	 */
	public static McpSchema.CallToolResult structured(Map<String, Object> data) {
		return McpSchema.CallToolResult.builder()
			.addTextContent(JSON.writeValueAsString(data))
			.structuredContent(data)
			.isError(false)
			.build();
	}

	/**
	 * A failed call, reported to the caller inside the result as MCP asks for tool
	 * errors.
	 * @param message what went wrong, safe to show the caller
	 * @return the tool result
	 */
	public static McpSchema.CallToolResult error(String message) {
		return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
	}

}
