package io.github.mcpoauthgateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stateful transport as the SDK's server sees it: a session declares the capabilities
 * the gateway's targets offer when its client initializes, and the gateway learns which
 * sessions are open (for {@link FeatureRequestFilter}, which answers their prompt,
 * resource and completion requests) and when one ends (its resource subscriptions end
 * with it). Resource updates go to the sessions subscribed to them.
 * <p>
 * CAUTION: the SDK has no hook for a session's end, so {@link Session} extends its
 * session class and passes every public method on to the SDK's session; a new public
 * method in a later SDK must be passed on too.
 */
final class FeatureSessions implements McpStreamableServerTransportProvider {

	private static final Log logger = LogFactory.getLog(FeatureSessions.class);

	private final McpStreamableServerTransportProvider delegate;

	private final FeatureRequests requests;

	private final Set<String> open = ConcurrentHashMap.newKeySet();

	FeatureSessions(McpStreamableServerTransportProvider delegate, FeatureRequests requests) {
		this.delegate = delegate;
		this.requests = requests;
		requests.onResourceUpdated(this::resourceUpdated);
	}

	@Override
	public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
		this.delegate.setSessionFactory((initialize) -> {
			McpStreamableServerSession.McpStreamableServerSessionInit init = sessionFactory.startSession(initialize);
			this.open.add(init.session().getId());
			return new McpStreamableServerSession.McpStreamableServerSessionInit(new Session(init.session()),
					init.initResult()
						.map((result) -> new McpSchema.InitializeResult(result.protocolVersion(),
								this.requests.capabilities(result.capabilities(), true), result.serverInfo(),
								result.instructions(), result.meta())));
		});
	}

	FeatureRequests requests() {
		return this.requests;
	}

	/**
	 * Whether a session is open: started and neither deleted nor closed.
	 * @param sessionId the SDK's session id
	 * @return {@code true} when open
	 */
	boolean isOpen(String sessionId) {
		return this.open.contains(sessionId);
	}

	private void ended(String sessionId) {
		this.open.remove(sessionId);
		this.requests.sessionClosed(sessionId);
	}

	private void resourceUpdated(String uri) {
		McpSchema.ResourcesUpdatedNotification notification = new McpSchema.ResourcesUpdatedNotification(uri);
		for (String sessionId : this.requests.subscribers(uri)) {
			this.delegate.notifyClient(sessionId, McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED, notification)
				.subscribe(null, (ex) -> logger.debug("Could not tell session " + sessionId + " of " + uri, ex));
		}
	}

	@Override
	public Mono<Void> notifyClients(String method, Object params) {
		return this.delegate.notifyClients(method, params);
	}

	@Override
	public Mono<Void> notifyClient(String sessionId, String method, Object params) {
		return this.delegate.notifyClient(sessionId, method, params);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

	/** An SDK session whose end the gateway hears of. */
	private final class Session extends McpStreamableServerSession {

		private final McpStreamableServerSession sdk;

		Session(McpStreamableServerSession sdk) {
			// Its own state is unused: every method goes to the SDK's session.
			super(sdk.getId(), null, null, Duration.ZERO, Map.of(), Map.of());
			this.sdk = sdk;
		}

		@Override
		public Mono<Void> delete() {
			ended(getId());
			return this.sdk.delete();
		}

		@Override
		public Mono<Void> closeGracefully() {
			ended(getId());
			return this.sdk.closeGracefully();
		}

		@Override
		public void close() {
			ended(getId());
			this.sdk.close();
		}

		// ---- passed on to the SDK's session ----

		@Override
		public Mono<Void> responseStream(McpSchema.JSONRPCRequest request, McpStreamableServerTransport transport) {
			return this.sdk.responseStream(request, transport);
		}

		@Override
		public String getId() {
			return this.sdk.getId();
		}

		@Override
		public void setMinLoggingLevel(McpSchema.LoggingLevel minLoggingLevel) {
			this.sdk.setMinLoggingLevel(minLoggingLevel);
		}

		@Override
		public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel loggingLevel) {
			return this.sdk.isNotificationForLevelAllowed(loggingLevel);
		}

		@Override
		public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
			return this.sdk.sendRequest(method, requestParams, typeRef);
		}

		@Override
		public Mono<Void> sendNotification(String method, Object params) {
			return this.sdk.sendNotification(method, params);
		}

		@Override
		public boolean hasListeningStream() {
			return this.sdk.hasListeningStream();
		}

		@Override
		public boolean hasOpenStream() {
			return this.sdk.hasOpenStream();
		}

		@Override
		public McpStreamableServerSessionStream listeningStream(McpStreamableServerTransport transport) {
			return this.sdk.listeningStream(transport);
		}

		@Override
		public void releaseListeningStream() {
			this.sdk.releaseListeningStream();
		}

		@Override
		public Flux<McpSchema.JSONRPCMessage> replay(Object lastEventId) {
			return this.sdk.replay(lastEventId);
		}

		@Override
		public McpStreamableServerSessionStream responseStream(McpStreamableServerTransport transport) {
			return this.sdk.responseStream(transport);
		}

		@Override
		public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
			return this.sdk.accept(notification);
		}

		@Override
		public Mono<Void> accept(McpSchema.JSONRPCResponse response) {
			return this.sdk.accept(response);
		}

	}

}
