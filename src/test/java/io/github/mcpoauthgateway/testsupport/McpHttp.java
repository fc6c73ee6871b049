package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw HTTP against the server under test, for requests an MCP client would never send.
 */
public final class McpHttp {

	public static final String INITIALIZE = """
			{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
			"capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

	public static final String TOOLS_LIST = """
			{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""";

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	public McpHttp(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public String url(String path) {
		return this.baseUrl + path;
	}

	/**
	 * A POST to {@code /mcp} with the headers an MCP client sends, to extend.
	 * @param body the JSON-RPC message
	 * @return the request builder
	 */
	public HttpRequest.Builder post(String body) {
		return HttpRequest.newBuilder(URI.create(url("/mcp")))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	public HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET();
	}

	public static String toolCall(String tool, String arguments) {
		return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":" + arguments + "}}";
	}

	public static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
