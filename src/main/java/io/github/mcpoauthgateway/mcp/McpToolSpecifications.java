package io.github.mcpoauthgateway.mcp;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.github.mcpoauthgateway.tool.ToolResults;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Adapts {@link McpTool}s to the SDK's stateful and stateless tool specifications, with
 * the caller taken from the transport context and access checked again on every call.
 */
final class McpToolSpecifications {

	static final String CALLER_KEY = "caller";

	private static final Log logger = LogFactory.getLog(McpToolSpecifications.class);

	private final ToolRegistry registry;

	private final ToolCallListener listener;

	McpToolSpecifications(ToolRegistry registry) {
		this(registry, ToolCallListener.NONE);
	}

	McpToolSpecifications(ToolRegistry registry, ToolCallListener listener) {
		this.registry = registry;
		this.listener = listener;
	}

	List<McpServerFeatures.SyncToolSpecification> stateful() {
		return stateful(this.registry.tools());
	}

	List<McpServerFeatures.SyncToolSpecification> stateful(Collection<McpTool> tools) {
		return tools.stream().map(this::stateful).toList();
	}

	McpServerFeatures.SyncToolSpecification stateful(McpTool tool) {
		return new McpServerFeatures.SyncToolSpecification(tool.definition(), (exchange, request) -> call(current(tool),
				exchange.transportContext(), request, context(exchange, request)));
	}

	List<McpStatelessServerFeatures.SyncToolSpecification> stateless() {
		return stateless(this.registry.tools());
	}

	List<McpStatelessServerFeatures.SyncToolSpecification> stateless(Collection<McpTool> tools) {
		return tools.stream().map(this::stateless).toList();
	}

	McpStatelessServerFeatures.SyncToolSpecification stateless(McpTool tool) {
		return new McpStatelessServerFeatures.SyncToolSpecification(tool.definition(),
				(context, request) -> call(current(tool), context, request, ToolCallContext.NONE));
	}

	/**
	 * The tool now served under the name: a gateway target may have replaced it with an
	 * equal definition, which the SDK is not told about.
	 */
	private McpTool current(McpTool tool) {
		McpTool current = this.registry.tool(tool.definition().name());
		return (current != null) ? current : tool;
	}

	/**
	 * Shows a caller the tools it may call, and those it may call once its token has more
	 * scopes: a client learns of them, and a call answers 403 with the scopes to step up
	 * to. Tools the caller can never call (another group's) stay hidden.
	 * @return the filter for {@code tools/list}
	 */
	McpSyncListFilter<McpSchema.Tool> visibility() {
		return (context, tool) -> this.registry.reachable(caller(context), tool.name());
	}

	private McpSchema.CallToolResult call(McpTool tool, McpTransportContext context, McpSchema.CallToolRequest request,
			ToolCallContext callContext) {
		Caller caller = caller(context);
		String name = tool.definition().name();
		// NOTE: the HTTP filter already answered 403 for a caller without access; this
		// second check keeps a tool safe even if that filter is ever bypassed.
		if (caller == null || !this.registry.permits(caller, name)) {
			this.listener.called(name, caller, ToolCallOutcome.DENIED, 0);
			return ToolResults.error("You are not allowed to call " + name);
		}
		Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
		long start = System.nanoTime();
		McpSchema.CallToolResult result;
		ToolCallOutcome outcome;
		try {
			result = tool.call(caller, arguments, callContext);
			outcome = Boolean.TRUE.equals(result.isError()) ? ToolCallOutcome.TOOL_ERROR : ToolCallOutcome.OK;
		}
		catch (IllegalArgumentException ex) {
			result = ToolResults.error("Invalid arguments: " + ex.getMessage());
			outcome = ToolCallOutcome.TOOL_ERROR;
		}
		catch (RuntimeException ex) {
			logger.error("Tool " + name + " failed for subject " + caller.subject(), ex);
			result = ToolResults.error("The tool failed; the server log has the details.");
			outcome = ToolCallOutcome.FAILED;
		}
		this.listener.called(name, caller, outcome, System.nanoTime() - start);
		return result;
	}

	/**
	 * Lets a call reach its client's session: progress when the client sent a progress
	 * token, log messages, sampling and elicitation; the stateless endpoint has no stream
	 * to reach it on.
	 */
	static ToolCallContext context(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
		return new ExchangeToolCallContext(exchange, request.progressToken());
	}

	private static @Nullable Caller caller(McpTransportContext context) {
		return (context.get(CALLER_KEY) instanceof Caller caller) ? caller : null;
	}

}
