package io.github.mcpoauthgateway.gateway.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.mcpoauthgateway.gateway.McpTargetProperties;
import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.Target;
import io.github.mcpoauthgateway.gateway.TargetFactory;
import io.github.mcpoauthgateway.gateway.TargetProperties;

/**
 * Starts mcp targets: an upstream MCP server over streamable HTTP ({@code mcp.url}) or a
 * supervised stdio process ({@code mcp.command} and {@code mcp.args}). Start-up waits for
 * the upstream's tools for a bounded time; an upstream that is down does not stop the
 * server: the target is down and retried with backoff.
 */
public final class McpTargetFactory implements TargetFactory {

	public static final String KIND = "mcp";

	private final boolean relaysClientRequests;

	/**
	 * Creates the factory.
	 * @param relaysClientRequests whether upstreams may send a call's client sampling and
	 * elicitation requests: only on the stateful endpoint, which has a stream back to it
	 */
	public McpTargetFactory(boolean relaysClientRequests) {
		this.relaysClientRequests = relaysClientRequests;
	}

	@Override
	public boolean supports(String kind) {
		return KIND.equals(kind);
	}

	@Override
	public List<String> problems(TargetProperties target) {
		return TargetFactory.problemsOf(() -> settings(target));
	}

	@Override
	public Target create(TargetProperties target, OutboundCredentials credentials) {
		return McpTarget.start(settings(target), credentials, this.relaysClientRequests);
	}

	static McpTargetSettings settings(TargetProperties target) {
		McpTargetProperties mcp = target.getMcp();
		String command = (mcp.getCommand() != null && !mcp.getCommand().isBlank()) ? mcp.getCommand().trim() : null;
		URI url = mcp.getUrl();
		if ((command != null) == (url != null)) {
			throw new IllegalArgumentException(
					"mcp needs exactly one of url (streamable HTTP) or command (a stdio process)");
		}
		if (command == null && !mcp.getArgs().isEmpty()) {
			throw new IllegalArgumentException("mcp.args needs mcp.command");
		}
		McpTargetSettings settings;
		if (command != null) {
			List<String> commandLine = new ArrayList<>();
			commandLine.add(command);
			commandLine.addAll(mcp.getArgs());
			Path workingDirectory = (mcp.getWorkingDirectory() != null && !mcp.getWorkingDirectory().isBlank())
					? Path.of(mcp.getWorkingDirectory()) : null;
			settings = McpTargetSettings.stdio(name(target), commandLine).withEnv(mcp.getEnv(), workingDirectory);
		}
		else {
			settings = McpTargetSettings.http(name(target), Objects.requireNonNull(url, "url is not set"));
		}
		// A little under the gateway's own limit, so that the target gives up first and
		// cancels the call upstream, and the caller always gets that answer.
		Duration timeout = target.getTimeout();
		Duration margin = Duration.ofMillis(Math.min(250, timeout.toMillis() / 10));
		return settings.withTimeouts(timeout.minus(margin), McpTargetSettings.DEFAULT_INITIALIZE_TIMEOUT)
			.withMaxMessageBytes(Math.toIntExact(target.getMaxResponseBytes().toBytes()));
	}

	// Refuses a target without a name as McpTargetSettings does: problems() reports it.
	private static String name(TargetProperties target) {
		String name = target.getName();
		if (name == null) {
			throw new IllegalArgumentException("An MCP target needs a name");
		}
		return name;
	}

}
