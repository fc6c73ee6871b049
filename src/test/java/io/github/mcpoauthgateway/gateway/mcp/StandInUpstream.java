package io.github.mcpoauthgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hand-written streamable HTTP MCP server on loopback whose tools misbehave on purpose:
 * answers that are not JSON, answers too large, no answer, a tool list that changes. It
 * records every request it receives, headers included.
 */
public final class StandInUpstream implements AutoCloseable {

	public static final int HUGE = 200_000;

	private static final JsonMapper JSON = JsonMapper.shared();

	public final List<Received> received = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private volatile boolean grown;

	public StandInUpstream() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/mcp", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/mcp");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * The JSON-RPC messages received with a method.
	 * @param method the method
	 * @return the messages, oldest first
	 */
	public List<Received> received(String method) {
		return this.received.stream().filter((request) -> method.equals(request.method())).toList();
	}

	@SuppressWarnings("unchecked")
	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				this.received
					.add(new Received(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), Map.of()));
				exchange.sendResponseHeaders("DELETE".equals(exchange.getRequestMethod()) ? 200 : 405, -1);
				return;
			}
			Map<String, Object> message = JSON.readValue(exchange.getRequestBody(), Map.class);
			String method = (String) message.get("method");
			this.received.add(new Received(method, Map.copyOf(exchange.getRequestHeaders()), message));
			Object id = message.get("id");
			if (id == null) {
				exchange.sendResponseHeaders(202, -1);
				return;
			}
			Map<String, Object> params = (Map<String, Object>) message.getOrDefault("params", Map.of());
			switch (method) {
				case "initialize" -> {
					exchange.getResponseHeaders().add("Mcp-Session-Id", "stand-in-session");
					json(exchange,
							result(id,
									Map.of("protocolVersion", params.get("protocolVersion"), "capabilities",
											Map.of("tools", Map.of("listChanged", true)), "serverInfo",
											Map.of("name", "stand-in", "version", "1"))));
				}
				case "tools/list" -> json(exchange, result(id, Map.of("tools", tools())));
				case "tools/call" -> call(exchange, id, (String) params.get("name"));
				default -> json(exchange, result(id, Map.of()));
			}
		}
	}

	private List<Map<String, Object>> tools() {
		List<Map<String, Object>> tools = new ArrayList<>();
		for (String name : List.of("ok", "malformed", "malformed-sse", "huge", "huge-sse", "slow", "grow", "refused")) {
			tools.add(Map.of("name", name, "inputSchema", Map.of("type", "object")));
		}
		if (this.grown) {
			tools.add(Map.of("name", "grown", "inputSchema", Map.of("type", "object")));
		}
		return tools;
	}

	private void call(HttpExchange exchange, Object id, String tool) throws IOException {
		switch (tool) {
			case "ok" -> json(exchange, result(id, text("fine")));
			case "malformed" -> send(exchange, "application/json",
					"{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"result\":{\"content\":[");
			case "malformed-sse" -> send(exchange, "text/event-stream", "event: message\ndata: {not json\n\n");
			case "huge" -> json(exchange, result(id, text("x".repeat(HUGE))));
			case "huge-sse" -> send(exchange, "text/event-stream",
					"event: message\ndata: " + JSON.writeValueAsString(result(id, text("x".repeat(HUGE)))) + "\n\n");
			case "slow" -> {
				try {
					Thread.sleep(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				json(exchange, result(id, text("late")));
			}
			case "grow" -> {
				this.grown = true;
				send(exchange, "text/event-stream",
						"event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"
								+ "event: message\ndata: " + JSON.writeValueAsString(result(id, text("grown")))
								+ "\n\n");
			}
			default -> json(exchange, Map.of("jsonrpc", "2.0", "id", id, "error",
					Map.of("code", -32602, "message", "Unknown tool: " + tool)));
		}
	}

	private static Map<String, Object> text(String text) {
		return Map.of("content", List.of(Map.of("type", "text", "text", text)), "isError", false);
	}

	private static Map<String, Object> result(Object id, Object result) {
		return Map.of("jsonrpc", "2.0", "id", id, "result", result);
	}

	private static void json(HttpExchange exchange, Object body) throws IOException {
		send(exchange, "application/json", JSON.writeValueAsString(body));
	}

	private static void send(HttpExchange exchange, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * One request received.
	 *
	 * @param method the JSON-RPC method, or the HTTP method of a request without a body
	 * @param headers its headers
	 * @param message its JSON-RPC message
	 */
	public record Received(String method, Map<String, List<String>> headers, Map<String, Object> message) {

		public List<String> header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.flatMap((header) -> header.getValue().stream())
				.toList();
		}

	}

}
