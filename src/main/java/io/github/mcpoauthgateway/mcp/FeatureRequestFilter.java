package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers prompt, resource and completion requests with {@link FeatureRequests}, in front
 * of the SDK's servlet, with a JSON response (which streamable HTTP allows as well as an
 * event stream).
 * <p>
 * NOTE: the SDK's server lists every prompt and resource to every client (it filters
 * lists of tools only), fixes completions when it is built, and in 2.1 gives a session's
 * requests to its own handlers with no hook; the gateway's prompts and resources change
 * while it runs and a caller must see only those it may reach. So these requests never
 * reach the SDK. They come here after the security filters: authenticated, on the
 * stateful endpoint with a session bound to the caller, which must still be open, and
 * checked ({@link ToolAuthorizationFilter} answers 403 for a {@code prompts/get} or
 * {@code resources/read} the caller may not make, and records the message it parsed,
 * which is used here rather than reading the body again).
 */
final class FeatureRequestFilter extends OncePerRequestFilter {

	private final FeatureRequests requests;

	private final McpJsonMapper json;

	private final @Nullable FeatureSessions sessions;

	/**
	 * Creates the filter.
	 * @param requests answers the requests
	 * @param json reads and writes JSON-RPC messages
	 * @param sessions the stateful endpoint's open sessions, or {@code null} when
	 * stateless
	 */
	FeatureRequestFilter(FeatureRequests requests, McpJsonMapper json, @Nullable FeatureSessions sessions) {
		this.requests = requests;
		this.json = json;
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!HttpMethod.POST.matches(request.getMethod())
				|| !(request.getAttribute(ToolAuthorizationFilter.MESSAGE_ATTRIBUTE) instanceof JsonNode message)
				|| !FeatureRequests.handles(message.path("method").asString(""), this.sessions != null)
				|| !message.has("id")) {
			// Not one of these requests, or a notification with such a method: the SDK's.
			chain.doFilter(request, response);
			return;
		}
		// As the SDK reads a message with a method and an id.
		McpSchema.JSONRPCRequest rpc = this.json.convertValue(message, McpSchema.JSONRPCRequest.class);
		String sessionId = null;
		if (this.sessions != null) {
			// The same answers the SDK gives for a missing or ended session.
			sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
			if (sessionId == null || sessionId.isBlank()) {
				JsonRpcErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcErrors.INVALID_REQUEST,
						"Session ID required in mcp-session-id header");
				return;
			}
			if (!this.sessions.isOpen(sessionId)) {
				JsonRpcErrors.write(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcErrors.INVALID_REQUEST,
						"Session not found");
				return;
			}
		}
		Caller caller = CallerResolver.resolve(request);
		McpTransportContext context = (caller != null)
				? McpTransportContext.create(Map.of(McpToolSpecifications.CALLER_KEY, caller))
				: McpTransportContext.EMPTY;
		McpSchema.JSONRPCResponse answer = this.requests.answer(rpc, context, sessionId);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter().write(this.json.writeValueAsString(answer));
	}

}
