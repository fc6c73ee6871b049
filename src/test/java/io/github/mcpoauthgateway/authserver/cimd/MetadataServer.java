package io.github.mcpoauthgateway.authserver.cimd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Documents served over loopback HTTP with chosen status, headers and bodies; requests
 * are counted per path.
 */
final class MetadataServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, Response> responses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, String> lastAccept = new ConcurrentHashMap<>();

	MetadataServer() {
		this(InetAddress.getLoopbackAddress());
	}

	/**
	 * A server on another loopback address, such as 127.0.0.2 (Linux has all of 127/8).
	 */
	MetadataServer(InetAddress address) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(address, 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** The URL of a path, on 127.0.0.1. */
	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	/** Serves a JSON body with status 200 and the given header name and value pairs. */
	void json(String path, String body, String... headers) {
		respond(path, 200, "application/json", body, headers);
	}

	void respond(String path, int status, String contentType, String body, String... headers) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("Content-Type", contentType);
		for (int i = 0; i < headers.length; i += 2) {
			all.put(headers[i], headers[i + 1]);
		}
		this.responses.put(path,
				new Response(status, all, body.getBytes(StandardCharsets.UTF_8), false, Duration.ZERO));
	}

	/** Serves JSON that never ends, without a Content-Length. */
	void endless(String path) {
		this.responses.put(path,
				new Response(200, Map.of("Content-Type", "application/json"), new byte[0], true, Duration.ZERO));
	}

	/** Serves a JSON body only after a delay. */
	void delayed(String path, String body, Duration delay) {
		this.responses.put(path, new Response(200, Map.of("Content-Type", "application/json"),
				body.getBytes(StandardCharsets.UTF_8), false, delay));
	}

	int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	int requests() {
		return this.requests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	String lastAccept(String path) {
		return this.lastAccept.get(path);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
		String accept = exchange.getRequestHeaders().getFirst("Accept");
		if (accept != null) {
			this.lastAccept.put(path, accept);
		}
		Response response = this.responses.get(path);
		try (exchange) {
			if (response == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			if (!response.delay().isZero()) {
				sleep(response.delay());
			}
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			if (response.endless()) {
				exchange.sendResponseHeaders(200, 0);
				writeForever(exchange.getResponseBody());
				return;
			}
			exchange.sendResponseHeaders(response.status(),
					(response.body().length == 0) ? -1 : response.body().length);
			if (response.body().length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(response.body());
				}
			}
		}
	}

	private static void writeForever(OutputStream out) {
		byte[] chunk = " ".repeat(1024).getBytes(StandardCharsets.US_ASCII);
		try {
			out.write('[');
			while (!Thread.currentThread().isInterrupted()) {
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			// the client hung up, as it should
		}
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private record Response(int status, Map<String, String> headers, byte[] body, boolean endless, Duration delay) {
	}

}
