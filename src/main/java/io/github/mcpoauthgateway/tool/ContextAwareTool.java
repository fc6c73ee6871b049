package io.github.mcpoauthgateway.tool;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * A tool that uses its call's context (progress, the client's requests during the call):
 * it implements the call with a context, and a call without one runs it with
 * {@link ToolCallContext#NONE}.
 */
public interface ContextAwareTool extends McpTool {

	@Override
	default McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		return call(caller, arguments, ToolCallContext.NONE);
	}

	@Override
	McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments, ToolCallContext context);

}
