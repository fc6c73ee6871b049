package io.github.mcpoauthgateway.gateway;

import java.util.Map;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.ContextAwareTool;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A target's tool as served: under its namespaced name, through the target's limits. Its
 * access rule is the target's, which the tool registry applies to the whole group.
 */
final class TargetTool implements ContextAwareTool {

	private final McpSchema.Tool definition;

	private final McpTool tool;

	private final TargetCalls calls;

	TargetTool(String name, McpTool tool, TargetCalls calls) {
		McpSchema.Tool upstream = tool.definition();
		this.definition = new McpSchema.Tool(name, upstream.title(), upstream.description(), upstream.inputSchema(),
				upstream.outputSchema(), upstream.annotations(), upstream.meta(), upstream.icons());
		this.tool = tool;
		this.calls = calls;
	}

	@Override
	public McpSchema.Tool definition() {
		return this.definition;
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments, ToolCallContext context) {
		// The context carries the caller's progress token through to the target.
		return this.calls.run(this.tool.definition().name(), caller.subject(),
				() -> this.tool.call(caller, arguments, context));
	}

}
