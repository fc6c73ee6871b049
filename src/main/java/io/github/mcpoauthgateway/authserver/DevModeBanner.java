package io.github.mcpoauthgateway.authserver;

import io.github.mcpoauthgateway.security.ResourceServerSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tells the person who started the local stack that it is a development mode, and
 * everything needed to connect: URLs, client ids, users and their passwords.
 */
final class DevModeBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(DevModeBanner.class);

	private final DevAuthProperties properties;

	private final ResourceServerSettings settings;

	private final DemoSignInConfiguration.DevSecrets secrets;

	private final DevUsers users;

	DevModeBanner(DevAuthProperties properties, ResourceServerSettings settings,
			DemoSignInConfiguration.DevSecrets secrets, DevUsers users) {
		this.properties = properties;
		this.settings = settings;
		this.secrets = secrets;
		this.users = users;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		StringBuilder text = new StringBuilder();
		text.append("DEVELOPMENT MODE: embedded authorization server with demo users; never expose it.\n");
		line(text, "MCP endpoint", this.settings.endpoint().resource().url());
		line(text, "Issuer", this.settings.issuer());
		line(text, "Metadata", this.settings.issuer() + "/.well-known/oauth-authorization-server");
		line(text, "Registration",
				this.settings.issuer() + "/oauth2/register (RFC 7591) and client ID metadata documents");
		line(text, "Public client",
				DevClients.PUBLIC_CLIENT + " (PKCE, redirect http://127.0.0.1:<any port>/callback)");
		line(text, "Confidential", DevClients.CONFIDENTIAL_CLIENT + " / secret "
				+ shown(this.properties.getClientSecret(), this.secrets.clientSecret(), "DEV_CLIENT_SECRET"));
		for (DevUsers.DevUser user : this.users.all()) {
			String password = DevUsers.ADMIN.equals(user.username())
					? shown(this.properties.getAdminPassword(), user.password(), "DEV_ADMIN_PASSWORD")
					: shown(this.properties.getUserPassword(), user.password(), "DEV_USER_PASSWORD");
			line(text, "User " + user.username(), "password " + password + ", groups " + user.groups());
		}
		line(text, "Listening on",
				this.properties.isAllowRemote() ? "all interfaces (dev.allow-remote=true)" : "loopback only");
		logger.warn(text.toString().stripTrailing());
	}

	private static void line(StringBuilder text, String label, String value) {
		text.append("  ").append(String.format("%-14s", label)).append(value).append('\n');
	}

	private static String shown(@Nullable String configured, String effective, String variable) {
		return (configured != null && !configured.isBlank()) ? "(from " + variable + ")" : effective;
	}

}
