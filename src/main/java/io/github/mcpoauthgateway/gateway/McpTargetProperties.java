package io.github.mcpoauthgateway.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Settings of an mcp target: an upstream MCP server reached over streamable HTTP (url) or
 * started as a process and spoken to over stdio (command).
 */
public final class McpTargetProperties {

	/**
	 * URL of the upstream's streamable HTTP endpoint; set this or command.
	 */
	private @Nullable URI url;

	/**
	 * Command that starts the upstream over stdio; set this or url.
	 */
	private @Nullable String command;

	/**
	 * Arguments of the command.
	 */
	private List<String> args = new ArrayList<>();

	/**
	 * Environment variables of the command's process, besides a minimal inherited set.
	 */
	private Map<String, String> env = new LinkedHashMap<>();

	/**
	 * Working directory of the command's process; empty for the server's.
	 */
	private @Nullable String workingDirectory;

	public @Nullable URI getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable URI url) {
		this.url = url;
	}

	public @Nullable String getCommand() {
		return this.command;
	}

	public void setCommand(@Nullable String command) {
		this.command = command;
	}

	public List<String> getArgs() {
		return this.args;
	}

	public void setArgs(List<String> args) {
		this.args = args;
	}

	public Map<String, String> getEnv() {
		return this.env;
	}

	public void setEnv(Map<String, String> env) {
		this.env = env;
	}

	public @Nullable String getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(@Nullable String workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

}
