package io.github.mcpoauthgateway.gateway;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.mcpoauthgateway.tool.ToolResults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the calls of one target: at most max-concurrency at once (more are refused at
 * once, never queued), each abandoned after the timeout, and every failure turned into a
 * tool error naming the target, without a stack trace or a secret.
 */
final class TargetCalls implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TargetCalls.class);

	private final String target;

	private final int maxConcurrency;

	private final Duration timeout;

	private final Semaphore permits;

	private final ExecutorService executor;

	private final Counter ok;

	private final Counter toolError;

	private final Counter busy;

	private final Counter timedOut;

	private final Counter failed;

	TargetCalls(String target, int maxConcurrency, Duration timeout) {
		// An empty composite registry: counters that count nothing.
		this(target, maxConcurrency, timeout, new CompositeMeterRegistry());
	}

	TargetCalls(String target, int maxConcurrency, Duration timeout, MeterRegistry registry) {
		this.target = target;
		this.ok = counter(registry, target, "ok");
		this.toolError = counter(registry, target, "tool_error");
		this.busy = counter(registry, target, "busy");
		this.timedOut = counter(registry, target, "timeout");
		this.failed = counter(registry, target, "failed");
		this.maxConcurrency = maxConcurrency;
		this.timeout = timeout;
		this.permits = new Semaphore(maxConcurrency);
		AtomicInteger threads = new AtomicInteger();
		// The semaphore bounds the threads in use; a thread whose call was abandoned
		// keeps
		// its permit until the call really ends, so a hung upstream cannot pile threads
		// up.
		this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "gateway-" + target + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	McpSchema.CallToolResult run(String tool, String subject, Supplier<McpSchema.CallToolResult> call) {
		if (!this.permits.tryAcquire()) {
			this.busy.increment();
			return ToolResults.error("Target " + this.target + " is busy: " + this.maxConcurrency
					+ " calls are in progress; try again shortly.");
		}
		AtomicBoolean started = new AtomicBoolean();
		Future<McpSchema.CallToolResult> future;
		try {
			future = this.executor.submit(() -> {
				if (!started.compareAndSet(false, true)) {
					return null;
				}
				try {
					return call.get();
				}
				finally {
					this.permits.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.permits.release();
			this.failed.increment();
			return ToolResults.error("Target " + this.target + " is shutting down.");
		}
		try {
			McpSchema.CallToolResult result = future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (result == null) {
				this.failed.increment();
				return ToolResults.error("Target " + this.target + " gave no answer.");
			}
			(Boolean.TRUE.equals(result.isError()) ? this.toolError : this.ok).increment();
			return result;
		}
		catch (TimeoutException ex) {
			this.timedOut.increment();
			abandon(future, started);
			return ToolResults.error("Target " + this.target + " did not answer within " + describe(this.timeout)
					+ "; the call was abandoned.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.failed.increment();
			abandon(future, started);
			return ToolResults.error("The call to target " + this.target + " was interrupted.");
		}
		catch (ExecutionException ex) {
			return failure(tool, subject, ex.getCause());
		}
	}

	/**
	 * Runs a prompt, resource or completion request within the target's concurrency
	 * limit, on the caller's thread: the request keeps to the target's timeout itself.
	 * @param request the request
	 * @param <T> its result's type
	 * @return its result
	 * @throws McpError when the target is busy, or the request failed
	 */
	<T> T limit(Supplier<T> request) {
		if (!this.permits.tryAcquire()) {
			throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
					"Target " + this.target + " is busy: " + this.maxConcurrency
							+ " requests are in progress; try again shortly.",
					null));
		}
		try {
			return request.get();
		}
		finally {
			this.permits.release();
		}
	}

	private void abandon(Future<?> future, AtomicBoolean started) {
		if (started.compareAndSet(false, true)) {
			// Never started: its permit would otherwise never be released.
			this.permits.release();
		}
		future.cancel(true);
	}

	private McpSchema.CallToolResult failure(String tool, String subject, @Nullable Throwable cause) {
		if (cause instanceof TargetException || cause instanceof IllegalArgumentException) {
			this.toolError.increment();
		}
		else {
			this.failed.increment();
		}
		if (cause instanceof TargetException ex) {
			return ToolResults.error("Target " + this.target + ": " + ex.getMessage());
		}
		if (cause instanceof IllegalArgumentException ex) {
			return ToolResults.error("Invalid arguments: " + ex.getMessage());
		}
		logger.error("Tool " + tool + " of target " + this.target + " failed for subject " + subject, cause);
		return ToolResults.error("The call to target " + this.target + " failed; the server log has the details.");
	}

	private static Counter counter(MeterRegistry registry, String target, String outcome) {
		return Counter.builder("mcp.gateway.target.calls")
			.description("Calls to a gateway target, by how they ended")
			.tag("target", target)
			.tag("outcome", outcome)
			.register(registry);
	}

	private static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
