package io.github.mcpoauthgateway.operations;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds a separate management port to loopback unless {@code management.server.address}
 * says otherwise: metrics name tools and clients, so they are not for every network the
 * public port faces. Spring Boot refuses a management address without a separate port,
 * hence a default set here, only when there is one, rather than in application.yml.
 */
final class ManagementAddressDefault implements EnvironmentPostProcessor, Ordered {

	static final String PORT = "management.server.port";

	static final String ADDRESS = "management.server.address";

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String port = environment.getProperty(PORT);
		if (port == null || port.isBlank() || environment.containsProperty(ADDRESS)) {
			return;
		}
		// As Spring Boot decides (ManagementPortType): -1 switches the endpoints off, the
		// server's own port is no separate port, 0 is a random separate one.
		String value = port.trim();
		if (value.startsWith("-")
				|| (!"0".equals(value) && Objects.equals(value, environment.getProperty("server.port", "8080")))) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("managementAddressDefault", Map.of(ADDRESS, LOOPBACK)));
	}

	@Override
	public int getOrder() {
		// After the configuration files and the environment have been read.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
