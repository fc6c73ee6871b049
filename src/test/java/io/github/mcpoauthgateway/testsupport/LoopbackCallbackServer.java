package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The loopback redirect URI of a native client (RFC 8252): receives the authorization
 * response from the browser and shows a page that can be closed.
 */
public final class LoopbackCallbackServer implements AutoCloseable {

	public static final String DONE_PAGE = "<!DOCTYPE html><title>Signed in</title><p id=\"done\">You can close this tab.</p>";

	private final HttpServer server;

	private final CompletableFuture<Map<String, String>> response = new CompletableFuture<>();

	public LoopbackCallbackServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/callback", this::receive);
		this.server.start();
	}

	public String redirectUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
	}

	/**
	 * The query parameters of the first request to the redirect URI.
	 * @return code and state, or error
	 */
	public Map<String, String> awaitResponse() {
		try {
			return this.response.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("No authorization response reached the redirect URI", ex);
		}
	}

	private void receive(HttpExchange exchange) throws IOException {
		this.response.complete(DevAuthorizationServer.query(exchange.getRequestURI().toString()));
		byte[] body = DONE_PAGE.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
