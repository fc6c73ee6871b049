package io.github.mcpoauthgateway.operations;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Holds the shutdown for the drain delay after readiness went down and before anything
 * stops. Spring Boot publishes "refusing traffic" first when the context closes, then
 * this event, then stops the lifecycle beans: the MCP sessions, then the web server,
 * which stops accepting connections and waits for the requests in flight. Without a delay
 * readiness is down for microseconds only, too short for a load balancer that polls it to
 * stop sending before connections are refused.
 */
final class ReadinessDrain implements ApplicationListener<ContextClosedEvent> {

	private static final Log logger = LogFactory.getLog(ReadinessDrain.class);

	private final Duration delay;

	ReadinessDrain(Duration delay) {
		this.delay = delay;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (this.delay.isZero() || this.delay.isNegative() || event.getApplicationContext().getParent() != null) {
			return;
		}
		logger.info("Shutting down: readiness is down; serving for " + this.delay.toMillis()
				+ " ms more before refusing connections");
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean supportsAsyncExecution() {
		return false;
	}

}
