package io.github.mcpoauthgateway.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the shutdown sequence on SIGTERM: readiness goes down, the server keeps
 * serving for the drain delay, then stops accepting connections and finishes the requests
 * in flight (within spring.lifecycle.timeout-per-shutdown-phase).
 */
@ConfigurationProperties(ShutdownProperties.CONFIG_PREFIX)
public final class ShutdownProperties {

	public static final String CONFIG_PREFIX = "mcp.shutdown";

	/**
	 * How long readiness answers 503 while requests are still accepted, before the web
	 * server stops accepting connections: at least the time a load balancer takes to
	 * notice (its health check interval times its unhealthy threshold). 0 when the
	 * platform stops sending before SIGTERM (ECS behind an ALB deregisters first).
	 */
	private Duration drainDelay = Duration.ZERO;

	public Duration getDrainDelay() {
		return this.drainDelay;
	}

	public void setDrainDelay(Duration drainDelay) {
		this.drainDelay = drainDelay;
	}

}
