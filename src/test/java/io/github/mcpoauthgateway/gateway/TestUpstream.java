package io.github.mcpoauthgateway.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The API behind the test's openapi targets, on loopback: it records every request it
 * receives, and has faults on some paths (an error, a hang, malformed JSON, a huge body)
 * and a client-credentials token endpoint.
 */
public final class TestUpstream implements AutoCloseable {

	public static final String CLIENT_TOKEN = "client-credentials-token-1";

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	public TestUpstream() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::serve);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<Received> received() {
		return this.received;
	}

	public List<Received> received(String pathPrefix) {
		return this.received.stream().filter((r) -> r.path().startsWith(pathPrefix)).toList();
	}

	private void serve(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String path = exchange.getRequestURI().getRawPath();
		this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
				Map.copyOf(exchange.getRequestHeaders()), body));
		switch (path) {
			case "/token" -> answer(exchange, 200, "application/json",
					"{\"access_token\":\"" + CLIENT_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
			case "/pets" -> {
				if ("POST".equals(exchange.getRequestMethod())) {
					answer(exchange, 201, "application/json", "{\"id\":\"p2\",\"created\":" + body + "}");
				}
				else {
					answer(exchange, 200, "application/json", "[{\"id\":\"p1\"}]");
				}
			}
			case "/missing" -> answer(exchange, 404, "application/json", "{\"message\":\"no such thing\"}");
			case "/slow" -> {
				try {
					Thread.sleep(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				answer(exchange, 200, "application/json", "{}");
			}
			case "/malformed" -> answer(exchange, 200, "application/json", "{\"id\": ");
			case "/huge" -> answer(exchange, 200, "application/json", "{\"data\":\"" + "x".repeat(64 * 1024) + "\"}");
			default -> {
				if (path.startsWith("/pets/")) {
					answer(exchange, 200, "application/json",
							"{\"id\":\"" + path.substring(6) + "\",\"name\":\"Rex\"}");
				}
				else {
					answer(exchange, 404, "text/plain", "not found");
				}
			}
		}
	}

	private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		catch (IOException ex) {
			// The gateway stopped reading (a capped or abandoned answer).
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request as received.
	 */
	public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public List<String> allHeaderValues() {
			return this.headers.values().stream().flatMap(List::stream).toList();
		}

	}

}
