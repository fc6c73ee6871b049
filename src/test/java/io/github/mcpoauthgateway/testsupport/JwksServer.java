package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JWK Set served over loopback HTTP, as an authorization server publishes it: keys can
 * be added (rotation), the endpoint can be taken down, and fetches are counted.
 */
public final class JwksServer implements AutoCloseable {

	public static final String PATH = "/.well-known/jwks.json";

	private static JwksServer shared;

	private final HttpServer server;

	private final List<RSAKey> keys = new CopyOnWriteArrayList<>();

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicBoolean available = new AtomicBoolean(true);

	public JwksServer(RSAKey... keys) {
		this.keys.addAll(List.of(keys));
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext(PATH, this::serve);
		this.server.start();
	}

	/**
	 * One server for every integration test of the JVM, publishing
	 * {@link TestKeys#DEFAULT}; tests that change its keys or availability must use their
	 * own server instead.
	 * @return the shared server
	 */
	public static synchronized JwksServer shared() {
		if (shared == null) {
			shared = new JwksServer(TestKeys.DEFAULT);
		}
		return shared;
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + PATH);
	}

	public void publish(RSAKey key) {
		this.keys.add(key);
	}

	/**
	 * Publishes only the given key from now on, as an issuer that retired its old one.
	 * @param key the key left
	 */
	public void rotateTo(RSAKey key) {
		this.keys.clear();
		this.keys.add(key);
	}

	public void setAvailable(boolean available) {
		this.available.set(available);
	}

	public int fetches() {
		return this.fetches.get();
	}

	private void serve(HttpExchange exchange) throws IOException {
		this.fetches.incrementAndGet();
		if (!this.available.get()) {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
			return;
		}
		byte[] body = new JWKSet(List.<JWK>copyOf(this.keys)).toPublicJWKSet()
			.toString()
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
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
