package io.github.mcpoauthgateway.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Holds the tool changes made while the MCP server is being built, and forwards them,
 * then every later one, to the server once it exists.
 */
final class ToolChangeForwarder implements Consumer<ToolRegistry.Change> {

	private final List<ToolRegistry.Change> pending = new ArrayList<>();

	private @Nullable Consumer<ToolRegistry.Change> server;

	@Override
	public synchronized void accept(ToolRegistry.Change change) {
		if (this.server != null) {
			this.server.accept(change);
		}
		else {
			this.pending.add(change);
		}
	}

	synchronized void forwardTo(Consumer<ToolRegistry.Change> server) {
		this.pending.forEach(server);
		this.pending.clear();
		this.server = server;
	}

}
