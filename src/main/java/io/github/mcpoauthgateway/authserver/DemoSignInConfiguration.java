package io.github.mcpoauthgateway.authserver;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauthgateway.security.InvalidSettingsException;
import io.github.mcpoauthgateway.security.ResourceServerSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * The local stack's way to sign in: demo users on a login form, demo clients, and a
 * signing key generated at every start. Development only, and off unless
 * {@code dev.enabled} is set (and bridge mode is not).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled")
// With bridge mode on as well, the bridge refuses to start and says why.
@ConditionalOnBooleanProperty(name = "bridge.enabled", havingValue = false, matchIfMissing = true)
class DemoSignInConfiguration {

	@Bean
	DevSecrets devSecrets(DevAuthProperties properties, ResourceServerSettings settings, ServerProperties server) {
		checkLocalOnly(properties, settings, server);
		return new DevSecrets(Secrets.orGenerated(properties.getUserPassword()),
				Secrets.orGenerated(properties.getAdminPassword()), Secrets.orGenerated(properties.getClientSecret()));
	}

	/**
	 * Demo users with known passwords are for this machine only: refuses a resource URL
	 * or a listening address off the loopback interface, unless remote access is asked
	 * for explicitly, and then refuses to make up (and print) passwords or a secret.
	 */
	private static void checkLocalOnly(DevAuthProperties properties, ResourceServerSettings settings,
			ServerProperties server) {
		List<String> problems = new ArrayList<>();
		if (!properties.isAllowRemote()) {
			URI resource = URI.create(settings.endpoint().resource().url());
			if (!RedirectUris.isLoopback(resource)) {
				problems.add("MCP_RESOURCE_URL (mcp.resource-url) names " + resource.getHost()
						+ ", not this machine: the local stack's demo users serve localhost only; set "
						+ "DEV_ALLOW_REMOTE=true (development only) to run them elsewhere");
			}
			InetAddress address = server.getAddress();
			if (address != null && !address.isLoopbackAddress()) {
				problems.add("SERVER_ADDRESS (server.address) is not a loopback address: the local stack listens on "
						+ "this machine only; set DEV_ALLOW_REMOTE=true (development only) to listen elsewhere");
			}
		}
		else {
			// Reachable from other hosts: nothing generated is printed, so nothing is
			// made up.
			requireSet(properties.getUserPassword(), "DEV_USER_PASSWORD (dev.user-password)", problems);
			requireSet(properties.getAdminPassword(), "DEV_ADMIN_PASSWORD (dev.admin-password)", problems);
			requireSet(properties.getClientSecret(), "DEV_CLIENT_SECRET (dev.client-secret)", problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidSettingsException(problems);
		}
	}

	private static void requireSet(@Nullable String value, String setting, List<String> problems) {
		if (value == null || value.isBlank()) {
			problems.add(setting + " must be set when DEV_ALLOW_REMOTE=true: generated credentials are never "
					+ "printed for a server others can reach");
		}
	}

	@Bean
	DevUsers devUsers(DevSecrets secrets) {
		return new DevUsers(secrets.userPassword(), secrets.adminPassword());
	}

	@Bean
	SignInMethod demoSignIn(DevAuthProperties properties, DevSecrets secrets, DevUsers users,
			ResourceServerSettings settings) {
		// The issuer the resource server trusts: one setting for both sides.
		return new DemoSignIn(settings.issuer(), DevClients.all(properties, secrets.clientSecret()), users);
	}

	@Bean
	SigningKeys signingKeys(DevAuthProperties properties) {
		if (!StringUtils.hasText(properties.getSigningKeys())) {
			return SigningKeys.generated();
		}
		try {
			return SigningKeys.parse(properties.getSigningKeys());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingsException(List.of("DEV_SIGNING_KEYS (dev.signing-keys) " + ex.getMessage()));
		}
	}

	@Bean
	@Order(3)
	SecurityFilterChain devLoginSecurityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.securityMatcher("/login", "/logout")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.formLogin((login) -> login.loginPage("/login"))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		// @formatter:on
		return http.build();
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> devLoopbackOnly(DevAuthProperties properties) {
		return (factory) -> {
			if (!properties.isAllowRemote()) {
				// Demo users with logged passwords: reachable from this machine only.
				factory.setAddress(InetAddress.getLoopbackAddress());
			}
		};
	}

	@Bean
	DevModeBanner devModeBanner(DevAuthProperties properties, ResourceServerSettings settings, DevSecrets secrets,
			DevUsers users) {
		return new DevModeBanner(properties, settings, secrets, users);
	}

	/**
	 * The demo credentials, configured or generated at startup.
	 *
	 * @param userPassword password of {@code user}
	 * @param adminPassword password of {@code admin}
	 * @param clientSecret secret of {@code mcp-confidential}
	 */
	record DevSecrets(String userPassword, String adminPassword, String clientSecret) {

	}

}
