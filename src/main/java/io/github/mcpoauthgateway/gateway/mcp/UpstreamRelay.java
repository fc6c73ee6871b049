package io.github.mcpoauthgateway.gateway.mcp;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Relays what an upstream sends during a tool call to the client that made the call: its
 * {@code notifications/message}, and its {@code sampling/createMessage} and
 * {@code elicitation/create} requests, answered with the client's answer.
 * <p>
 * CAUTION: one upstream session serves every caller, so a message must reach the caller
 * whose call caused it and no other. It goes to a call when:
 * <ul>
 * <li>it came on the response stream of that call's {@code tools/call} (streamable HTTP:
 * the specification has a server send what relates to a request on that request's stream,
 * as the SDKs do), and that call is still in flight; or</li>
 * <li>it came on no call's stream (stdio, or the session's own stream), exactly one call
 * is in flight on the connection, and no call was abandoned (timed out, cancelled) in the
 * last timeout period, since the upstream may still be working on it.</li>
 * </ul>
 * Otherwise it is ambiguous: a request is answered with a JSON-RPC error and a log
 * message is dropped. A request also gets an error when the call's client did not declare
 * the capability, or did not answer before the call's time ran out.
 */
final class UpstreamRelay implements CallTrackingTransport.Inbound {

	static final String METHOD_NOTIFICATION_MESSAGE = "notifications/message";

	private static final Log logger = LogFactory.getLog(UpstreamRelay.class);

	private static final TypeRef<McpSchema.CreateMessageRequest> CREATE_MESSAGE = new TypeRef<>() {
	};

	private static final TypeRef<McpSchema.ElicitRequest> ELICIT = new TypeRef<>() {
	};

	private static final TypeRef<McpSchema.LoggingMessageNotification> LOG_MESSAGE = new TypeRef<>() {
	};

	private final String target;

	private final Map<String, PendingCall> calls;

	private final boolean clientRequests;

	private final Duration quarantine;

	/** Abandoned calls' tokens, each until the time (nanos) it stops counting. */
	private final Map<String, Long> abandoned = new ConcurrentHashMap<>();

	/**
	 * Creates the relay of one connection.
	 * @param target the target's name, for logs and errors
	 * @param calls the calls in flight on the connection, by token
	 * @param clientRequests whether sampling and elicitation are relayed (the stateful
	 * endpoint); when not, the upstream was not told they are supported, and they are
	 * left to the SDK client, which refuses them
	 * @param quarantine how long an abandoned call makes messages on no call's stream
	 * ambiguous
	 */
	UpstreamRelay(String target, Map<String, PendingCall> calls, boolean clientRequests, Duration quarantine) {
		this.target = target;
		this.calls = calls;
		this.clientRequests = clientRequests;
		this.quarantine = quarantine;
	}

	/**
	 * Counts a call that ended at the gateway while the upstream may still work on it.
	 */
	void abandoned(PendingCall call) {
		this.abandoned.put(call.token, System.nanoTime() + this.quarantine.toNanos());
	}

	@Override
	public boolean handled(JSONRPCMessage message, @Nullable String stream, McpClientTransport replies) {
		if (message instanceof McpSchema.JSONRPCNotification notification
				&& METHOD_NOTIFICATION_MESSAGE.equals(notification.method())) {
			log(notification, stream, replies);
			// The SDK client only logs it at debug level.
			return false;
		}
		if (this.clientRequests && message instanceof McpSchema.JSONRPCRequest request) {
			if (McpSchema.METHOD_SAMPLING_CREATE_MESSAGE.equals(request.method())) {
				answer(request, stream, replies, "sampling", CREATE_MESSAGE, ToolCallContext::canSample,
						(call) -> (params) -> call.context.createMessage(params));
				return true;
			}
			if (McpSchema.METHOD_ELICITATION_CREATE.equals(request.method())) {
				answer(request, stream, replies, "elicitation", ELICIT, ToolCallContext::canElicit,
						(call) -> (params) -> call.context.elicit(params));
				return true;
			}
		}
		return false;
	}

	/** The call a message belongs to, or {@code null} when that is not certain. */
	@Nullable PendingCall route(@Nullable String stream) {
		if (stream != null) {
			// Never another call's: the one it came for may have ended.
			return this.calls.get(stream);
		}
		long now = System.nanoTime();
		for (Iterator<Long> until = this.abandoned.values().iterator(); until.hasNext();) {
			if (until.next() - now < 0) {
				until.remove();
			}
		}
		if (!this.abandoned.isEmpty()) {
			return null;
		}
		Iterator<PendingCall> inFlight = this.calls.values().iterator();
		PendingCall only = inFlight.hasNext() ? inFlight.next() : null;
		return (only != null && !inFlight.hasNext()) ? only : null;
	}

	private void log(McpSchema.JSONRPCNotification notification, @Nullable String stream, McpClientTransport replies) {
		PendingCall call = route(stream);
		if (call == null) {
			logger.debug("MCP target " + this.target + ": a log message during no single call was dropped");
			return;
		}
		try {
			call.context.log(replies.unmarshalFrom(notification.params(), LOG_MESSAGE));
		}
		catch (RuntimeException ex) {
			logger.debug("MCP target " + this.target + ": a log message could not be relayed", ex);
		}
	}

	private <T> void answer(McpSchema.JSONRPCRequest request, @Nullable String stream, McpClientTransport replies,
			String feature, TypeRef<T> type, Function<ToolCallContext, Boolean> supported,
			Function<PendingCall, Function<T, Object>> forward) {
		PendingCall call = route(stream);
		Mono<Object> answer;
		if (call == null) {
			answer = Mono.error(error(McpSchema.ErrorCodes.INVALID_REQUEST,
					"The gateway relays " + feature + " only during a tool call it can tell the request belongs to"));
		}
		else if (!supported.apply(call.context)) {
			answer = Mono
				.error(error(McpSchema.ErrorCodes.METHOD_NOT_FOUND, "The calling client does not support " + feature));
		}
		else {
			Duration remaining = call.remaining();
			answer = Mono.fromCallable(() -> forward.apply(call).apply(replies.unmarshalFrom(request.params(), type)))
				// The client's answer is awaited on a thread that may block: never the
				// transport's, which reads every caller's messages.
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(remaining)
				.onErrorMap(TimeoutException.class, (ex) -> error(McpSchema.ErrorCodes.INTERNAL_ERROR,
						"The calling client did not answer the " + feature + " request in time"));
		}
		answer.map((result) -> new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null))
			.onErrorResume((ex) -> Mono.just(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(),
					null, jsonRpcError(feature, ex))))
			.flatMap((response) -> {
				Mono<Void> sent = replies.sendMessage(response);
				return (call != null) ? sent.contextWrite(call.reactorContext) : sent;
			})
			.subscribe((sent) -> {
			}, (ex) -> logger.debug("MCP target " + this.target + ": an answer to " + feature + " was not sent", ex));
	}

	private JSONRPCError jsonRpcError(String feature, Throwable error) {
		if (error instanceof McpError mcpError && mcpError.getJsonRpcError() != null) {
			JSONRPCError own = mcpError.getJsonRpcError();
			// The client's own error, without its data: code and message are enough.
			return new JSONRPCError(own.code(), own.message(), null);
		}
		if (error instanceof IllegalStateException || error instanceof IllegalArgumentException) {
			// The SDK's checks of the capability (a mode the client did not declare) or
			// of the request (an invalid requested schema).
			return new JSONRPCError(McpSchema.ErrorCodes.INVALID_REQUEST, error.getMessage(), null);
		}
		logger.debug("MCP target " + this.target + ": relaying " + feature + " failed", error);
		return new JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
				"The gateway could not relay the " + feature + " request", null);
	}

	private static McpError error(int code, String message) {
		return new McpError(new JSONRPCError(code, message, null));
	}

}
