package io.github.mcpoauthgateway.operations;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.mcp.ToolCallListener;
import io.github.mcpoauthgateway.mcp.ToolCallOutcome;
import io.github.mcpoauthgateway.tool.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records every tool call in the {@value #CALLS} timer (by tool and outcome, with a
 * latency histogram) and, when auditing, as an audit line. A tool's timers are registered
 * at its first call and kept; tool names come from this server's registry, never from the
 * client.
 */
final class ToolCallRecorder implements ToolCallListener {

	static final String CALLS = "mcp.tool.calls";

	private static final ToolCallOutcome[] OUTCOMES = ToolCallOutcome.values();

	private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final @Nullable AuditLog audit;

	ToolCallRecorder(MeterRegistry registry, @Nullable AuditLog audit) {
		this.registry = registry;
		this.audit = audit;
	}

	@Override
	public void called(String tool, @Nullable Caller caller, ToolCallOutcome outcome, long nanos) {
		this.timers.computeIfAbsent(tool, this::register)[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
		if (this.audit != null) {
			this.audit.toolCall(tool, caller, outcome, nanos);
		}
	}

	private Timer[] register(String tool) {
		Timer[] timers = new Timer[OUTCOMES.length];
		for (ToolCallOutcome outcome : OUTCOMES) {
			// Buckets from 1 ms to 2 min (78 per series): gateway calls that take longer
			// than the default 30 s stay in range.
			timers[outcome.ordinal()] = Timer.builder(CALLS)
				.description("Tool calls, by tool and outcome; denied calls take 0 s")
				.tag("tool", tool)
				.tag("outcome", outcome.tag())
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofMinutes(2))
				.register(this.registry);
		}
		return timers;
	}

}
