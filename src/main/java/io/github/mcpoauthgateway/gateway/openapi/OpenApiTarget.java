package io.github.mcpoauthgateway.gateway.openapi;

import java.util.List;

import io.github.mcpoauthgateway.gateway.Target;
import io.github.mcpoauthgateway.gateway.TargetStatus;
import io.github.mcpoauthgateway.tool.McpTool;

/**
 * An API described by an OpenAPI document: its operations as tools, up as long as its
 * last call reached it.
 */
final class OpenApiTarget implements Target {

	private final String name;

	private final String baseUrl;

	private List<McpTool> tools = List.of();

	private volatile boolean reachable = true;

	OpenApiTarget(String name, String baseUrl) {
		this.name = name;
		this.baseUrl = baseUrl;
	}

	void reachable(boolean reachable) {
		this.reachable = reachable;
	}

	void tools(List<McpTool> tools) {
		this.tools = List.copyOf(tools);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public List<McpTool> tools() {
		return this.tools;
	}

	@Override
	public TargetStatus status() {
		return this.reachable ? TargetStatus.up(this.tools.size() + " operations at " + this.baseUrl)
				: TargetStatus.down("the last call could not reach " + this.baseUrl);
	}

	@Override
	public void close() {
	}

}
