package io.github.mcpoauthgateway.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.TargetException;
import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriUtils;

/**
 * Calls one operation: arguments into the path, query, headers and JSON body; the answer
 * read up to the size cap; a 2xx JSON answer as structured content and text, anything
 * else as a tool error with the status and a trimmed body.
 */
final class OperationTool implements McpTool {

	/** How much of an error body is shown to the caller. */
	static final int ERROR_BODY_CHARS = 500;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "connection", "content-type",
			"accept", "authorization", "transfer-encoding", "upgrade", "expect");

	private final Operation operation;

	private final String baseUrl;

	private final HttpClient client;

	private final OutboundCredentials credentials;

	private final Duration timeout;

	private final int maxResponseBytes;

	private final Consumer<Boolean> reachability;

	OperationTool(Operation operation, String baseUrl, HttpClient client, OutboundCredentials credentials,
			Duration timeout, int maxResponseBytes, Consumer<Boolean> reachability) {
		this.operation = operation;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.client = client;
		this.credentials = credentials;
		this.timeout = timeout;
		this.maxResponseBytes = maxResponseBytes;
		this.reachability = reachability;
	}

	@Override
	public McpSchema.Tool definition() {
		return this.operation.definition();
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		HttpRequest request = request(caller, arguments);
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpTimeoutException ex) {
			throw new TargetException("no answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			this.reachability.accept(false);
			throw new TargetException("could not be reached (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TargetException("the call was interrupted", ex);
		}
		this.reachability.accept(true);
		byte[] body = read(response);
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			String text = trimmed(new String(body, StandardCharsets.UTF_8));
			throw new TargetException("HTTP " + status + " from " + this.operation.definition().name()
					+ (text.isEmpty() ? "" : ": " + text));
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		if (body.length == 0) {
			return McpSchema.CallToolResult.builder().addTextContent("HTTP " + status).isError(false).build();
		}
		if (!contentType.contains("json")) {
			return McpSchema.CallToolResult.builder()
				.addTextContent(new String(body, StandardCharsets.UTF_8))
				.isError(false)
				.build();
		}
		Object value;
		try {
			value = JSON.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw new TargetException("HTTP " + status + " with malformed JSON");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> structured = (value instanceof Map<?, ?> map) ? (Map<String, Object>) map
				: new java.util.LinkedHashMap<>(java.util.Collections.singletonMap("result", value));
		return ToolResults.structured(structured);
	}

	private HttpRequest request(Caller caller, Map<String, Object> arguments) {
		String path = this.operation.path();
		List<String> query = new ArrayList<>();
		// A backstop only: the gateway abandons the call at the target's timeout, and
		// interrupts it.
		HttpRequest.Builder request = HttpRequest.newBuilder().timeout(this.timeout.plusSeconds(1));
		for (OperationParameter parameter : this.operation.parameters()) {
			Object value = arguments.get(parameter.name());
			if (value == null) {
				if (parameter.required()) {
					throw new IllegalArgumentException("missing required argument " + parameter.name());
				}
				continue;
			}
			switch (parameter.in()) {
				case "path" -> path = path.replace("{" + parameter.name() + "}", pathSegment(parameter.name(), value));
				case "query" ->
					values(value).forEach((item) -> query.add(encode(parameter.name()) + "=" + encode(item)));
				case "header" -> {
					if (!OWN_HEADERS.contains(parameter.name().toLowerCase(Locale.ROOT))) {
						request.header(parameter.name(), headerValue(parameter.name(), value));
					}
				}
				default -> {
				}
			}
		}
		Object body = arguments.get(Operation.BODY);
		if (this.operation.hasBody() && body != null) {
			request.header("Content-Type", "application/json");
			request.method(this.operation.method(),
					HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		}
		else {
			request.method(this.operation.method(), HttpRequest.BodyPublishers.noBody());
		}
		request.header("Accept", "application/json, */*;q=0.5");
		// Set last: the target's credentials win over any header argument of the same
		// name.
		this.credentials.headers(caller).forEach(request::setHeader);
		String url = this.baseUrl + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
		return request.uri(URI.create(url)).build();
	}

	private static String pathSegment(String name, Object value) {
		String text = scalar(name, value);
		if (text.isEmpty() || ".".equals(text) || "..".equals(text)) {
			throw new IllegalArgumentException(name + " must not be empty, . or ..");
		}
		// Every reserved character is encoded, / included: a value stays one segment.
		return UriUtils.encodePathSegment(text, StandardCharsets.UTF_8);
	}

	private static String headerValue(String name, Object value) {
		String text = scalar(name, value);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' || c == 0x7f) {
				throw new IllegalArgumentException(name + " must not contain control characters");
			}
		}
		return text;
	}

	private static List<String> values(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map((item) -> (item instanceof String s) ? s : JSON.writeValueAsString(item)).toList();
		}
		return List.of((value instanceof String s) ? s : JSON.writeValueAsString(value));
	}

	private static String scalar(String name, Object value) {
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			throw new IllegalArgumentException(name + " must be a string, a number or a boolean");
		}
		return String.valueOf(value);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private byte[] read(HttpResponse<InputStream> response) {
		try (InputStream body = response.body()) {
			byte[] bytes = body.readNBytes(this.maxResponseBytes + 1);
			if (bytes.length > this.maxResponseBytes) {
				throw new TargetException("the answer is larger than " + this.maxResponseBytes
						+ " bytes (max-response-bytes); it was not read");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new TargetException("the answer could not be read (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	static String trimmed(String text) {
		StringBuilder clean = new StringBuilder();
		text.codePoints()
			.limit(ERROR_BODY_CHARS)
			.forEach((c) -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		String result = clean.toString().strip();
		return (text.codePointCount(0, text.length()) > ERROR_BODY_CHARS) ? result + "…" : result;
	}

}
