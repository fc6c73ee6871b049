package io.github.mcpoauthgateway.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Serves MCP over streamable HTTP at the {@link McpEndpoint}'s path with the SDK's
 * servlet transport, stateful by default and stateless when {@code mcp.stateless} is set.
 * <p>
 * Every transport bean takes the {@link McpEndpoint}, which is made from the checked
 * settings: a transport starts its threads only once they have passed.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

	private static final String VERSION = versionOf(McpServerConfiguration.class);

	@Bean
	ToolRegistry toolRegistry(List<McpTool> tools, McpProperties properties, McpEndpoint endpoint,
			ObjectProvider<ToolGroups> groups) {
		return new ToolRegistry(tools, properties.getToolAccess(), endpoint.requiredScopes(),
				groups.getIfAvailable(ToolGroups::none));
	}

	@Bean
	FeatureRegistry featureRegistry() {
		return new FeatureRegistry();
	}

	@Bean
	McpJsonMapper mcpJsonMapper() {
		return new JacksonMcpJsonMapper(JsonMapper.builder().addModule(JsonRpcErrors.mcpErrorModule()).build());
	}

	@Bean
	McpEndpointSecurity mcpEndpointSecurity(McpEndpoint endpoint, McpProperties properties, ToolRegistry tools,
			FeatureRegistry features, McpTransportEndpoint transport, ObjectProvider<ToolCallListener> listener) {
		return new McpEndpointSecurity(endpoint, allowedOrigins(endpoint, properties),
				new LinkedHashSet<>(transport.protocolVersions()), maxRequestBytes(properties), tools, features,
				!properties.isStateless(), listener.getIfAvailable(() -> ToolCallListener.NONE));
	}

	private static List<String> allowedOrigins(McpEndpoint endpoint, McpProperties properties) {
		List<String> origins = new ArrayList<>(properties.getAllowedOrigins());
		// The resource's own origin: a page served with the endpoint may call it.
		origins.add(endpoint.resource().origin());
		return origins;
	}

	/**
	 * The largest request body, in bytes. The body filter enforces it and answers a
	 * JSON-RPC 413; the transport gets the same value so that its own check (16 MiB
	 * unless set) never refuses a body the filter let through.
	 */
	private static int maxRequestBytes(McpProperties properties) {
		return Math.toIntExact(properties.getMaxRequestSize().toBytes());
	}

	static McpTransportContextExtractor<HttpServletRequest> callerExtractor() {
		return (request) -> {
			Caller caller = CallerResolver.resolve(request);
			return (caller != null) ? McpTransportContext.create(Map.of(McpToolSpecifications.CALLER_KEY, caller))
					: McpTransportContext.EMPTY;
		};
	}

	/**
	 * The tools capability announces list changes only when tools can change: when
	 * gateway targets are served.
	 */
	static McpSchema.ServerCapabilities capabilities(ToolRegistry tools) {
		return McpSchema.ServerCapabilities.builder().tools(tools.hasGroups()).build();
	}

	/**
	 * The transport's servlet at the endpoint; asynchronous, as its event streams are.
	 */
	private static <S extends HttpServlet> ServletRegistrationBean<S> atEndpoint(S transport, McpEndpoint endpoint) {
		ServletRegistrationBean<S> registration = new ServletRegistrationBean<>(transport, endpoint.path());
		registration.setAsyncSupported(true);
		return registration;
	}

	/**
	 * Where the filters in front of the transport stand among the servlet filters: after
	 * Spring Security's, the wrapper that sends a JSON answer in one write before the
	 * filter that answers prompts and resources, so that its answers are sent whole too.
	 */
	static final int JSON_RESPONSE_FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	static final int FEATURE_REQUEST_FILTER_ORDER = Ordered.LOWEST_PRECEDENCE;

	/** A filter in front of the transport's servlet only. */
	private static <F extends Filter> FilterRegistrationBean<F> onServlet(F filter, int order,
			ServletRegistrationBean<?> servlet) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter, servlet);
		registration.setAsyncSupported(true);
		registration.setOrder(order);
		return registration;
	}

	private static McpToolSpecifications toolSpecifications(ToolRegistry tools,
			ObjectProvider<ToolCallListener> listener) {
		return new McpToolSpecifications(tools, listener.getIfAvailable(() -> ToolCallListener.NONE));
	}

	/**
	 * Replays the registry's tool changes on a server: removed tools first, then added.
	 */
	private static void forward(ToolChangeForwarder changes, Consumer<String> remove, Consumer<McpTool> add) {
		changes.forwardTo((change) -> {
			change.removed().forEach(remove);
			change.added().forEach(add);
		});
	}

	private static String versionOf(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

	/**
	 * The protocol versions the serving transport accepts.
	 */
	interface McpTransportEndpoint {

		List<String> protocolVersions();

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mcp.stateless", havingValue = false, matchIfMissing = true)
	static class StatefulConfiguration {

		@Bean
		HttpServletStreamableServerTransportProvider mcpTransport(McpEndpoint endpoint, McpJsonMapper jsonMapper,
				McpProperties properties) {
			return HttpServletStreamableServerTransportProvider.builder()
				.jsonMapper(jsonMapper)
				.mcpEndpoint(endpoint.path())
				.contextExtractor(callerExtractor())
				.keepAliveInterval(properties.getKeepAliveInterval())
				.maxRequestSize(maxRequestBytes(properties))
				.build();
		}

		@Bean
		McpTransportEndpoint mcpTransportEndpoint(HttpServletStreamableServerTransportProvider transport) {
			return transport::protocolVersions;
		}

		@Bean
		ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
				HttpServletStreamableServerTransportProvider transport, McpEndpoint endpoint) {
			return atEndpoint(transport, endpoint);
		}

		@Bean
		FeatureSessions mcpFeatureSessions(HttpServletStreamableServerTransportProvider transport,
				McpJsonMapper jsonMapper, ToolRegistry tools, FeatureRegistry features) {
			return new FeatureSessions(transport, new FeatureRequests(features, tools, jsonMapper));
		}

		@Bean
		FilterRegistrationBean<FeatureRequestFilter> mcpFeatureRequestFilter(FeatureSessions sessions,
				McpJsonMapper jsonMapper,
				ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet) {
			// Prompts, resources and completions are answered before the SDK sees them.
			return onServlet(new FeatureRequestFilter(sessions.requests(), jsonMapper, sessions),
					FEATURE_REQUEST_FILTER_ORDER, mcpServlet);
		}

		@Bean(destroyMethod = "close")
		McpSyncServer mcpServer(FeatureSessions sessions, McpJsonMapper jsonMapper, McpProperties properties,
				ToolRegistry tools, FeatureRegistry features, ObjectProvider<ToolCallListener> listener) {
			McpToolSpecifications specifications = toolSpecifications(tools, listener);
			ToolChangeForwarder changes = new ToolChangeForwarder();
			Collection<McpTool> served = tools.subscribe(changes);
			McpSyncServer server = McpServer.sync(sessions)
				.jsonMapper(jsonMapper)
				.serverInfo(properties.getResourceName(), VERSION)
				.capabilities(capabilities(tools))
				// The servlet transport blocks its request thread anyway: running tools
				// on it saves a thread hop per call.
				.immediateExecution(true)
				.tools(specifications.stateful(served))
				.addToolFilter(specifications.visibility())
				.build();
			// addTool and removeTool notify every session of the change (listChanged).
			forward(changes, server::removeTool, (tool) -> server.addTool(specifications.stateful(tool)));
			features.onChange((kind) -> {
				if (kind == FeatureRegistry.Kind.PROMPTS) {
					server.notifyPromptsListChanged();
				}
				else {
					server.notifyResourcesListChanged();
				}
			});
			return server;
		}

		@Bean
		McpGracefulShutdown mcpGracefulShutdown(McpSyncServer server) {
			return new McpGracefulShutdown(server::closeGracefully);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mcp.stateless")
	static class StatelessConfiguration {

		@Bean
		HttpServletStatelessServerTransport mcpTransport(McpEndpoint endpoint, McpJsonMapper jsonMapper,
				McpProperties properties) {
			return HttpServletStatelessServerTransport.builder()
				.jsonMapper(jsonMapper)
				.messageEndpoint(endpoint.path())
				.contextExtractor(callerExtractor())
				.maxRequestSize(maxRequestBytes(properties))
				.build();
		}

		@Bean
		McpTransportEndpoint mcpTransportEndpoint(HttpServletStatelessServerTransport transport) {
			return transport::protocolVersions;
		}

		@Bean
		ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
				HttpServletStatelessServerTransport transport, McpEndpoint endpoint) {
			return atEndpoint(transport, endpoint);
		}

		@Bean
		FilterRegistrationBean<JsonResponseFlushFilter> mcpJsonResponseFlushFilter(
				ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet) {
			return onServlet(new JsonResponseFlushFilter(), JSON_RESPONSE_FILTER_ORDER, mcpServlet);
		}

		@Bean
		FilterRegistrationBean<FeatureRequestFilter> mcpFeatureRequestFilter(McpJsonMapper jsonMapper,
				ToolRegistry tools, FeatureRegistry features,
				ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet) {
			// Prompts, resources and completions are answered before the SDK sees them.
			return onServlet(
					new FeatureRequestFilter(new FeatureRequests(features, tools, jsonMapper), jsonMapper, null),
					FEATURE_REQUEST_FILTER_ORDER, mcpServlet);
		}

		@Bean(destroyMethod = "close")
		McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, McpJsonMapper jsonMapper,
				McpProperties properties, ToolRegistry tools, FeatureRegistry features,
				ObjectProvider<ToolCallListener> listener) {
			McpToolSpecifications specifications = toolSpecifications(tools, listener);
			ToolChangeForwarder changes = new ToolChangeForwarder();
			Collection<McpTool> served = tools.subscribe(changes);
			McpStatelessSyncServer server = McpServer
				.sync(new StatelessFeatureTransport(transport, new FeatureRequests(features, tools, jsonMapper)))
				.jsonMapper(jsonMapper)
				.serverInfo(properties.getResourceName(), VERSION)
				.capabilities(capabilities(tools))
				.immediateExecution(true)
				.tools(specifications.stateless(served))
				.addToolFilter(specifications.visibility())
				.build();
			// Without sessions there is no one to notify: the next tools/list shows it.
			forward(changes, server::removeTool, (tool) -> server.addTool(specifications.stateless(tool)));
			return server;
		}

		@Bean
		McpGracefulShutdown mcpGracefulShutdown(McpStatelessSyncServer server) {
			return new McpGracefulShutdown(server::closeGracefully);
		}

	}

}
