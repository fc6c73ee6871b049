package io.github.mcpoauthgateway.tool;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * An MCP tool. Declare an implementation as a Spring bean and it is served, listed only
 * to callers it permits, and guarded on every call.
 */
public interface McpTool {

	/**
	 * The tool as {@code tools/list} describes it: name, description and input schema.
	 * @return the tool definition
	 */
	McpSchema.Tool definition();

	/**
	 * Who may see and call this tool.
	 * @return the access rule; every authenticated caller by default
	 */
	default ToolAccess access() {
		return ToolAccess.anyCaller();
	}

	/**
	 * Runs the tool. Reached only by callers that {@link #access()} permits. Throw
	 * {@link IllegalArgumentException} for bad arguments: its message is shown to the
	 * caller, any other exception is logged and reported without detail.
	 * @param caller the verified caller
	 * @param arguments the arguments of the call, never {@code null}
	 * @return the result
	 */
	McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments);

	/**
	 * Runs the tool for a call that may report progress to the client. Tools that report
	 * none (most) implement {@link #call(Caller, Map)} alone; this is what the server
	 * calls.
	 * @param caller the verified caller
	 * @param arguments the arguments of the call, never {@code null}
	 * @param context the call's progress reporting
	 * @return the result
	 */
	default McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments, ToolCallContext context) {
		return call(caller, arguments);
	}

}
