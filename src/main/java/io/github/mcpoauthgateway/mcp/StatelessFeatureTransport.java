package io.github.mcpoauthgateway.mcp;

import java.util.List;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * The stateless transport as the SDK's server sees it: the capabilities the gateway's
 * targets offer are added to the answer to {@code initialize} (prompts, resources and
 * completions, which {@link FeatureRequestFilter} answers), without subscriptions: a
 * stateless request has no stream to send an update on, so {@code resources/subscribe}
 * stays unknown.
 */
final class StatelessFeatureTransport implements McpStatelessServerTransport {

	private final McpStatelessServerTransport delegate;

	private final FeatureRequests requests;

	StatelessFeatureTransport(McpStatelessServerTransport delegate, FeatureRequests requests) {
		this.delegate = delegate;
		this.requests = requests;
	}

	@Override
	public void setMcpHandler(McpStatelessServerHandler handler) {
		this.delegate.setMcpHandler(new McpStatelessServerHandler() {

			@Override
			public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context,
					McpSchema.JSONRPCRequest request) {
				Mono<McpSchema.JSONRPCResponse> answer = handler.handleRequest(context, request);
				if (!McpSchema.METHOD_INITIALIZE.equals(request.method())) {
					return answer;
				}
				return answer.map((response) -> (response.result() instanceof McpSchema.InitializeResult result)
						? McpSchema.JSONRPCResponse.result(response.id(),
								new McpSchema.InitializeResult(result.protocolVersion(),
										StatelessFeatureTransport.this.requests.capabilities(result.capabilities(),
												false),
										result.serverInfo(), result.instructions(), result.meta()))
						: response);
			}

			@Override
			public Mono<Void> handleNotification(McpTransportContext context,
					McpSchema.JSONRPCNotification notification) {
				return handler.handleNotification(context, notification);
			}

		});
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

}
