package io.github.mcpoauthgateway.mcp;

import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A stateful call's {@link ToolCallContext}, backed by the SDK's exchange with the
 * calling client's session: notifications and requests go to that client only, on the
 * stream of its {@code tools/call}.
 */
final class ExchangeToolCallContext implements ToolCallContext {

	private static final Log logger = LogFactory.getLog(ExchangeToolCallContext.class);

	private final McpSyncServerExchange exchange;

	private final @Nullable Object progressToken;

	ExchangeToolCallContext(McpSyncServerExchange exchange, @Nullable Object progressToken) {
		this.exchange = exchange;
		this.progressToken = progressToken;
	}

	@Override
	public boolean progressRequested() {
		return this.progressToken != null;
	}

	@Override
	public void progress(double progress, @Nullable Double total, @Nullable String message) {
		if (this.progressToken == null) {
			return;
		}
		try {
			this.exchange.progressNotification(McpSchema.ProgressNotification.builder(this.progressToken, progress)
				.total(total)
				.message(message)
				.build());
		}
		catch (RuntimeException ex) {
			// The client went away: the call's result will not reach it either.
			logger.debug("Progress not delivered", ex);
		}
	}

	@Override
	public void log(McpSchema.LoggingMessageNotification message) {
		try {
			// NOTE: the exchange drops messages below the level the client set with
			// logging/setLevel, kept per session by the SDK.
			this.exchange.loggingNotification(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Log message not delivered", ex);
		}
	}

	@Override
	public boolean canSample() {
		McpSchema.ClientCapabilities capabilities = this.exchange.getClientCapabilities();
		return capabilities != null && capabilities.sampling() != null;
	}

	@Override
	public McpSchema.CreateMessageResult createMessage(McpSchema.CreateMessageRequest request) {
		if (!canSample()) {
			return ToolCallContext.super.createMessage(request);
		}
		return this.exchange.createMessage(request);
	}

	@Override
	public boolean canElicit() {
		McpSchema.ClientCapabilities capabilities = this.exchange.getClientCapabilities();
		return capabilities != null && capabilities.elicitation() != null;
	}

	@Override
	public McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
		if (!canElicit()) {
			return ToolCallContext.super.elicit(request);
		}
		return this.exchange.createElicitation(request);
	}

}
