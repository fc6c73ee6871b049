package io.github.mcpoauthgateway.mcp;

import org.springframework.context.SmartLifecycle;

/**
 * Closes MCP sessions when the application begins to stop, before the web server's
 * graceful shutdown waits for in-flight requests: open event streams never end on their
 * own and would otherwise hold the shutdown until its timeout.
 */
final class McpGracefulShutdown implements SmartLifecycle {

	private final Runnable closeGracefully;

	private volatile boolean running;

	McpGracefulShutdown(Runnable closeGracefully) {
		this.closeGracefully = closeGracefully;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.closeGracefully.run();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isPauseable() {
		// Closed sessions cannot be reopened, so a pause (as the test framework does to
		// cached contexts) must not close them; only a real shutdown does.
		return false;
	}

	@Override
	public int getPhase() {
		// Stopped before the web server's graceful shutdown phase.
		return Integer.MAX_VALUE;
	}

}
