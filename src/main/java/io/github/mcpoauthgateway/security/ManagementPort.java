package io.github.mcpoauthgateway.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests that arrived on the separate management port
 * ({@code management.server.port}), learnt when its server starts. Without a separate
 * port nothing matches: the public port never serves what only the management port may.
 */
final class ManagementPort implements ApplicationListener<WebServerInitializedEvent>, RequestMatcher {

	private static final String MANAGEMENT = "management";

	private volatile int port = -1;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (WebServerApplicationContext.hasServerNamespace(event.getApplicationContext(), MANAGEMENT)) {
			this.port = event.getWebServer().getPort();
		}
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		int managementPort = this.port;
		return managementPort > 0 && request.getLocalPort() == managementPort;
	}

}
