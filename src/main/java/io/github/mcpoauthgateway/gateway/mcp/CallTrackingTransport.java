package io.github.mcpoauthgateway.gateway.mcp;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Wraps an MCP target's transport to learn the JSON-RPC id of each {@code tools/call}, to
 * send {@code notifications/cancelled} for it (the SDK client hides the id and, when a
 * request times out, only stops waiting), and to hand what the upstream sends to an
 * {@link Inbound} first, saying which call's response stream it came on.
 */
final class CallTrackingTransport implements McpClientTransport {

	/**
	 * The Reactor context key of a {@code Consumer<Object>} told the id of the
	 * {@code tools/call} request sent under that context.
	 */
	static final String REQUEST_ID = CallTrackingTransport.class.getName() + ".requestId";

	/** The Reactor context key of the token of the call a request is sent for. */
	static final String CALL = CallTrackingTransport.class.getName() + ".call";

	/**
	 * The Reactor context key, inside the transport, of the call whose {@code tools/call}
	 * response stream a message arrived on. Set only around sending a {@code tools/call}:
	 * the streamable HTTP transport reads that request's response (an event stream) under
	 * the context it was sent with, and hands each message on under it.
	 */
	private static final String RESPONSE_STREAM = CallTrackingTransport.class.getName() + ".responseStream";

	static final String METHOD_NOTIFICATION_CANCELLED = "notifications/cancelled";

	private static final Log logger = LogFactory.getLog(CallTrackingTransport.class);

	private final McpClientTransport delegate;

	private final Inbound inbound;

	CallTrackingTransport(McpClientTransport delegate) {
		this(delegate, (message, call, replies) -> false);
	}

	CallTrackingTransport(McpClientTransport delegate, Inbound inbound) {
		this.delegate = delegate;
		this.inbound = inbound;
	}

	@Override
	public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
		return this.delegate.connect((received) -> received.flatMap((message) -> Mono.deferContextual((context) -> {
			String call = context.getOrDefault(RESPONSE_STREAM, null);
			return this.inbound.handled(message, call, this) ? Mono.empty() : handler.apply(Mono.just(message));
		})));
	}

	@Override
	public Mono<Void> sendMessage(JSONRPCMessage message) {
		if (message instanceof McpSchema.JSONRPCRequest request
				&& McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
			return Mono.deferContextual((context) -> {
				context.<Consumer<Object>>getOrEmpty(REQUEST_ID).ifPresent((sink) -> sink.accept(request.id()));
				String call = context.getOrDefault(CALL, null);
				Mono<Void> sent = this.delegate.sendMessage(message);
				return (call != null) ? sent.contextWrite((own) -> own.put(RESPONSE_STREAM, call)) : sent;
			});
		}
		// Any other request's answer stream is no call's, even when sent during one.
		return this.delegate.sendMessage(message).contextWrite((own) -> own.delete(RESPONSE_STREAM));
	}

	/**
	 * Tells the upstream to stop working on a request, without waiting.
	 * @param requestId the request's JSON-RPC id
	 * @param reason why, for the upstream's logs
	 * @param context the context the request was sent under (its caller's credentials)
	 */
	void cancel(Object requestId, String reason, ContextView context) {
		JSONRPCMessage cancelled = new McpSchema.JSONRPCNotification(METHOD_NOTIFICATION_CANCELLED,
				Map.of("requestId", requestId, "reason", reason));
		sendMessage(cancelled).contextWrite(context).subscribe((sent) -> {
		}, (error) -> logger.debug("Could not cancel request " + requestId, error));
	}

	@Override
	public void setExceptionHandler(Consumer<Throwable> handler) {
		this.delegate.setExceptionHandler(handler);
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
		return this.delegate.unmarshalFrom(data, typeRef);
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

	/** Takes messages from the upstream before the SDK client sees them. */
	@FunctionalInterface
	interface Inbound {

		/**
		 * Handles a message from the upstream, or leaves it to the SDK client.
		 * @param message the message
		 * @param call the token of the call on whose response stream it came, or
		 * {@code null} when it came on no call's (stdio, or a stream of the session)
		 * @param replies the transport to answer a request on
		 * @return {@code true} when handled, and the SDK client must not see it
		 */
		boolean handled(JSONRPCMessage message, @Nullable String call, McpClientTransport replies);

	}

}
