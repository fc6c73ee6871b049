package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.http.MediaType;

/**
 * Writes transport-level errors as JSON-RPC error responses with no {@code id}, as the
 * MCP transport allows, and never with exception details.
 *
 * @see <a href="https://www.jsonrpc.org/specification#error_object">JSON-RPC 2.0 error
 * object</a>
 */
final class JsonRpcErrors {

	static final int PARSE_ERROR = McpSchema.ErrorCodes.PARSE_ERROR;

	static final int INVALID_REQUEST = McpSchema.ErrorCodes.INVALID_REQUEST;

	private static final JsonMapper JSON = JsonMapper.shared();

	private JsonRpcErrors() {
	}

	static void write(HttpServletResponse response, int status, int code, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(JSON.writeValueAsString(envelope(code, message)));
	}

	private static Map<String, Object> envelope(int code, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("jsonrpc", McpSchema.JSONRPC_VERSION);
		envelope.put("id", null);
		envelope.put("error", error);
		return envelope;
	}

	/**
	 * A Jackson module that serializes the SDK's {@link McpError} as a JSON-RPC error
	 * envelope. The SDK transports write the exception object itself, which would
	 * otherwise expose its stack trace and cause chain.
	 * @return the module
	 */
	static SimpleModule mcpErrorModule() {
		return new SimpleModule("mcp-error-envelope").addSerializer(McpError.class, new McpErrorSerializer());
	}

	private static final class McpErrorSerializer extends ValueSerializer<McpError> {

		@Override
		public void serialize(McpError value, JsonGenerator generator, SerializationContext context) {
			McpSchema.JSONRPCResponse.JSONRPCError error = value.getJsonRpcError();
			int code = (error != null && error.code() != null) ? error.code() : McpSchema.ErrorCodes.INTERNAL_ERROR;
			String message = (error != null && error.message() != null) ? error.message() : "Internal error";
			generator.writePOJO(envelope(code, message));
		}

	}

}
