package io.github.mcpoauthgateway.gateway.mcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The stdio transport of an MCP target: starts the upstream's process and exchanges
 * newline-delimited JSON-RPC messages with it.
 * <p>
 * NOTE: the SDK's {@code StdioClientTransport} stops reading without telling anyone when
 * the process exits, writes a line that is not JSON or one over its size cap, and offers
 * no working directory; calls then hang until they time out. This transport reports each
 * of those as the connection's end, with the reason, so the target answers at once and
 * starts the process again.
 */
final class StdioProcessTransport implements McpClientTransport {

	private static final Log logger = LogFactory.getLog(StdioProcessTransport.class);

	/** The longest line of the process's standard error that is logged. */
	private static final int MAX_STDERR_LINE = 2000;

	private final String target;

	private final List<String> command;

	private final Map<String, String> env;

	private final @Nullable Path workingDirectory;

	private final McpJsonMapper jsonMapper;

	private final int maxMessageBytes;

	private final Consumer<String> onLost;

	private final AtomicBoolean ended = new AtomicBoolean();

	private final Scheduler writer;

	/** Completes when the process started: the client sends before the start ends. */
	private final CompletableFuture<Process> started = new CompletableFuture<>();

	private volatile @Nullable Process process;

	/**
	 * Creates the transport; nothing starts before {@link #connect(Function)}.
	 * @param target the target's name, for logs and thread names
	 * @param command the program and its arguments
	 * @param env the process's whole environment
	 * @param workingDirectory its working directory, or {@code null} for this server's
	 * @param jsonMapper the mapper for JSON-RPC messages
	 * @param maxMessageBytes the longest line read from the process
	 * @param onLost told, once, why the connection ended when the process exits, closes
	 * its output or breaks the protocol; not told after {@link #closeGracefully()}
	 */
	StdioProcessTransport(String target, List<String> command, Map<String, String> env, @Nullable Path workingDirectory,
			McpJsonMapper jsonMapper, int maxMessageBytes, Consumer<String> onLost) {
		this.target = target;
		this.command = List.copyOf(command);
		this.env = Map.copyOf(env);
		this.workingDirectory = workingDirectory;
		this.jsonMapper = jsonMapper;
		this.maxMessageBytes = maxMessageBytes;
		this.onLost = onLost;
		this.writer = Schedulers.newSingle("mcp-" + target + "-stdin", true);
	}

	@Override
	public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
		return Mono.<Void>fromRunnable(() -> start(handler)).subscribeOn(Schedulers.boundedElastic());
	}

	private void start(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
		ProcessBuilder builder = new ProcessBuilder(this.command);
		builder.environment().clear();
		builder.environment().putAll(this.env);
		if (this.workingDirectory != null) {
			builder.directory(this.workingDirectory.toFile());
		}
		Process started;
		try {
			started = builder.start();
		}
		catch (IOException ex) {
			IllegalStateException failure = new IllegalStateException(
					"could not start " + this.command.get(0) + ": " + ex.getMessage(), ex);
			this.started.completeExceptionally(failure);
			throw failure;
		}
		this.process = started;
		this.started.complete(started);
		thread("stdout", () -> readMessages(started.getInputStream(), handler));
		thread("stderr", () -> logErrors(started.getErrorStream()));
		started.onExit().thenAccept((exited) -> end("its process exited with code " + exited.exitValue()));
	}

	private void thread(String stream, Runnable body) {
		Thread thread = new Thread(body, "mcp-" + this.target + "-" + stream);
		thread.setDaemon(true);
		thread.start();
	}

	private void readMessages(InputStream output, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
		try (InputStream stdout = new BufferedInputStream(output)) {
			byte[] line;
			while ((line = readLine(stdout)) != null) {
				String text = new String(line, StandardCharsets.UTF_8);
				if (text.isBlank()) {
					continue;
				}
				JSONRPCMessage message;
				try {
					message = McpSchema.deserializeJsonRpcMessage(this.jsonMapper, text);
				}
				catch (IOException | RuntimeException ex) {
					// The specification lets a stdio server write nothing but MCP
					// messages
					// on stdout: one that does is broken, and its answers can't be
					// trusted.
					end("it wrote malformed JSON on its standard output");
					return;
				}
				handler.apply(Mono.just(message)).subscribe((handled) -> {
				}, (error) -> logger.debug("MCP target " + this.target + ": message not handled", error));
			}
			endOfOutput();
		}
		catch (MessageTooLargeException ex) {
			end("it sent a message larger than " + this.maxMessageBytes + " bytes");
		}
		catch (IOException ex) {
			end("reading its standard output failed: " + ex.getMessage());
		}
	}

	private void endOfOutput() {
		// A process that exits closes its output first: say how it exited when it does.
		Process current = this.process;
		try {
			if (current != null && current.waitFor(1, TimeUnit.SECONDS)) {
				end("its process exited with code " + current.exitValue());
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		end("it closed its standard output");
	}

	private byte @Nullable [] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				return line.toByteArray();
			}
			if (line.size() >= this.maxMessageBytes) {
				throw new MessageTooLargeException();
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return (line.size() > 0) ? line.toByteArray() : null;
	}

	private void logErrors(InputStream output) {
		try (InputStream stderr = new BufferedInputStream(output)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = stderr.read()) != -1) {
				if (b == '\n') {
					logger.info("MCP target " + this.target + " (stderr): " + line.toString(StandardCharsets.UTF_8));
					line.reset();
				}
				else if (line.size() < MAX_STDERR_LINE) {
					line.write(b);
				}
			}
		}
		catch (IOException ex) {
			// The process is gone: its exit is reported by onExit.
		}
	}

	private void end(String reason) {
		if (this.ended.compareAndSet(false, true)) {
			destroy();
			this.onLost.accept(reason);
		}
	}

	@Override
	public Mono<Void> sendMessage(JSONRPCMessage message) {
		return Mono.fromFuture(this.started, false)
			.publishOn(this.writer)
			.doOnNext((current) -> write(current, message))
			.then();
	}

	private void write(Process current, JSONRPCMessage message) {
		if (this.ended.get()) {
			throw new IllegalStateException("the process is not running");
		}
		try {
			// A JSON writer escapes newlines inside strings, so one message is one line.
			byte[] json = this.jsonMapper.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
			OutputStream stdin = current.getOutputStream();
			stdin.write(json);
			stdin.write('\n');
			stdin.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("writing to the process failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Mono<Void> closeGracefully() {
		return Mono.<Void>fromRunnable(() -> {
			this.ended.set(true);
			destroy();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private void destroy() {
		this.started.completeExceptionally(new IllegalStateException("the transport was closed"));
		Process current = this.process;
		if (current != null) {
			try {
				current.getOutputStream().close();
			}
			catch (IOException ex) {
				// Already closed.
			}
			// NOTE: launchers such as npx run the server as a child: end it too.
			current.descendants().forEach(ProcessHandle::destroy);
			current.destroy();
			try {
				if (!current.waitFor(2, TimeUnit.SECONDS)) {
					current.descendants().forEach(ProcessHandle::destroyForcibly);
					current.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.writer.dispose();
	}

	@Override
	public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
		return this.jsonMapper.convertValue(data, typeRef);
	}

	/**
	 * The process's pid, for tests that kill it.
	 * @return the pid, or {@code -1} before it started
	 */
	long pid() {
		Process current = this.process;
		return (current != null) ? current.pid() : -1;
	}

	private static final class MessageTooLargeException extends IOException {

		MessageTooLargeException() {
			super("message too large");
		}

	}

}
