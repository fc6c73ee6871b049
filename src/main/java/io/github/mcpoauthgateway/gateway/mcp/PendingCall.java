package io.github.mcpoauthgateway.gateway.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * One {@code tools/call} in flight on an upstream connection: its result, its client's
 * context, and the Reactor context every message sent for it carries (the caller, for its
 * credentials, and the call's token, which tags the response stream of its request).
 */
final class PendingCall {

	/** Unguessable; also the progress token sent upstream. */
	final String token = UUID.randomUUID().toString();

	final CompletableFuture<McpSchema.CallToolResult> result = new CompletableFuture<>();

	final ToolCallContext context;

	final Context reactorContext;

	private final long deadline;

	private volatile @Nullable Object requestId;

	PendingCall(Caller caller, ToolCallContext context, Duration timeout) {
		this.context = context;
		this.deadline = System.nanoTime() + timeout.toNanos();
		Consumer<Object> requestIdSink = (id) -> this.requestId = id;
		this.reactorContext = Context.of(McpTransportContext.KEY,
				McpTransportContext.create(Map.of(McpTarget.CALLER_KEY, caller)), CallTrackingTransport.REQUEST_ID,
				requestIdSink, CallTrackingTransport.CALL, this.token);
	}

	@Nullable Object requestId() {
		return this.requestId;
	}

	/** The time left before the call times out; never negative. */
	Duration remaining() {
		long left = this.deadline - System.nanoTime();
		return Duration.ofNanos(Math.max(0, left));
	}

}
