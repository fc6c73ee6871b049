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
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Wraps an MCP target's transport to learn the JSON-RPC id of each {@code tools/call} and
 * to send {@code notifications/cancelled} for it: the SDK client hides the id and, when a
 * request times out, only stops waiting.
 */
final class CallTrackingTransport implements McpClientTransport {

	/**
	 * The Reactor context key of a {@code Consumer<Object>} told the id of the
	 * {@code tools/call} request sent under that context.
	 */
	static final String REQUEST_ID = CallTrackingTransport.class.getName() + ".requestId";

	static final String METHOD_NOTIFICATION_CANCELLED = "notifications/cancelled";

	private static final Log logger = LogFactory.getLog(CallTrackingTransport.class);

	private final McpClientTransport delegate;

	CallTrackingTransport(McpClientTransport delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
		return this.delegate.connect(handler);
	}

	@Override
	public Mono<Void> sendMessage(JSONRPCMessage message) {
		if (message instanceof McpSchema.JSONRPCRequest request
				&& McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
			return Mono.deferContextual((context) -> {
				context.<Consumer<Object>>getOrEmpty(REQUEST_ID).ifPresent((sink) -> sink.accept(request.id()));
				return this.delegate.sendMessage(message);
			});
		}
		return this.delegate.sendMessage(message);
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
		this.delegate.sendMessage(cancelled).contextWrite(context).subscribe((sent) -> {
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

}
