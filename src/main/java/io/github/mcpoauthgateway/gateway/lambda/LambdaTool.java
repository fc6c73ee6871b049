package io.github.mcpoauthgateway.gateway.lambda;

import java.util.Map;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * One tool of a Lambda target: its definition from configuration, its calls the target's
 * invocations. Access rules are the gateway's, per target.
 */
final class LambdaTool implements McpTool {

	private final McpSchema.Tool definition;

	private final LambdaTarget target;

	LambdaTool(McpSchema.Tool definition, LambdaTarget target) {
		this.definition = definition;
		this.target = target;
	}

	@Override
	public McpSchema.Tool definition() {
		return this.definition;
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		return this.target.invoke(this.definition.name(), caller, arguments);
	}

}
