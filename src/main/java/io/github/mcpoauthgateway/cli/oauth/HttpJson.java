package io.github.mcpoauthgateway.cli.oauth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few HTTP calls OAuth needs, with failures turned into messages a person can act on.
 */
final class HttpJson {

	static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http;

	HttpJson(HttpClient http) {
		this.http = http;
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException | HttpConnectTimeoutException ex) {
			throw new ClientException(
					"Cannot connect to " + origin(request.uri()) + ": is the server running and the URL right?", ex);
		}
		catch (IOException ex) {
			throw new ClientException("Cannot reach " + origin(request.uri()) + " (" + ex.getClass().getSimpleName()
					+ "): check the URL and your network", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClientException("Interrupted", ex);
		}
	}

	HttpResponse<String> get(URI uri) {
		return send(HttpRequest.newBuilder(uri)
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(15))
			.GET()
			.build());
	}

	HttpResponse<String> postForm(URI uri, Map<String, String> form, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
		headers.forEach(request::header);
		return send(request.build());
	}

	static String formBody(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static JsonNode parse(HttpResponse<String> response, String what) {
		try {
			JsonNode node = JSON.readTree(response.body());
			if (!node.isObject()) {
				throw new ClientException(what + " from " + response.uri() + " is not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new ClientException(what + " from " + response.uri() + " is not valid JSON", ex);
		}
	}

	static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getAuthority();
	}

}
