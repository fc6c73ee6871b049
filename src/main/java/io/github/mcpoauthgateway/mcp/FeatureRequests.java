package io.github.mcpoauthgateway.mcp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Answers the prompt, resource and completion requests of MCP clients from the
 * {@link FeatureRegistry}, before the SDK's server sees them.
 * <p>
 * NOTE: the SDK's server lists every prompt and resource to every client (it has list
 * filters for tools only) and fixes completions when it is built; the gateway's change
 * while it runs, and a caller must see only what it may reach. So these requests never
 * reach the SDK's handlers: {@link FeatureRequestFilter} hands them here.
 * <p>
 * A caller sees the prompts and resources of the groups it can reach (as for tools: a
 * group it is not in stays hidden, missing scopes do not hide), and gets or reads them
 * only when the group's rule permits it; the request filter answers 403 for a
 * {@code prompts/get} or {@code resources/read} that is not, and this check keeps them
 * safe should that filter ever be bypassed. Subscriptions ({@code resources/subscribe})
 * are kept per session, forwarded to the owning group while any session holds one, and
 * the group's updates go to the subscribed sessions only.
 */
final class FeatureRequests {

	private static final Log logger = LogFactory.getLog(FeatureRequests.class);

	private static final Set<String> METHODS = Set.of(McpSchema.METHOD_PROMPT_LIST, McpSchema.METHOD_PROMPT_GET,
			McpSchema.METHOD_RESOURCES_LIST, McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, McpSchema.METHOD_RESOURCES_READ,
			McpSchema.METHOD_COMPLETION_COMPLETE);

	private static final Set<String> SUBSCRIPTION_METHODS = Set.of(McpSchema.METHOD_RESOURCES_SUBSCRIBE,
			McpSchema.METHOD_RESOURCES_UNSUBSCRIBE);

	private final FeatureRegistry features;

	private final ToolRegistry access;

	private final McpJsonMapper json;

	/** Session ids by subscribed URI. */
	private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

	FeatureRequests(FeatureRegistry features, ToolRegistry access, McpJsonMapper json) {
		this.features = features;
		this.access = access;
		this.json = json;
	}

	/**
	 * Whether a request is answered here.
	 * @param method the request's method
	 * @param sessions whether the transport has sessions, to subscribe for
	 * @return {@code true} for the prompt, resource and completion methods
	 */
	static boolean handles(String method, boolean sessions) {
		return METHODS.contains(method) || (sessions && SUBSCRIPTION_METHODS.contains(method));
	}

	McpSchema.ServerCapabilities capabilities(McpSchema.ServerCapabilities own, boolean sessions) {
		return this.features.capabilities(own, sessions);
	}

	/**
	 * Answers a request.
	 * @param request the request
	 * @param context its transport context, with the verified caller
	 * @param sessionId the client's session, or {@code null} when stateless
	 * @return the response: a result, or an error that never carries a stack trace
	 */
	McpSchema.JSONRPCResponse answer(McpSchema.JSONRPCRequest request, McpTransportContext context,
			@Nullable String sessionId) {
		Caller caller = (context.get(McpToolSpecifications.CALLER_KEY) instanceof Caller known) ? known : null;
		try {
			Object result = handle(request.method(), request.params(), caller, sessionId);
			return McpSchema.JSONRPCResponse.result(request.id(), result);
		}
		catch (McpError ex) {
			JSONRPCError error = (ex.getJsonRpcError() != null) ? ex.getJsonRpcError()
					: new JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, ex.getMessage(), null);
			return McpSchema.JSONRPCResponse.error(request.id(), error);
		}
		catch (IllegalArgumentException ex) {
			return McpSchema.JSONRPCResponse.error(request.id(),
					new JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid params", null));
		}
		catch (RuntimeException ex) {
			logger.error(request.method() + " failed for subject " + ((caller != null) ? caller.subject() : "none"),
					ex);
			return McpSchema.JSONRPCResponse.error(request.id(), new JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
					"The request failed; the server log has the details.", null));
		}
	}

	private Object handle(String method, @Nullable Object params, @Nullable Caller caller, @Nullable String sessionId) {
		switch (method) {
			case McpSchema.METHOD_PROMPT_LIST:
				return McpSchema.ListPromptsResult
					.builder(this.features.prompts()
						.stream()
						.filter((prompt) -> this.access.reachesGroup(caller, prompt.group()))
						.map(FeatureRegistry.Owned::item)
						.toList())
					.build();
			case McpSchema.METHOD_RESOURCES_LIST:
				return McpSchema.ListResourcesResult
					.builder(this.features.resources()
						.stream()
						.filter((resource) -> this.access.reachesGroup(caller, resource.group()))
						.map(FeatureRegistry.Owned::item)
						.toList())
					.build();
			case McpSchema.METHOD_RESOURCES_TEMPLATES_LIST:
				return McpSchema.ListResourceTemplatesResult
					.builder(this.features.resourceTemplates()
						.stream()
						.filter((template) -> this.access.reachesGroup(caller, template.group()))
						.map(FeatureRegistry.Owned::item)
						.toList())
					.build();
			case McpSchema.METHOD_PROMPT_GET: {
				McpSchema.GetPromptRequest request = read(params, new TypeRef<>() {
				});
				FeatureRegistry.Owned<?> owner = (request.name() != null) ? this.features.prompt(request.name()) : null;
				return permitted(owner, caller, "prompt", request.name()).getPrompt(caller, request);
			}
			case McpSchema.METHOD_RESOURCES_READ: {
				McpSchema.ReadResourceRequest request = read(params, new TypeRef<>() {
				});
				return permitted(resource(request.uri()), caller, "resource", request.uri()).readResource(caller,
						request);
			}
			case McpSchema.METHOD_COMPLETION_COMPLETE: {
				McpSchema.CompleteRequest request = read(params, new TypeRef<>() {
				});
				if (request.ref() instanceof McpSchema.PromptReference prompt) {
					return permitted(this.features.prompt(prompt.name()), caller, "prompt", prompt.name())
						.complete(caller, request);
				}
				if (request.ref() instanceof McpSchema.ResourceReference resource) {
					return permitted(this.features.template(resource.uri()), caller, "resource", resource.uri())
						.complete(caller, request);
				}
				throw new McpError(new JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS,
						"Completion ref must be ref/prompt or ref/resource", null));
			}
			case McpSchema.METHOD_RESOURCES_SUBSCRIBE: {
				McpSchema.SubscribeRequest request = read(params, new TypeRef<>() {
				});
				subscribe(permitted(resource(request.uri()), caller, "resource", request.uri()), request.uri(),
						sessionId);
				return Map.of();
			}
			case McpSchema.METHOD_RESOURCES_UNSUBSCRIBE: {
				McpSchema.UnsubscribeRequest request = read(params, new TypeRef<>() {
				});
				if (sessionId != null && request.uri() != null) {
					unsubscribe(request.uri(), sessionId);
				}
				return Map.of();
			}
			default:
				throw new McpError(
						new JSONRPCError(McpSchema.ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method, null));
		}
	}

	private <T> T read(@Nullable Object params, TypeRef<T> type) {
		if (params == null) {
			throw new IllegalArgumentException("params are required");
		}
		return this.json.convertValue(params, type);
	}

	private FeatureRegistry.@Nullable Owned<?> resource(@Nullable String uri) {
		return (uri != null) ? this.features.resource(uri) : null;
	}

	// Refuses a request without a verified caller (neither group check passes one): after
	// it, the caller is not null.
	@Contract("_, null, _, _ -> fail")
	private FeatureSource permitted(FeatureRegistry.@Nullable Owned<?> owner, @Nullable Caller caller, String kind,
			@Nullable String name) {
		if (owner == null || !this.access.reachesGroup(caller, owner.group())) {
			// Never say more about what the caller cannot reach.
			if ("resource".equals(kind)) {
				throw McpError.RESOURCE_NOT_FOUND.apply(String.valueOf(name));
			}
			throw new McpError(new JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS, "Unknown " + kind, null));
		}
		if (caller == null || !this.access.permitsGroup(caller, owner.group())) {
			throw new McpError(new JSONRPCError(McpSchema.ErrorCodes.INVALID_REQUEST,
					"You are not allowed to use " + kind + " " + name, null));
		}
		return owner.source();
	}

	// ---- subscriptions (stateful endpoint only) ----

	private void subscribe(FeatureSource source, String uri, @Nullable String sessionId) {
		if (sessionId == null) {
			throw new McpError(new JSONRPCError(McpSchema.ErrorCodes.INVALID_REQUEST,
					"Subscriptions need a session (the stateful endpoint)", null));
		}
		Set<String> sessions = this.subscriptions.computeIfAbsent(uri, (key) -> ConcurrentHashMap.newKeySet());
		synchronized (sessions) {
			boolean first = sessions.isEmpty();
			sessions.add(sessionId);
			if (first) {
				try {
					source.subscribe(uri);
				}
				catch (RuntimeException ex) {
					sessions.remove(sessionId);
					throw ex;
				}
			}
		}
	}

	private void unsubscribe(String uri, String sessionId) {
		Set<String> sessions = this.subscriptions.get(uri);
		if (sessions == null) {
			return;
		}
		synchronized (sessions) {
			if (sessions.remove(sessionId) && sessions.isEmpty()) {
				this.subscriptions.remove(uri, sessions);
				FeatureRegistry.Owned<?> owner = this.features.resource(uri);
				if (owner != null) {
					try {
						owner.source().unsubscribe(uri);
					}
					catch (RuntimeException ex) {
						logger.debug("Could not unsubscribe from " + uri + " upstream", ex);
					}
				}
			}
		}
	}

	/**
	 * Forgets a session's subscriptions: it ended.
	 * @param sessionId the session
	 */
	void sessionClosed(String sessionId) {
		this.subscriptions.keySet().forEach((uri) -> unsubscribe(uri, sessionId));
	}

	/**
	 * The sessions subscribed to a resource.
	 * @param uri the resource
	 * @return their ids
	 */
	Set<String> subscribers(String uri) {
		Set<String> sessions = this.subscriptions.get(uri);
		return (sessions != null) ? Set.copyOf(sessions) : Set.of();
	}

	void onResourceUpdated(java.util.function.Consumer<String> listener) {
		this.features.onResourceUpdated(listener);
	}

}
