package io.github.mcpoauthgateway.gateway;

import java.util.List;

import io.github.mcpoauthgateway.mcp.FeatureSource;
import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A target's prompts, resources and completions as served: prompts named like its tools
 * ({@code <target>___<prompt>}, or their own names with {@code prefix-tools: false}),
 * resources and templates under their own URIs, and every request within the target's
 * concurrency limit. Its access rule is the target's, which the server applies to the
 * whole group.
 */
final class TargetFeatures implements FeatureSource {

	private final String prefix;

	private final UpstreamFeatures upstream;

	private final TargetCalls calls;

	TargetFeatures(DeclaredTarget declared, UpstreamFeatures upstream, TargetCalls calls) {
		this.prefix = declared.properties().isPrefixTools() ? declared.name() + TargetDeclarations.SEPARATOR : "";
		this.upstream = upstream;
		this.calls = calls;
	}

	@Override
	public McpSchema.ServerCapabilities capabilities() {
		return this.upstream.capabilities();
	}

	@Override
	public List<McpSchema.Prompt> prompts() {
		return this.upstream.prompts()
			.stream()
			.map((prompt) -> new McpSchema.Prompt(this.prefix + prompt.name(), prompt.title(), prompt.description(),
					prompt.arguments(), prompt.meta(), prompt.icons()))
			.toList();
	}

	@Override
	public List<McpSchema.Resource> resources() {
		return this.upstream.resources();
	}

	@Override
	public List<McpSchema.ResourceTemplate> resourceTemplates() {
		return this.upstream.resourceTemplates();
	}

	@Override
	public McpSchema.GetPromptResult getPrompt(Caller caller, McpSchema.GetPromptRequest request) {
		McpSchema.GetPromptRequest upstreamRequest = new McpSchema.GetPromptRequest(upstreamName(request.name()),
				request.arguments(), request.meta());
		return this.calls.limit(() -> this.upstream.getPrompt(caller, upstreamRequest));
	}

	@Override
	public McpSchema.ReadResourceResult readResource(Caller caller, McpSchema.ReadResourceRequest request) {
		return this.calls.limit(() -> this.upstream.readResource(caller, request));
	}

	@Override
	public McpSchema.CompleteResult complete(Caller caller, McpSchema.CompleteRequest request) {
		McpSchema.CompleteRequest upstreamRequest = request;
		if (request.ref() instanceof McpSchema.PromptReference prompt) {
			upstreamRequest = new McpSchema.CompleteRequest(
					new McpSchema.PromptReference(prompt.type(), upstreamName(prompt.name()), prompt.title()),
					request.argument(), request.meta(), request.context());
		}
		McpSchema.CompleteRequest forwarded = upstreamRequest;
		return this.calls.limit(() -> this.upstream.complete(caller, forwarded));
	}

	@Override
	public void subscribe(String uri) {
		this.upstream.subscribe(uri);
	}

	@Override
	public void unsubscribe(String uri) {
		this.upstream.unsubscribe(uri);
	}

	private String upstreamName(String served) {
		if (!served.startsWith(this.prefix)) {
			// The registry routes only this target's served names here.
			throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS,
					"Unknown prompt", null));
		}
		return served.substring(this.prefix.length());
	}

}
