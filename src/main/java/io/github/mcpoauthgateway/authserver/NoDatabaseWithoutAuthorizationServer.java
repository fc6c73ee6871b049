package io.github.mcpoauthgateway.authserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves the database out when the embedded authorization server is off (the server
 * trusts Cognito's tokens directly): the database holds only the authorization server's
 * shared state, so without it an embedded H2, its migrations, a connection pool and
 * Spring Session's filter on every request would be start-up time and memory for nothing.
 * A database named explicitly ({@code spring.datasource.url}) or an exclusion list of
 * one's own is left as it is.
 */
final class NoDatabaseWithoutAuthorizationServer implements EnvironmentPostProcessor, Ordered {

	static final String EXCLUDE = "spring.autoconfigure.exclude";

	static final String DATA_SOURCE_AUTO_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (AuthorizationServerCondition.matches(environment)
				|| environment.containsProperty("spring.datasource.url")) {
			return;
		}
		// A list is bound from one property source: the exclusions in force
		// (application.yml has some) plus this one go first. The pool, Flyway, Spring
		// Session JDBC and the database health back off without a DataSource.
		List<String> exclusions = new ArrayList<>(
				Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
		exclusions.add(DATA_SOURCE_AUTO_CONFIGURATION);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("noDatabaseWithoutAuthorizationServer",
					Map.of(EXCLUDE, String.join(",", exclusions))));
	}

	@Override
	public int getOrder() {
		// After the configuration files and profiles have been read.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
