package io.github.mcpoauthgateway.gateway;

import java.util.List;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The prompts, resources and completions of a target (an upstream MCP server), under the
 * upstream's own names. Requests are made for a caller the server has checked, with the
 * target's timeout, and answer a result or throw an {@link McpError} saying what went
 * wrong, naming the target.
 */
public interface UpstreamFeatures {

	/**
	 * What the upstream declared: prompts, resources (and subscriptions), completions.
	 * @return its capabilities; empty while it has never connected
	 */
	McpSchema.ServerCapabilities capabilities();

	List<McpSchema.Prompt> prompts();

	List<McpSchema.Resource> resources();

	List<McpSchema.ResourceTemplate> resourceTemplates();

	McpSchema.GetPromptResult getPrompt(Caller caller, McpSchema.GetPromptRequest request);

	McpSchema.ReadResourceResult readResource(Caller caller, McpSchema.ReadResourceRequest request);

	McpSchema.CompleteResult complete(Caller caller, McpSchema.CompleteRequest request);

	/**
	 * Subscribes to a resource upstream, again after every reconnection, until
	 * unsubscribed.
	 * @param uri the resource
	 */
	void subscribe(String uri);

	void unsubscribe(String uri);

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
