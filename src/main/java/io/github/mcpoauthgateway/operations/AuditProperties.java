package io.github.mcpoauthgateway.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the audit log: one JSON line per tool call, sign-in, registration and token
 * grant, on the {@value AuditLog#LOGGER} logger.
 */
@ConfigurationProperties(AuditProperties.CONFIG_PREFIX)
public final class AuditProperties {

	public static final String CONFIG_PREFIX = "mcp.audit";

	/**
	 * Whether to write audit lines and to give every request an X-Request-Id.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
