package io.github.mcpoauthgateway.gateway.lambda;

import java.util.Map;

import io.github.mcpoauthgateway.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a function's response into a tool result, by the rules documented on
 * {@link LambdaTarget}.
 */
final class LambdaResults {

	// Longest function error message shown to the caller.
	private static final int MAX_ERROR_MESSAGE = 300;

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final String target;

	private final int maxResponseBytes;

	LambdaResults(String target, int maxResponseBytes) {
		this.target = target;
		this.maxResponseBytes = maxResponseBytes;
	}

	McpSchema.CallToolResult toResult(InvokeResponse response) {
		byte[] payload = (response.payload() != null) ? response.payload().asByteArrayUnsafe() : new byte[0];
		if (payload.length > this.maxResponseBytes) {
			return error("the function's response is " + payload.length + " bytes, more than the "
					+ this.maxResponseBytes + " this target accepts.");
		}
		if (response.functionError() != null) {
			return functionError(response.functionError(), payload);
		}
		if (payload.length == 0) {
			return McpSchema.CallToolResult.builder().isError(false).build();
		}
		JsonNode json;
		try {
			json = JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			return error("the function's response is not valid JSON.");
		}
		if (json.isObject()) {
			return looksLikeToolResult(json) ? passThrough(json)
					: ToolResults.structured(JSON.convertValue(json, OBJECT));
		}
		String text = json.isString() ? json.asString() : JSON.writeValueAsString(json);
		return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
	}

	private McpSchema.CallToolResult functionError(String kind, byte[] payload) {
		String type = null;
		String message = null;
		try {
			JsonNode json = JSON.readTree(payload);
			if (json.isObject()) {
				type = text(json.get("errorType"));
				message = text(json.get("errorMessage"));
			}
			else if (json.isString()) {
				message = json.asString();
			}
		}
		catch (JacksonException ex) {
			// NOTE: no detail then: the body is not the runtime's error shape.
		}
		StringBuilder description = new StringBuilder("the function failed (").append(shorten(kind, 40)).append(")");
		if (type != null) {
			description.append(": ").append(shorten(type, 100));
		}
		if (message != null) {
			description.append(": ").append(shorten(message, MAX_ERROR_MESSAGE));
		}
		return error(description.append('.').toString());
	}

	// A result the function built itself: a content array of typed items. A plain object
	// that merely has a "content" field is data, not a result.
	private static boolean looksLikeToolResult(JsonNode json) {
		JsonNode content = json.get("content");
		if (content == null || !content.isArray()) {
			return false;
		}
		for (JsonNode item : content) {
			if (!item.isObject() || item.get("type") == null || !item.get("type").isString()) {
				return false;
			}
		}
		return true;
	}

	private McpSchema.CallToolResult passThrough(JsonNode json) {
		try {
			return JSON.treeToValue(json, McpSchema.CallToolResult.class);
		}
		catch (JacksonException ex) {
			return error("the function answered a tool result that is not valid MCP.");
		}
	}

	private McpSchema.CallToolResult error(String problem) {
		return error(this.target, problem);
	}

	static McpSchema.CallToolResult error(String target, String problem) {
		return ToolResults.error("Lambda target '" + target + "': " + problem);
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString() && !node.asString().isBlank()) ? node.asString() : null;
	}

	/**
	 * The first line of a text the function chose, without control characters, cut to a
	 * length: stack traces and log dumps stay in the function's logs.
	 */
	static String shorten(String text, int max) {
		String line = text.strip();
		int end = line.indexOf('\n');
		if (end >= 0) {
			line = line.substring(0, end).strip();
		}
		StringBuilder clean = new StringBuilder();
		line.codePoints().filter((c) -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
		return (clean.length() > max) ? clean.substring(0, max) + "…" : clean.toString();
	}

}
