package io.github.mcpoauthgateway.cli.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Receives the authorization response on a loopback redirect URI, as native apps do, and
 * tells the user the tab can be closed. Only a request to the redirect URI's exact path
 * that carries this login's {@code state} counts; anything else is answered and ignored,
 * so a forged or stray request cannot end the login.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 Section
 * 7.3</a>
 */
final class LoopbackReceiver implements AutoCloseable {

	private static final int BIND_ATTEMPTS = 5;

	private final List<HttpServer> servers;

	private final String path;

	private final String state;

	private final URI redirectUri;

	private final CompletableFuture<Map<String, String>> response = new CompletableFuture<>();

	private final AtomicInteger ignored = new AtomicInteger();

	/**
	 * Listens on the loopback interface.
	 * @param host the redirect URI's host: {@code 127.0.0.1}, {@code [::1]} or
	 * {@code localhost}
	 * @param port the port, or 0 for any free one
	 * @param path the redirect URI's path
	 * @param state the {@code state} of the authorization request
	 */
	LoopbackReceiver(String host, int port, String path, String state) {
		this.path = path;
		this.state = state;
		try {
			this.servers = listen(host, port);
		}
		catch (BindException ex) {
			throw new ClientException("Port " + port + " is in use, so the login cannot be received there: free it, "
					+ "or choose another with --redirect-port (and register that callback URL)", ex);
		}
		catch (IOException ex) {
			throw new ClientException("Cannot listen on " + host + ":" + port + " for the login response", ex);
		}
		for (HttpServer server : this.servers) {
			server.createContext("/", this::receive);
			server.start();
		}
		this.redirectUri = URI.create("http://" + host + ":" + this.servers.get(0).getAddress().getPort() + path);
	}

	private static List<HttpServer> listen(String host, int port) throws IOException {
		InetAddress ipv4 = InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		InetAddress ipv6 = InetAddress.getByName("::1");
		if ("[::1]".equals(host)) {
			return List.of(HttpServer.create(new InetSocketAddress(ipv6, port), 0));
		}
		if (!"localhost".equals(host) || !available(ipv6)) {
			return List.of(HttpServer.create(new InetSocketAddress(ipv4, port), 0));
		}
		// Browsers resolve localhost to 127.0.0.1 or to ::1: listen on both, on one port.
		for (int attempt = 1;; attempt++) {
			HttpServer first = HttpServer.create(new InetSocketAddress(ipv4, port), 0);
			try {
				return List.of(first, HttpServer.create(new InetSocketAddress(ipv6, first.getAddress().getPort()), 0));
			}
			catch (BindException ex) {
				first.stop(0);
				// A free port on 127.0.0.1 may be taken on ::1; a chosen one must be free
				// on
				// both, or another program could receive the login.
				if (port != 0 || attempt == BIND_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static boolean available(InetAddress address) {
		try (ServerSocket socket = new ServerSocket(0, 1, address)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	URI redirectUri() {
		return this.redirectUri;
	}

	/**
	 * Waits for the authorization response that carries this login's {@code state}.
	 * @param timeout how long to wait
	 * @return the response's parameters
	 */
	Map<String, String> await(Duration timeout) {
		try {
			return this.response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			int ignored = this.ignored.get();
			throw new ClientException(
					"No login response reached " + this.redirectUri + " within " + timeout.toSeconds()
							+ " s. If the browser shows an error such as redirect_mismatch or "
							+ "\"invalid redirect_uri\", register " + this.redirectUri
							+ " as a callback URL of the client (or pass the registered one with --redirect-uri); "
							+ "otherwise finish signing in sooner or raise --timeout."
							+ ((ignored > 0)
									? " (" + ignored + " response" + ((ignored > 1) ? "s" : "")
											+ " without this login's state, from another login or forged, ignored.)"
									: ""));
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
		if (!this.path.equals(exchange.getRequestURI().getRawPath())) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUri(exchange.getRequestURI())
			.build(true)
			.getQueryParams()
			.forEach((name, values) -> parameters.putIfAbsent(name,
					java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
		if (!this.state.equals(parameters.get("state"))) {
			this.ignored.incrementAndGet();
			page(exchange, 400, "This response does not belong to the sign-in the terminal is waiting for, so it "
					+ "was ignored. Finish signing in in the tab the terminal opened.");
			return;
		}
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
		page(exchange, 200, message);
	}

	private static void page(HttpExchange exchange, int status, String message) throws IOException {
		byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MCP OAuth Gateway</title>"
				+ "</head><body style=\"font-family:system-ui,sans-serif;margin:4rem auto;max-width:30rem\">"
				+ "<h1>MCP OAuth Gateway</h1><p id=\"result\">" + message + "</p></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.servers.forEach((server) -> server.stop(0));
	}

}
