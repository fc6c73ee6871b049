package io.github.mcpoauthgateway.gateway.mcp;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.Target;
import io.github.mcpoauthgateway.gateway.TargetStatus;
import io.github.mcpoauthgateway.gateway.UpstreamFeatures;
import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.ContextAwareTool;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.github.mcpoauthgateway.tool.ToolResults;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A gateway target that serves the tools of an upstream MCP server, reached over
 * streamable HTTP or run as a stdio process, through the MCP Java SDK client.
 * <p>
 * It lists the upstream's tools at start and again on
 * {@code notifications/tools/list_changed}, and forwards each call with a timeout,
 * cancelling it upstream when the timeout passes and relaying the upstream's progress. An
 * upstream that is down, exits or breaks the protocol makes the target
 * {@linkplain #status() down}: its tools answer a tool error saying why, and a new
 * connection is tried with exponential backoff until it succeeds or the target is closed.
 * The caller's token never leaves this server (no tool ever sees it); HTTP requests carry
 * the target's {@link OutboundCredentials} instead.
 * <p>
 * When the upstream declares them, its prompts, resources and resource templates are
 * listed too, at each connection and again on {@code notifications/prompts/list_changed}
 * and {@code notifications/resources/list_changed}; {@code prompts/get},
 * {@code resources/read} and {@code completion/complete} are forwarded with the target's
 * timeout (abandoned, not cancelled upstream, when it passes), and its
 * {@code notifications/resources/updated} are passed on for the resources the gateway
 * subscribed to, which it subscribes to again after a reconnection.
 */
public final class McpTarget implements Target, UpstreamFeatures {

	/** The transport context key of the {@link Caller} a request is made for. */
	static final String CALLER_KEY = "caller";

	private static final Log logger = LogFactory.getLog(McpTarget.class);

	/** Headers the transport sets itself, which a credential must not replace. */
	private static final Set<String> PROTOCOL_HEADERS = Set.of("accept", "content-type", "cache-control",
			"mcp-session-id", "mcp-protocol-version", "last-event-id", "host", "connection", "content-length", "expect",
			"upgrade");

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

	private final McpTargetSettings settings;

	private final OutboundCredentials credentials;

	private final boolean relaysClientRequests;

	private final McpJsonMapper jsonMapper = McpJsonDefaults.getMapper();

	private final ScheduledExecutorService supervisor;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable Connection connection;

	private volatile List<McpTool> tools = List.of();

	private volatile Features features = Features.NONE;

	private final List<Runnable> featureListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<String>> updateListeners = new CopyOnWriteArrayList<>();

	/** The resources subscribed to upstream, for every caller at once. */
	private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

	private volatile TargetStatus status = TargetStatus.down("not started");

	private volatile boolean closed;

	// Read and written on the supervisor thread only.
	private Duration backoff;

	private @Nullable ScheduledFuture<?> reconnect;

	private @Nullable ScheduledFuture<?> healthCheck;

	/**
	 * Creates the target; it connects on {@link #start()}.
	 * @param settings where the upstream is and how to treat it
	 * @param credentials the headers of every HTTP request to the upstream (unused for
	 * stdio); asked with the call's caller for a tool call, and with {@code null} for the
	 * requests the target makes on its own behalf (initialize, tool listing, the
	 * notification stream, pings)
	 */
	public McpTarget(McpTargetSettings settings, OutboundCredentials credentials) {
		this(settings, credentials, false);
	}

	/**
	 * Creates the target; it connects on {@link #start()}.
	 * @param settings where the upstream is and how to treat it
	 * @param credentials the headers of every HTTP request to the upstream
	 * @param relaysClientRequests whether the upstream may send a call's client sampling
	 * and elicitation requests (declared to it as client capabilities): only when the
	 * server is stateful, since a stateless call has no stream back to its client
	 */
	public McpTarget(McpTargetSettings settings, OutboundCredentials credentials, boolean relaysClientRequests) {
		this.settings = settings;
		this.credentials = credentials;
		this.relaysClientRequests = relaysClientRequests;
		this.backoff = settings.minBackoff();
		this.supervisor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "mcp-target-" + settings.name());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Creates a target and {@linkplain #start() starts} it.
	 * @param settings where the upstream is and how to treat it
	 * @param credentials the headers of every HTTP request to the upstream
	 * @return the started target, up or retrying
	 */
	public static McpTarget start(McpTargetSettings settings, OutboundCredentials credentials) {
		return start(settings, credentials, false);
	}

	/**
	 * Creates a target and {@linkplain #start() starts} it.
	 * @param settings where the upstream is and how to treat it
	 * @param credentials the headers of every HTTP request to the upstream
	 * @param relaysClientRequests whether sampling and elicitation are relayed to callers
	 * @return the started target, up or retrying
	 */
	public static McpTarget start(McpTargetSettings settings, OutboundCredentials credentials,
			boolean relaysClientRequests) {
		McpTarget target = new McpTarget(settings, credentials, relaysClientRequests);
		target.start();
		return target;
	}

	/**
	 * Connects to the upstream and lists its tools, waiting at most the initialize
	 * timeout. Never throws for an upstream that is down: the target is then down and
	 * keeps trying in the background, so a server with such a target still starts.
	 */
	public void start() {
		Future<?> first = this.supervisor.submit(this::connect);
		try {
			first.get(this.settings.initializeTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.debug("MCP target " + name() + " is still connecting", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String name() {
		return this.settings.name();
	}

	/**
	 * The upstream's tools, as it describes them. While the upstream is down these are
	 * the tools it last listed, each answering that the target is unavailable.
	 */
	@Override
	public List<McpTool> tools() {
		return this.tools;
	}

	@Override
	public void onToolsChanged(Runnable listener) {
		this.listeners.add(listener);
	}

	@Override
	public TargetStatus status() {
		return this.status;
	}

	@Override
	public void close() {
		this.closed = true;
		this.supervisor.shutdownNow();
		Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			current.close("the target was closed");
		}
		this.status = TargetStatus.down("closed");
	}

	// ---- connecting and supervision, on the supervisor thread ----

	private void connect() {
		this.reconnect = null;
		if (this.closed) {
			return;
		}
		Connection candidate = new Connection();
		try {
			candidate.open();
			McpSchema.ListToolsResult listed = candidate.client()
				.initialize()
				.then(candidate.client().listTools())
				.contextWrite(serviceContext())
				.block(this.settings.initializeTimeout());
			if (this.closed) {
				candidate.close("the target was closed");
				return;
			}
			this.connection = candidate;
			this.backoff = this.settings.minBackoff();
			List<McpSchema.Tool> definitions = (listed != null) ? listed.tools() : List.of();
			replaceTools(definitions);
			replaceFeatures(listFeatures(candidate));
			resubscribe(candidate);
			this.status = up(definitions.size());
			logger.info("MCP target " + name() + " connected: " + definitions.size()
					+ ((definitions.size() == 1) ? " tool" : " tools"));
			Duration interval = this.settings.healthCheckInterval();
			this.healthCheck = this.supervisor.scheduleWithFixedDelay(() -> healthCheck(candidate), interval.toMillis(),
					interval.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			String reason = describe(ex);
			candidate.close(reason);
			down(reason);
		}
	}

	private void healthCheck(Connection checked) {
		if (this.connection != checked) {
			return;
		}
		try {
			checked.client().ping().contextWrite(serviceContext()).block(this.settings.initializeTimeout());
		}
		catch (RuntimeException ex) {
			lost(checked, "it did not answer a ping: " + describe(ex));
		}
	}

	private void down(String reason) {
		this.status = TargetStatus.down(reason);
		if (this.closed || this.reconnect != null) {
			return;
		}
		Duration delay = this.backoff;
		Duration doubled = this.backoff.multipliedBy(2);
		this.backoff = (doubled.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : doubled;
		logger.warn("MCP target " + name() + " is unavailable (" + reason + "); next attempt in " + delay.toMillis()
				+ " ms");
		this.reconnect = this.supervisor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Ends a connection that broke: its calls answer at once, and a new one is tried.
	 * Called from any thread, at most once per connection.
	 */
	private void lost(Connection lost, String reason) {
		if (!lost.lost.compareAndSet(false, true)) {
			return;
		}
		if (this.connection == lost) {
			// Shown at once; the supervisor thread does the rest.
			this.status = TargetStatus.down(reason);
		}
		lost.failCalls(new UpstreamUnavailableException(reason));
		runOnSupervisor(() -> {
			if (this.connection == lost) {
				this.connection = null;
				ScheduledFuture<?> check = this.healthCheck;
				if (check != null) {
					check.cancel(false);
				}
				down(reason);
			}
			lost.close(reason);
		});
	}

	private void toolsChanged(Connection source, List<McpSchema.Tool> definitions) {
		runOnSupervisor(() -> {
			if (this.connection == source) {
				replaceTools(definitions);
				this.status = up(definitions.size());
			}
		});
	}

	private void featuresChanged(Connection source) {
		runOnSupervisor(() -> {
			if (this.connection == source) {
				replaceFeatures(listFeatures(source));
			}
		});
	}

	/**
	 * Lists what the upstream declared it has, waiting at most the initialize timeout for
	 * each list; a list that fails is empty until the next change or connection.
	 */
	private Features listFeatures(Connection source) {
		McpSchema.ServerCapabilities declared = source.client().getServerCapabilities();
		if (declared == null) {
			return Features.NONE;
		}
		List<McpSchema.Prompt> prompts = (declared.prompts() != null)
				? list("prompts", source.client().listPrompts().map(McpSchema.ListPromptsResult::prompts)) : List.of();
		List<McpSchema.Resource> resources = (declared.resources() != null)
				? list("resources", source.client().listResources().map(McpSchema.ListResourcesResult::resources))
				: List.of();
		List<McpSchema.ResourceTemplate> templates = (declared.resources() != null) ? list("resource templates",
				source.client().listResourceTemplates().map(McpSchema.ListResourceTemplatesResult::resourceTemplates))
				: List.of();
		return new Features(declared, prompts, resources, templates);
	}

	private <T> List<T> list(String what, Mono<List<T>> listing) {
		try {
			List<T> listed = listing.contextWrite(serviceContext()).block(this.settings.initializeTimeout());
			return (listed != null) ? List.copyOf(listed) : List.of();
		}
		catch (RuntimeException ex) {
			logger.warn("MCP target " + name() + ": could not list its " + what + ": " + describe(ex));
			return List.of();
		}
	}

	private void replaceFeatures(Features listed) {
		if (listed.equals(this.features)) {
			return;
		}
		this.features = listed;
		for (Runnable listener : this.featureListeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.error("A features-changed listener of MCP target " + name() + " failed", ex);
			}
		}
	}

	/** Subscribes again on a new connection: the upstream forgot the old session's. */
	private void resubscribe(Connection source) {
		for (String uri : this.subscribed) {
			source.client()
				.subscribeResource(new McpSchema.SubscribeRequest(uri))
				.contextWrite(serviceContext())
				.subscribe(null, (ex) -> logger
					.warn("MCP target " + name() + ": could not subscribe again to " + uri + ": " + describe(ex)));
		}
	}

	/**
	 * Passes on an upstream's {@code notifications/resources/updated}, before the SDK
	 * client, which would read the resource with no caller to give it to.
	 */
	private boolean resourceUpdated(McpSchema.JSONRPCMessage message) {
		if (!(message instanceof McpSchema.JSONRPCNotification notification)
				|| !McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(notification.method())) {
			return false;
		}
		if (notification.params() instanceof Map<?, ?> params && params.get("uri") instanceof String uri
				&& this.subscribed.contains(uri)) {
			for (Consumer<String> listener : this.updateListeners) {
				try {
					listener.accept(uri);
				}
				catch (RuntimeException ex) {
					logger.error("A resource-updated listener of MCP target " + name() + " failed", ex);
				}
			}
		}
		return true;
	}

	private void replaceTools(List<McpSchema.Tool> definitions) {
		List<McpSchema.Tool> previous = this.tools.stream().map(McpTool::definition).toList();
		if (previous.equals(definitions)) {
			return;
		}
		this.tools = definitions.stream().<McpTool>map(UpstreamTool::new).toList();
		for (Runnable listener : this.listeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.error("A tools-changed listener of MCP target " + name() + " failed", ex);
			}
		}
	}

	private void runOnSupervisor(Runnable task) {
		if (this.closed) {
			return;
		}
		try {
			this.supervisor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closed meanwhile: nothing left to supervise.
		}
	}

	private static TargetStatus up(int toolCount) {
		return TargetStatus.up(toolCount + ((toolCount == 1) ? " tool" : " tools"));
	}

	// ---- prompts, resources and completions ----

	@Override
	public UpstreamFeatures features() {
		return this;
	}

	@Override
	public McpSchema.ServerCapabilities capabilities() {
		return this.features.capabilities();
	}

	@Override
	public List<McpSchema.Prompt> prompts() {
		return this.features.prompts();
	}

	@Override
	public List<McpSchema.Resource> resources() {
		return this.features.resources();
	}

	@Override
	public List<McpSchema.ResourceTemplate> resourceTemplates() {
		return this.features.templates();
	}

	@Override
	public McpSchema.GetPromptResult getPrompt(Caller caller, McpSchema.GetPromptRequest request) {
		return request("prompts/get", caller, (client) -> client.getPrompt(request));
	}

	@Override
	public McpSchema.ReadResourceResult readResource(Caller caller, McpSchema.ReadResourceRequest request) {
		return request("resources/read", caller, (client) -> client.readResource(request));
	}

	@Override
	public McpSchema.CompleteResult complete(Caller caller, McpSchema.CompleteRequest request) {
		return request("completion/complete", caller, (client) -> client.completeCompletion(request));
	}

	@Override
	public void subscribe(String uri) {
		if (this.subscribed.add(uri)) {
			try {
				request("resources/subscribe", null,
						(client) -> client.subscribeResource(new McpSchema.SubscribeRequest(uri)).thenReturn(uri));
			}
			catch (RuntimeException ex) {
				this.subscribed.remove(uri);
				throw ex;
			}
		}
	}

	@Override
	public void unsubscribe(String uri) {
		if (this.subscribed.remove(uri)) {
			request("resources/unsubscribe", null,
					(client) -> client.unsubscribeResource(new McpSchema.UnsubscribeRequest(uri)).thenReturn(uri));
		}
	}

	@Override
	public void onChanged(Runnable listener) {
		this.featureListeners.add(listener);
	}

	@Override
	public void onResourceUpdated(Consumer<String> listener) {
		this.updateListeners.add(listener);
	}

	/**
	 * Makes a request upstream for a caller (whose credentials the HTTP requests carry),
	 * or for the gateway itself, within the target's timeout.
	 * @throws McpError saying what went wrong, naming the target
	 */
	private <T> T request(String method, @Nullable Caller caller, Function<McpAsyncClient, Mono<T>> request) {
		Connection current = this.connection;
		if (current == null) {
			throw error(McpSchema.ErrorCodes.INTERNAL_ERROR, unavailable(this.status.detail()));
		}
		Context context = (caller != null)
				? Context.of(McpTransportContext.KEY, McpTransportContext.create(Map.of(CALLER_KEY, caller)))
				: serviceContext();
		T result;
		try {
			result = request.apply(current.client()).contextWrite(context).block(this.settings.timeout());
		}
		catch (McpError ex) {
			// A JSON-RPC error answer: the upstream is fine, the request is not.
			String message = (ex.getJsonRpcError() != null) ? ex.getJsonRpcError().message() : ex.getMessage();
			int code = (ex.getJsonRpcError() != null) ? ex.getJsonRpcError().code()
					: McpSchema.ErrorCodes.INTERNAL_ERROR;
			throw error(code, "Target " + name() + ": " + trim(message));
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
				if (cause instanceof TimeoutException) {
					throw error(McpSchema.ErrorCodes.INTERNAL_ERROR, "Target " + name() + ": " + method
							+ " did not answer within " + seconds(this.settings.timeout()) + ".");
				}
			}
			if (ex instanceof IllegalStateException && ex.getMessage() != null
					&& ex.getMessage().contains("capabilit")) {
				// The SDK client refuses what the upstream did not declare.
				throw error(McpSchema.ErrorCodes.METHOD_NOT_FOUND,
						"Target " + name() + " does not offer " + method + ".");
			}
			String fault = protocolFault(ex);
			if (fault != null) {
				throw error(McpSchema.ErrorCodes.INTERNAL_ERROR, "Target " + name() + ": " + fault + ".");
			}
			String reason = describe(ex);
			lost(current, reason);
			throw error(McpSchema.ErrorCodes.INTERNAL_ERROR, unavailable(reason));
		}
		if (result == null) {
			// The SDK's requests end with an answer or an error, never empty.
			throw error(McpSchema.ErrorCodes.INTERNAL_ERROR,
					"Target " + name() + ": " + method + " ended without an answer.");
		}
		return result;
	}

	private static McpError error(int code, String message) {
		return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
	}

	// ---- calls ----

	McpSchema.CallToolResult call(String tool, Caller caller, Map<String, Object> arguments, ToolCallContext context) {
		Connection current = this.connection;
		if (current == null) {
			return ToolResults.error(unavailable(this.status.detail()));
		}
		PendingCall pending = new PendingCall(caller, context, this.settings.timeout());
		McpSchema.CallToolRequest.Builder request = McpSchema.CallToolRequest.builder(tool).arguments(arguments);
		if (context.progressRequested()) {
			request.progressToken(pending.token);
		}
		Context callContext = pending.reactorContext;
		current.calls.put(pending.token, pending);
		if (current.lost.get()) {
			current.calls.remove(pending.token);
			return ToolResults.error(unavailable(this.status.detail()));
		}
		Disposable subscription = current.client()
			.callTool(request.build())
			.contextWrite(callContext)
			.subscribe(pending.result::complete, pending.result::completeExceptionally);
		try {
			return pending.result.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			subscription.dispose();
			current.cancel(pending, "timed out", callContext);
			return ToolResults.error("Target " + name() + ": " + tool + " did not answer within "
					+ seconds(this.settings.timeout()) + "; the call was cancelled.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			subscription.dispose();
			current.cancel(pending, "the caller went away", callContext);
			return ToolResults.error("Target " + name() + ": the call to " + tool + " was interrupted.");
		}
		catch (ExecutionException ex) {
			return failed(current, tool, (ex.getCause() != null) ? ex.getCause() : ex);
		}
		finally {
			current.calls.remove(pending.token);
		}
	}

	private McpSchema.CallToolResult failed(Connection current, String tool, Throwable error) {
		if (error instanceof UpstreamUnavailableException) {
			return ToolResults.error(unavailable(error.getMessage()));
		}
		if (error instanceof McpError mcpError) {
			// A JSON-RPC error answer (unknown tool, invalid arguments): the upstream is
			// fine, the call is not.
			String message = (mcpError.getJsonRpcError() != null) ? mcpError.getJsonRpcError().message()
					: mcpError.getMessage();
			return ToolResults.error("Target " + name() + " refused the call to " + tool + ": " + trim(message));
		}
		String fault = protocolFault(error);
		if (fault != null) {
			return ToolResults.error("Target " + name() + ": " + fault + ".");
		}
		String reason = describe(error);
		lost(current, reason);
		return ToolResults.error(unavailable(reason));
	}

	/**
	 * Says what is wrong with an upstream's answer that could not be read, or
	 * {@code null} when the error is not about the answer.
	 */
	private @Nullable String protocolFault(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if ("MaxSizeExceededException".equals(cause.getClass().getSimpleName()) || (cause.getMessage() != null
					&& cause.getMessage().contains("exceeds the maximum allowed size"))) {
				return "its answer was larger than " + this.settings.maxMessageBytes() + " bytes";
			}
			if (cause instanceof McpTransportException && cause.getMessage() != null
					&& (cause.getMessage().startsWith("Error deserializing")
							|| cause.getMessage().startsWith("Error parsing"))) {
				return "its answer was not valid JSON-RPC";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private void progress(Connection source, McpSchema.ProgressNotification notification) {
		PendingCall pending = source.calls.get(String.valueOf(notification.progressToken()));
		if (pending != null) {
			pending.context.progress(notification.progress(), notification.total(), notification.message());
		}
	}

	/**
	 * What the gateway tells the upstream its client can do: sampling and elicitation
	 * (form and URL) when it relays them, which each call's own client may still refuse.
	 */
	private McpSchema.ClientCapabilities clientCapabilities() {
		if (!this.relaysClientRequests) {
			return McpSchema.ClientCapabilities.builder().build();
		}
		return McpSchema.ClientCapabilities.builder().sampling().elicitation(true, true).build();
	}

	private static McpError notRelayed() {
		return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
				"The request was not relayed", null));
	}

	private String unavailable(@Nullable String reason) {
		return "Target " + name() + " is unavailable: " + ((reason != null) ? reason : "not connected") + ".";
	}

	// ---- transports ----

	private McpClientTransport transport(Connection owner) {
		List<String> command = this.settings.command();
		if (command != null) {
			return new StdioProcessTransport(name(), command, processEnvironment(), this.settings.workingDirectory(),
					this.jsonMapper, this.settings.maxMessageBytes(), (reason) -> lost(owner, reason));
		}
		// The settings have exactly one of a command and a url.
		URI url = Objects.requireNonNull(this.settings.url(), "An MCP target without a command has a url");
		String base = url.getScheme() + "://" + url.getRawAuthority();
		String endpoint = ((url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath())
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
		Duration connectTimeout = (this.settings.initializeTimeout().compareTo(Duration.ofSeconds(10)) < 0)
				? this.settings.initializeTimeout() : Duration.ofSeconds(10);
		return HttpClientStreamableHttpTransport.builder(base)
			.endpoint(endpoint)
			.jsonMapper(this.jsonMapper)
			.connectTimeout(connectTimeout)
			.maxResponseSize(this.settings.maxMessageBytes())
			.asyncHttpRequestCustomizer(
					(builder, method, uri, body, context) -> Mono.fromCallable(() -> withCredentials(builder, context))
						.subscribeOn(Schedulers.boundedElastic()))
			.build();
	}

	private HttpRequest.Builder withCredentials(HttpRequest.Builder builder, McpTransportContext context) {
		Caller caller = (context.get(CALLER_KEY) instanceof Caller known) ? known : null;
		Map<String, String> headers;
		try {
			headers = this.credentials.headers(caller);
		}
		catch (RuntimeException ex) {
			logger.warn("MCP target " + name() + ": no outbound credential", ex);
			throw new IllegalStateException("its outbound credential could not be obtained");
		}
		headers.forEach((header, value) -> {
			if (!PROTOCOL_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
				builder.setHeader(header, value);
			}
		});
		return builder;
	}

	private Map<String, String> processEnvironment() {
		Map<String, String> environment = new HashMap<>();
		Map<String, String> own = System.getenv();
		for (String name : McpTargetSettings.INHERITED_ENV) {
			if (own.containsKey(name)) {
				environment.put(name, own.get(name));
			}
		}
		environment.putAll(this.settings.env());
		return environment;
	}

	private static Context serviceContext() {
		return Context.of(McpTransportContext.KEY, McpTransportContext.EMPTY);
	}

	// ---- descriptions ----

	/**
	 * A short reason for the health endpoint and tool errors: the root cause's message,
	 * without control characters.
	 */
	static String describe(Throwable error) {
		String message = null;
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConnectException) {
				return "connection refused";
			}
			if (cause instanceof TimeoutException) {
				return "no answer in time";
			}
			String own = cause.getMessage();
			// The SDK wraps the cause in "Client failed to initialize ...": skip to it.
			if (message == null && own != null && !own.isBlank() && !own.startsWith("Client failed to initialize")
					&& !(cause instanceof ExecutionException) && !(cause instanceof CompletionException)) {
				message = own;
			}
		}
		return trim((message != null) ? message : error.getClass().getSimpleName());
	}

	private static String trim(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
		return (clean.length() > 300) ? clean.substring(0, 300) + "..." : clean;
	}

	// Whole seconds rounded up: the factory gives the target a little less than the
	// configured timeout (so it cancels first), and the caller reads the configured one.
	private static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return (millis >= 1000) ? ((millis + 999) / 1000) + " s" : millis + " ms";
	}

	/**
	 * One client session with the upstream: the SDK client, its transport and the calls
	 * in flight on it.
	 */
	private final class Connection {

		private final Map<String, PendingCall> calls = new ConcurrentHashMap<>();

		private final UpstreamRelay relay = new UpstreamRelay(name(), this.calls, McpTarget.this.relaysClientRequests,
				McpTarget.this.settings.timeout());

		private final AtomicBoolean lost = new AtomicBoolean();

		private @Nullable CallTrackingTransport transport;

		private @Nullable McpAsyncClient client;

		void open() {
			this.transport = new CallTrackingTransport(transport(this), (message, stream,
					replies) -> resourceUpdated(message) || this.relay.handled(message, stream, replies));
			this.client = McpClient.async(this.transport)
				// NOTE: calls time out on their own, sooner; this only bounds what the
				// SDK keeps waiting for.
				.requestTimeout(McpTarget.this.settings.timeout().plus(McpTarget.this.settings.initializeTimeout()))
				.initializationTimeout(McpTarget.this.settings.initializeTimeout())
				.clientInfo(new McpSchema.Implementation("mcp-oauth-gateway", version()))
				.capabilities(clientCapabilities())
				// NOTE: the relay answers sampling and elicitation before the SDK sees
				// them; the SDK wants handlers for the capabilities all the same.
				.sampling((request) -> Mono.error(notRelayed()))
				.elicitation((request) -> Mono.error(notRelayed()))
				.urlElicitation((request) -> Mono.error(notRelayed()))
				// The caller's answer goes upstream as it is.
				.applyElicitationDefaults(false)
				.toolsChangeConsumer((definitions) -> Mono.fromRunnable(() -> toolsChanged(this, definitions)))
				.promptsChangeConsumer((prompts) -> Mono.fromRunnable(() -> featuresChanged(this)))
				.resourcesChangeConsumer((resources) -> Mono.fromRunnable(() -> featuresChanged(this)))
				.progressConsumer((notification) -> Mono.fromRunnable(() -> progress(this, notification)))
				.enableCallToolSchemaCaching(false)
				.build();
		}

		/**
		 * The client, made by {@link #open()}, which every connection in use has passed.
		 */
		McpAsyncClient client() {
			McpAsyncClient opened = this.client;
			if (opened == null) {
				throw new IllegalStateException("MCP target " + name() + ": the connection was not opened");
			}
			return opened;
		}

		void cancel(PendingCall pending, String reason, Context context) {
			this.relay.abandoned(pending);
			Object requestId = pending.requestId();
			if (requestId != null && this.transport != null) {
				this.transport.cancel(requestId, reason, context);
			}
		}

		void failCalls(RuntimeException error) {
			this.calls.values().forEach((pending) -> pending.result.completeExceptionally(error));
		}

		void close(String reason) {
			this.lost.set(true);
			failCalls(new UpstreamUnavailableException(reason));
			if (this.client != null) {
				try {
					this.client.closeGracefully().contextWrite(serviceContext()).block(CLOSE_TIMEOUT);
				}
				catch (RuntimeException ex) {
					logger.debug("MCP target " + name() + ": closing the client failed", ex);
				}
			}
			else if (this.transport != null) {
				this.transport.close();
			}
		}

	}

	/** A tool of the upstream, called through this target. */
	private final class UpstreamTool implements ContextAwareTool {

		private final McpSchema.Tool definition;

		UpstreamTool(McpSchema.Tool definition) {
			this.definition = definition;
		}

		@Override
		public McpSchema.Tool definition() {
			return this.definition;
		}

		@Override
		public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments, ToolCallContext context) {
			return McpTarget.this.call(this.definition.name(), caller, arguments, context);
		}

	}

	/** What the upstream offers besides tools, as last listed. */
	private record Features(McpSchema.ServerCapabilities capabilities, List<McpSchema.Prompt> prompts,
			List<McpSchema.Resource> resources, List<McpSchema.ResourceTemplate> templates) {

		static final Features NONE = new Features(McpSchema.ServerCapabilities.builder().build(), List.of(), List.of(),
				List.of());

	}

	/** The connection to the upstream ended while a call waited for its answer. */
	private static final class UpstreamUnavailableException extends RuntimeException {

		UpstreamUnavailableException(String reason) {
			super(reason, null, false, false);
		}

	}

	private static String version() {
		String version = McpTarget.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
