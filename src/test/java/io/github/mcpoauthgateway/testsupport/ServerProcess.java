package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;

/**
 * The server as a separate process on loopback, started from the test class path the way
 * {@code GracefulShutdownProcessTests} does, so that a test can send it SIGTERM or kill
 * it outright as a platform would, which an application context in the test's JVM cannot
 * stand in for.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration READY_WITHIN = Duration.ofSeconds(120);

	private final int port;

	private final Path log;

	private final Process process;

	private ServerProcess(int port, Path log, Process process) {
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts the server without waiting for it; see {@link #awaitReady()}.
	 * @param port the port to listen on, on 127.0.0.1
	 * @param log the file that receives the output
	 * @param arguments the settings, as command-line arguments
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	public static ServerProcess start(int port, Path log, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				McpOAuthGatewayApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ServerProcess(port, log, process);
	}

	public int port() {
		return this.port;
	}

	public String origin() {
		return "http://localhost:" + this.port;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until readiness answers 200, failing with the server's output if it dies or
	 * takes too long.
	 * @throws InterruptedException if interrupted
	 */
	public void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("server on port " + this.port + " died: " + output());
			}
			try {
				if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// Not listening yet.
			}
			catch (IOException ex) {
				// Starting: try again.
			}
			Thread.sleep(100);
		}
		throw new AssertionError("server on port " + this.port + " not ready within " + READY_WITHIN + ": " + output());
	}

	/** SIGTERM, as a container platform stops a task. */
	public void terminate() {
		this.process.destroy();
	}

	/**
	 * SIGKILL: a replica that crashes or whose host goes away, with no shutdown at all.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	public boolean waitFor(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public int exitValue() {
		return this.process.exitValue();
	}

	public String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
