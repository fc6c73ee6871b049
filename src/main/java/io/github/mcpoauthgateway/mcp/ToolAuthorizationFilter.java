package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.github.mcpoauthgateway.tool.Caller;
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
 * Authorizes the tool, prompt or resource an MCP message asks for, the one check that
 * needs the body, after the header checks. It alone reads the body of a POST: it refuses
 * one over the size limit (413) or that is not one JSON-RPC message (400), records the
 * parsed message for {@link FeatureRequestFilter}, and hands the SDK the same bytes.
 * <p>
 * For {@code tools/call}, {@code prompts/get} and {@code resources/read} the caller must
 * be allowed to use that tool, prompt or resource (a prompt's or resource's rule is its
 * gateway target's, as for the target's tools). Failures get JSON-RPC errors that never
 * echo the input; a tool, prompt or resource the caller may not use gets a
 * {@link ToolAccessDeniedException}, which Spring Security turns into a 403 challenge.
 * <p>
 * NOTE: the SDK's transport has a size limit too, set to the same value, but it answers a
 * bare 413 and comes after this filter has read the body into memory: this is the limit
 * that bounds the read and answers.
 */
final class ToolAuthorizationFilter extends OncePerRequestFilter {

	/** The request attribute holding the parsed JSON-RPC message, a {@link JsonNode}. */
	static final String MESSAGE_ATTRIBUTE = ToolAuthorizationFilter.class.getName() + ".message";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final RequestMatcher endpoint;

	private final int maxRequestBytes;

	private final ToolRegistry tools;

	private final FeatureRegistry features;

	private final ToolCallListener listener;

	ToolAuthorizationFilter(RequestMatcher endpoint, int maxRequestBytes, ToolRegistry tools, FeatureRegistry features,
			ToolCallListener listener) {
		this.endpoint = endpoint;
		this.maxRequestBytes = maxRequestBytes;
		this.tools = tools;
		this.features = features;
		this.listener = listener;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Only a POST carries a message: GET opens a stream, DELETE ends a session.
		return !HttpMethod.POST.matches(request.getMethod()) || !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
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
		request.setAttribute(MESSAGE_ATTRIBUTE, message);
		String method = message.path("method").asString(null);
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
		long declared = request.getContentLengthLong();
		if (declared > this.maxRequestBytes) {
			return null;
		}
		InputStream in = request.getInputStream();
		if (declared >= 0) {
			// The container ends the stream at the declared length: one array of that
			// size, rather than readNBytes' zeroed 8 KB buffer and a copy.
			byte[] body = new byte[(int) declared];
			int read = in.readNBytes(body, 0, body.length);
			return (read == body.length) ? body : Arrays.copyOf(body, read);
		}
		byte[] body = in.readNBytes(this.maxRequestBytes + 1);
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
