package io.github.mcpoauthgateway.mcp;

import io.github.mcpoauthgateway.tool.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Told of every tool call when it ends, denied ones included, on the thread of the
 * request, for metrics and the audit log. It never sees the arguments or the result.
 */
@FunctionalInterface
public interface ToolCallListener {

	/** The tool name recorded for a denied call to a tool this server does not serve. */
	String UNKNOWN_TOOL = "unknown";

	/**
	 * Listens to nothing.
	 */
	ToolCallListener NONE = (tool, caller, outcome, nanos) -> {
	};

	/**
	 * A call ended.
	 * @param tool the tool's name as served, or {@value #UNKNOWN_TOOL}
	 * @param caller the verified caller, {@code null} when there was none
	 * @param outcome how it ended
	 * @param nanos how long it took, from the tool's start (0 for a call denied before)
	 */
	void called(String tool, @Nullable Caller caller, ToolCallOutcome outcome, long nanos);

}
