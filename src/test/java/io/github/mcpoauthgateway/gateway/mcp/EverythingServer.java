package io.github.mcpoauthgateway.gateway.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MCP reference server {@code @modelcontextprotocol/server-everything}, installed by
 * {@code npm ci --prefix src/test/node}, run over stdio or streamable HTTP on loopback;
 * tests that need it are skipped, saying why, when node or the package is missing.
 */
public final class EverythingServer implements AutoCloseable {

	static final Path NODE_DIRECTORY = Path.of("src/test/node").toAbsolutePath();

	static final Path ENTRY = NODE_DIRECTORY
		.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");

	private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

	private static final String REQUEST_HEADERS = "REQUEST-HEADERS ";

	private final Process process;

	private final int port;

	private final List<String> requestHeaders;

	private EverythingServer(Process process, int port, List<String> requestHeaders) {
		this.process = process;
		this.port = port;
		this.requestHeaders = requestHeaders;
	}

	/** Skips the calling test unless node and the reference server are installed. */
	public static void assumeInstalled() {
		assumeTrue(nodeRuns(), "node is not on the PATH: the MCP target tests need Node.js 20 or newer");
		assumeTrue(Files.isRegularFile(ENTRY),
				"npm package @modelcontextprotocol/server-everything is not installed in "
						+ NODE_DIRECTORY.resolve("node_modules") + ": run 'npm ci --prefix src/test/node'");
	}

	/**
	 * The command that runs the reference server over stdio.
	 * @return the command
	 */
	public static List<String> stdioCommand() {
		return List.of("node", ENTRY.toString(), "stdio");
	}

	/**
	 * Starts the reference server over streamable HTTP on 127.0.0.1.
	 * @param port the port, or 0 for a free one
	 * @return the running server
	 */
	public static EverythingServer startHttp(int port) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("node", NODE_DIRECTORY.resolve("everything-http.mjs").toString())
			.directory(NODE_DIRECTORY.toFile())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("PORT", String.valueOf(port));
		builder.environment().put("LOG_REQUEST_HEADERS", "1");
		Process process = builder.start();
		CompletableFuture<Integer> listening = new CompletableFuture<>();
		List<String> requestHeaders = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader stderr = new BufferedReader(
					new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = stderr.readLine()) != null) {
					Matcher matcher = LISTENING.matcher(line);
					if (line.startsWith(REQUEST_HEADERS)) {
						requestHeaders.add(line.substring(REQUEST_HEADERS.length()));
					}
					else if (matcher.find()) {
						listening.complete(Integer.parseInt(matcher.group(1)));
					}
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
			listening.completeExceptionally(new IllegalStateException("server-everything exited"));
		});
		reader.setDaemon(true);
		reader.start();
		try {
			return new EverythingServer(process, listening.get(20, TimeUnit.SECONDS), requestHeaders);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException("server-everything did not start over HTTP", ex);
		}
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port + "/mcp");
	}

	int port() {
		return this.port;
	}

	/**
	 * The headers of each HTTP request the server received so far.
	 * @return one JSON object of headers per request, oldest first
	 */
	public List<String> requestHeaders() {
		return List.copyOf(this.requestHeaders);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * Kills the stdio reference servers this JVM started, as a crash would.
	 * @return how many were killed
	 */
	static long killStdioServers(Set<Long> spared) {
		return stdioServers().filter((handle) -> !spared.contains(handle.pid()))
			.filter(ProcessHandle::destroyForcibly)
			.count();
	}

	/**
	 * The reference servers this JVM runs over stdio now; other tests' servers (a cached
	 * application context's targets) run beside a test's own.
	 * @return their process ids
	 */
	public static Set<Long> stdioServerPids() {
		return stdioServers().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

	private static Stream<ProcessHandle> stdioServers() {
		return ProcessHandle.current()
			.descendants()
			.filter((handle) -> handle.info().arguments().map(List::of).orElse(List.of()).contains(ENTRY.toString()));
	}

	private static boolean nodeRuns() {
		try {
			Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
