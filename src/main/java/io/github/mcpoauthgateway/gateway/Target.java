package io.github.mcpoauthgateway.gateway;

import java.util.List;

import io.github.mcpoauthgateway.tool.McpTool;
import org.jspecify.annotations.Nullable;

/**
 * A running gateway target: an OpenAPI-described API, a Lambda function or an upstream
 * MCP server, serving tools through this server's protection.
 */
public interface Target extends AutoCloseable {

	/**
	 * The target's name from configuration: the prefix of its tools' names.
	 * @return the name
	 */
	String name();

	/**
	 * The tools the target serves now, named as the target names them (the gateway adds
	 * {@code <target>___}). A call never throws for an upstream failure: it answers a
	 * tool error saying what went wrong.
	 * @return the tools
	 */
	List<McpTool> tools();

	/**
	 * Registers a listener run whenever {@link #tools()} changes (an upstream MCP
	 * server's {@code notifications/tools/list_changed}). Targets whose tools never
	 * change ignore it.
	 * @param listener the listener
	 */
	default void onToolsChanged(Runnable listener) {
	}

	/**
	 * The target's prompts, resources and completions, for a target that can have them
	 * (an upstream MCP server).
	 * @return them, or {@code null} for a target that serves tools only
	 */
	default @Nullable UpstreamFeatures features() {
		return null;
	}

	/**
	 * Whether the target can be reached now, for the health endpoint.
	 * @return the status
	 */
	TargetStatus status();

	@Override
	void close();

}
