package io.github.mcpoauthgateway.gateway;

import java.util.function.Consumer;

import io.github.mcpoauthgateway.mcp.FeatureSource;
import io.modelcontextprotocol.spec.McpError;

/**
 * The prompts, resources and completions of a target (an upstream MCP server), under the
 * upstream's own names: a {@link FeatureSource} before the gateway renames and limits it
 * ({@link TargetFeatures}), which also says when its lists or resources change. Requests
 * are made for a caller the server has checked, with the target's timeout, and answer a
 * result or throw an {@link McpError} saying what went wrong, naming the target.
 */
public interface UpstreamFeatures extends FeatureSource {

	/**
	 * Registers a listener run whenever the prompts, resources or templates change.
	 * @param listener the listener
	 */
	void onChanged(Runnable listener);

	/**
	 * Registers a listener told the URI of each resource the upstream says changed.
	 * @param listener the listener
	 */
	void onResourceUpdated(Consumer<String> listener);

}
