package io.github.mcpoauthgateway.mcp;

import java.util.List;

import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The prompts, resources and completions of one {@link ToolGroups group} (a gateway
 * target), as served: prompts under their served names, resources under their own URIs.
 * Every request is made for a caller the server has already checked, and answers a result
 * or throws an {@link McpError} with the JSON-RPC error to send; none ever carries the
 * caller's token.
 */
public interface FeatureSource {

	/**
	 * What the group offers now: which of prompts, resources (and subscriptions to them)
	 * and completions.
	 * @return the capabilities; never {@code null}
	 */
	McpSchema.ServerCapabilities capabilities();

	List<McpSchema.Prompt> prompts();

	List<McpSchema.Resource> resources();

	List<McpSchema.ResourceTemplate> resourceTemplates();

	/**
	 * Gets a prompt.
	 * @param caller the verified caller
	 * @param request the request, with the prompt's served name
	 * @return the prompt
	 * @throws McpError when the group cannot answer
	 */
	McpSchema.GetPromptResult getPrompt(Caller caller, McpSchema.GetPromptRequest request);

	McpSchema.ReadResourceResult readResource(Caller caller, McpSchema.ReadResourceRequest request);

	/**
	 * Completes an argument of one of the group's prompts (by served name) or resource
	 * templates.
	 * @param caller the verified caller
	 * @param request the request
	 * @return the completion
	 * @throws McpError when the group cannot answer
	 */
	McpSchema.CompleteResult complete(Caller caller, McpSchema.CompleteRequest request);

	/**
	 * Asks to be told when a resource changes; the group then reports it to the registry
	 * with {@link FeatureRegistry#resourceUpdated(String, String)}.
	 * @param uri the resource
	 * @throws McpError when the group cannot
	 */
	void subscribe(String uri);

	void unsubscribe(String uri);

}
