package io.github.mcpoauthgateway.gateway.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How to reach one upstream MCP server: exactly one of a streamable HTTP {@code url} or a
 * stdio {@code command}.
 *
 * @param name the target's name, the prefix of its tools' names
 * @param url the upstream's MCP endpoint ({@code http} or {@code https}), for streamable
 * HTTP
 * @param command the program and its arguments, for stdio
 * @param env variables added to the stdio process's environment, which otherwise holds
 * only {@link #INHERITED_ENV} from this server's
 * @param workingDirectory the stdio process's working directory; this server's when
 * {@code null}
 * @param timeout how long a tool call may take before it answers a tool error and is
 * cancelled upstream
 * @param initializeTimeout how long connecting, {@code initialize} and listing the tools
 * may take together
 * @param maxMessageBytes the largest message read from the upstream; a larger one is
 * refused
 * @param minBackoff the first delay before connecting again to an upstream that is down
 * @param maxBackoff the longest such delay (the delay doubles up to it)
 * @param healthCheckInterval how often a connected upstream is pinged, so that one that
 * went away shows as down before a call finds out
 */
public record McpTargetSettings(String name, @Nullable URI url, @Nullable List<String> command, Map<String, String> env,
		@Nullable Path workingDirectory, Duration timeout, Duration initializeTimeout, int maxMessageBytes,
		Duration minBackoff, Duration maxBackoff, Duration healthCheckInterval) {

	/**
	 * The variables a stdio process gets from this server's environment; everything else
	 * (cloud credentials, client secrets) stays out of it.
	 */
	public static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL",
			"TMPDIR", "TEMP", "TMP", "TZ", "SystemRoot", "ComSpec", "PATHEXT");

	/** The default tool call timeout. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** The default time allowed to connect, initialize and list the tools. */
	public static final Duration DEFAULT_INITIALIZE_TIMEOUT = Duration.ofSeconds(20);

	/** The default cap on one upstream message: 4 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

	public McpTargetSettings {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("An MCP target needs a name");
		}
		if ((url == null) == (command == null || command.isEmpty())) {
			throw new IllegalArgumentException(
					"MCP target " + name + " needs exactly one of a url (streamable HTTP) or a command (stdio)");
		}
		if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException("MCP target " + name + ": url must be http or https");
		}
		command = (command != null) ? List.copyOf(command) : null;
		env = Map.copyOf(env);
		requirePositive(name, "timeout", timeout);
		requirePositive(name, "initializeTimeout", initializeTimeout);
		requirePositive(name, "minBackoff", minBackoff);
		requirePositive(name, "healthCheckInterval", healthCheckInterval);
		if (maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException("MCP target " + name + ": maxBackoff must not be below minBackoff");
		}
		if (maxMessageBytes <= 0) {
			throw new IllegalArgumentException("MCP target " + name + ": maxMessageBytes must be positive");
		}
	}

	/**
	 * Settings for an upstream served over streamable HTTP, with the defaults.
	 * @param name the target's name
	 * @param url the upstream's MCP endpoint
	 * @return the settings
	 */
	public static McpTargetSettings http(String name, URI url) {
		return new McpTargetSettings(name, url, null, Map.of(), null, DEFAULT_TIMEOUT, DEFAULT_INITIALIZE_TIMEOUT,
				DEFAULT_MAX_MESSAGE_BYTES, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	/**
	 * Settings for an upstream run as a stdio process, with the defaults.
	 * @param name the target's name
	 * @param command the program and its arguments
	 * @return the settings
	 */
	public static McpTargetSettings stdio(String name, List<String> command) {
		return new McpTargetSettings(name, null, command, Map.of(), null, DEFAULT_TIMEOUT, DEFAULT_INITIALIZE_TIMEOUT,
				DEFAULT_MAX_MESSAGE_BYTES, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	public McpTargetSettings withEnv(Map<String, String> env, @Nullable Path workingDirectory) {
		return new McpTargetSettings(this.name, this.url, this.command, env, workingDirectory, this.timeout,
				this.initializeTimeout, this.maxMessageBytes, this.minBackoff, this.maxBackoff,
				this.healthCheckInterval);
	}

	public McpTargetSettings withTimeouts(Duration timeout, Duration initializeTimeout) {
		return new McpTargetSettings(this.name, this.url, this.command, this.env, this.workingDirectory, timeout,
				initializeTimeout, this.maxMessageBytes, this.minBackoff, this.maxBackoff, this.healthCheckInterval);
	}

	public McpTargetSettings withMaxMessageBytes(int maxMessageBytes) {
		return new McpTargetSettings(this.name, this.url, this.command, this.env, this.workingDirectory, this.timeout,
				this.initializeTimeout, maxMessageBytes, this.minBackoff, this.maxBackoff, this.healthCheckInterval);
	}

	public McpTargetSettings withSupervision(Duration minBackoff, Duration maxBackoff, Duration healthCheckInterval) {
		return new McpTargetSettings(this.name, this.url, this.command, this.env, this.workingDirectory, this.timeout,
				this.initializeTimeout, this.maxMessageBytes, minBackoff, maxBackoff, healthCheckInterval);
	}

	/**
	 * Whether the upstream runs as a stdio process.
	 * @return {@code true} for stdio, {@code false} for streamable HTTP
	 */
	public boolean isStdio() {
		return this.command != null;
	}

	private static void requirePositive(String name, String setting, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("MCP target " + name + ": " + setting + " must be positive");
		}
	}

}
