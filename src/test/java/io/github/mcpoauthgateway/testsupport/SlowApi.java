package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API on loopback that answers {@code GET /slow} after a delay, with its OpenAPI
 * document, served as the gateway target {@code slow} (tool {@code slow___slow}): calls
 * that stay in flight while a server shuts down or a replica fails.
 */
public final class SlowApi implements AutoCloseable {

	/** The tool the target serves. */
	public static final String TOOL = "slow___slow";

	private final HttpServer server;

	private final Path spec;

	private final AtomicInteger calls = new AtomicInteger();

	private SlowApi(Duration delay, Path dir) throws IOException {
		this.spec = Files.writeString(dir.resolve("slow.yaml"), """
				openapi: 3.0.3
				info: { title: Slow, version: "1" }
				paths:
				  /slow:
				    get:
				      operationId: slow
				      summary: Answers after a while
				      responses:
				        "200": { description: ok }
				""");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/slow", (exchange) -> {
			this.calls.incrementAndGet();
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = "{\"answer\":\"slow-result\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Starts the API and writes its OpenAPI document.
	 * @param delay how long each call takes
	 * @param dir where the document is written
	 * @return the running API
	 * @throws IOException when it cannot listen or write
	 */
	public static SlowApi start(Duration delay, Path dir) throws IOException {
		return new SlowApi(delay, dir);
	}

	/**
	 * The server's arguments that declare this API as gateway target {@code slow}, with a
	 * timeout longer than any delay the tests use.
	 * @return the arguments
	 */
	public List<String> targetArguments() {
		return List.of("--gateway.targets[0].name=slow", "--gateway.targets[0].kind=openapi",
				"--gateway.targets[0].openapi.spec=" + this.spec,
				"--gateway.targets[0].openapi.base-url=http://127.0.0.1:" + this.server.getAddress().getPort(),
				"--gateway.targets[0].timeout=30s");
	}

	/** Forgets the calls counted so far. */
	public void resetCalls() {
		this.calls.set(0);
	}

	/**
	 * Waits up to 20 s until this many calls have reached the API, and asserts that they
	 * did: they are then in flight for the API's delay.
	 * @param expected the calls
	 * @throws InterruptedException when interrupted
	 */
	public void awaitCallsInFlight(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (this.calls.get() < expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.calls.get()).as("calls in flight at the upstream").isEqualTo(expected);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
