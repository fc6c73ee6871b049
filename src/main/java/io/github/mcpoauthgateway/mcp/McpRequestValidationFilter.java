package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.util.Set;

import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an authenticated MCP request before the SDK sees it: a supported
 * {@code MCP-Protocol-Version}, a body within the size limit that parses as one JSON-RPC
 * message, and, for {@code tools/call}, {@code prompts/get} and {@code resources/read}, a
 * caller allowed to use that tool, prompt or resource (a prompt's or resource's rule is
 * its gateway target's, as for the target's tools). Failures get JSON-RPC errors that
 * never echo the input; a tool, prompt or resource the caller may not use gets a
 * {@link ToolAccessDeniedException}, which Spring Security turns into a 403 challenge.
 */
final class McpRequestValidationFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoint;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Set<String> protocolVersions;

	private final int maxRequestBytes;

	private final ToolRegistry tools;

	private final FeatureRegistry features;

	private final ToolCallListener listener;

	McpRequestValidationFilter(RequestMatcher endpoint, Set<String> protocolVersions, int maxRequestBytes,
			ToolRegistry tools, FeatureRegistry features, ToolCallListener listener) {
		this.endpoint = endpoint;
		this.protocolVersions = Set.copyOf(protocolVersions);
		this.maxRequestBytes = maxRequestBytes;
		this.tools = tools;
		this.features = features;
		this.listener = listener;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String version = request.getHeader(HttpHeaders.PROTOCOL_VERSION);
		if (version != null && !this.protocolVersions.contains(version)) {
			JsonRpcErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcErrors.INVALID_REQUEST,
					"Unsupported MCP-Protocol-Version; supported: " + String.join(", ", this.protocolVersions));
			return;
		}
		if (!HttpMethod.POST.matches(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = readBody(request);
		if (body == null) {
			JsonRpcErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					JsonRpcErrors.INVALID_REQUEST, "Request body larger than " + this.maxRequestBytes + " bytes");
			return;
		}
		JsonNode message;
		try {
			message = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			JsonRpcErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcErrors.PARSE_ERROR,
					"Parse error: the body is not valid JSON");
			return;
		}
		if (!isJsonRpcMessage(message)) {
			JsonRpcErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcErrors.INVALID_REQUEST,
					"Invalid Request: expected one JSON-RPC 2.0 message object");
			return;
		}
		String method = message.path("method").asString(null);
		request.setAttribute(FeatureRequestFilter.METHOD_ATTRIBUTE, method);
		request.setAttribute(FeatureRequestFilter.METHOD_ATTRIBUTE, method);
		if (McpSchema.METHOD_TOOLS_CALL.equals(method)) {
			authorizeToolCall(request, message.path("params").path("name").asString(null));
		}
		else if (McpSchema.METHOD_PROMPT_GET.equals(method)) {
			String name = message.path("params").path("name").asString(null);
			FeatureRegistry.Owned<?> owner = (name != null) ? this.features.prompt(name) : null;
			authorizeGroup(request, owner, "The token does not allow getting this prompt");
		}
		else if (McpSchema.METHOD_RESOURCES_READ.equals(method)) {
			String uri = message.path("params").path("uri").asString(null);
			FeatureRegistry.Owned<?> owner = (uri != null) ? this.features.resource(uri) : null;
			authorizeGroup(request, owner, "The token does not allow reading this resource");
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private byte @Nullable [] readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > this.maxRequestBytes) {
			return null;
		}
		byte[] body = request.getInputStream().readNBytes(this.maxRequestBytes + 1);
		return (body.length > this.maxRequestBytes) ? null : body;
	}

	private static boolean isJsonRpcMessage(JsonNode message) {
		if (!message.isObject() || !McpSchema.JSONRPC_VERSION.equals(message.path("jsonrpc").asString(null))) {
			return false;
		}
		JsonNode method = message.get("method");
		if (method != null) {
			return method.isString();
		}
		return message.has("id") && (message.has("result") || message.has("error"));
	}

	private void authorizeGroup(HttpServletRequest request, FeatureRegistry.@Nullable Owned<?> owner, String message) {
		if (owner == null) {
			// Unknown: the handler answers it with a JSON-RPC error.
			return;
		}
		if (!this.tools.permitsGroup(CallerResolver.resolve(request), owner.group())) {
			throw new ToolAccessDeniedException(message, this.tools.scopesNeededForGroup(owner.group()));
		}
	}

	private void authorizeToolCall(HttpServletRequest request, String toolName) {
		if (toolName == null) {
			// Malformed call: the SDK answers it with a JSON-RPC error.
			return;
		}
		Caller caller = CallerResolver.resolve(request);
		if (!this.tools.permits(caller, toolName)) {
			// The name is the client's: recorded only when it is a tool this server
			// serves.
			this.listener.called((this.tools.tool(toolName) != null) ? toolName : ToolCallListener.UNKNOWN_TOOL, caller,
					ToolCallOutcome.DENIED, 0);
			throw new ToolAccessDeniedException("The token does not allow calling this tool",
					this.tools.scopesNeededFor(toolName));
		}
	}

}
