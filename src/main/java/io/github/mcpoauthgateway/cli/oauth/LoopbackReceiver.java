package io.github.mcpoauthgateway.cli.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Receives the authorization response on a loopback redirect URI, as native apps do, and
 * tells the user the tab can be closed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 Section
 * 7.3</a>
 */
final class LoopbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final URI redirectUri;

	private final CompletableFuture<Map<String, String>> response = new CompletableFuture<>();

	/**
	 * Listens on the loopback interface.
	 * @param host the redirect URI's host: {@code 127.0.0.1}, {@code [::1]} or
	 * {@code localhost}
	 * @param port the port, or 0 for any free one
	 * @param path the redirect URI's path
	 */
	LoopbackReceiver(String host, int port, String path) {
		try {
			InetAddress address = "[::1]".equals(host) ? InetAddress.getByName("::1")
					: InetAddress.getLoopbackAddress();
			this.server = HttpServer.create(new InetSocketAddress(address, port), 0);
		}
		catch (BindException ex) {
			throw new ClientException("Port " + port + " is in use, so the login cannot be received there: free it, "
					+ "or choose another with --redirect-port (and register that callback URL)", ex);
		}
		catch (IOException ex) {
			throw new ClientException("Cannot listen on " + host + ":" + port + " for the login response", ex);
		}
		this.server.createContext(path, this::receive);
		this.server.start();
		this.redirectUri = URI.create("http://" + host + ":" + this.server.getAddress().getPort() + path);
	}

	URI redirectUri() {
		return this.redirectUri;
	}

	Map<String, String> await(Duration timeout) {
		try {
			return this.response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new ClientException("No login response reached " + this.redirectUri + " within " + timeout.toSeconds()
					+ " s. If the browser shows an error such as redirect_mismatch or "
					+ "\"invalid redirect_uri\", register " + this.redirectUri
					+ " as a callback URL of the client (or pass the registered one with --redirect-uri); "
					+ "otherwise finish signing in sooner or raise --timeout.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClientException("Interrupted while waiting for the login", ex);
		}
		catch (ExecutionException ex) {
			throw new ClientException("The login response could not be read", ex);
		}
	}

	private void receive(HttpExchange exchange) throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUri(exchange.getRequestURI())
			.build(true)
			.getQueryParams()
			.forEach((name, values) -> parameters.putIfAbsent(name,
					java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
		boolean first = this.response.complete(parameters);
		String message;
		if (!first) {
			message = "This login was already handled. You can close this tab.";
		}
		else if (parameters.containsKey("error")) {
			message = "Sign-in failed: " + HtmlUtils.htmlEscape(parameters.get("error"))
					+ ". The terminal says what to do. You can close this tab.";
		}
		else {
			message = "Signed in. You can close this tab and return to the terminal.";
		}
		byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MCP OAuth Gateway</title>"
				+ "</head><body style=\"font-family:system-ui,sans-serif;margin:4rem auto;max-width:30rem\">"
				+ "<h1>MCP OAuth Gateway</h1><p id=\"result\">" + message + "</p></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
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
