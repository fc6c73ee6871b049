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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an authenticated MCP request before the SDK sees it: a supported
 * {@code MCP-Protocol-Version}, a body within the size limit that parses as one JSON-RPC
 * message, and, for {@code tools/call}, a caller allowed to call that tool. Failures get
 * JSON-RPC errors that never echo the input; a tool the caller may not call gets a
 * {@link ToolAccessDeniedException}, which Spring Security turns into a 403 challenge.
 */
final class McpRequestValidationFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoint;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Set<String> protocolVersions;

	private final int maxRequestBytes;

	private final ToolRegistry tools;

	private final ToolCallListener listener;

	McpRequestValidationFilter(RequestMatcher endpoint, Set<String> protocolVersions, int maxRequestBytes,
			ToolRegistry tools, ToolCallListener listener) {
		this.endpoint = endpoint;
		this.protocolVersions = Set.copyOf(protocolVersions);
		this.maxRequestBytes = maxRequestBytes;
		this.tools = tools;
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
		if (McpSchema.METHOD_TOOLS_CALL.equals(message.path("method").asString(null))) {
			authorizeToolCall(request, message.path("params").path("name").asString(null));
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
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
			throw new ToolAccessDeniedException("The caller may not call this tool",
					this.tools.scopesNeededFor(toolName));
		}
	}

}
