package io.github.mcpoauthgateway.authserver;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the embedded authorization server there is no database: its auto-configuration
 * joins the exclusions already in force; with the authorization server, or a database
 * named explicitly, nothing changes.
 */
class NoDatabaseWithoutAuthorizationServerTests {

	private static final String OWN = "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration";

	private static List<String> exclusionsAfter(MockEnvironment environment) {
		new NoDatabaseWithoutAuthorizationServer().postProcessEnvironment(environment, new SpringApplication());
		return Binder.get(environment)
			.bind(NoDatabaseWithoutAuthorizationServer.EXCLUDE, Bindable.listOf(String.class))
			.orElse(List.of());
	}

	private static MockEnvironment withOwnExclusion() {
		return new MockEnvironment().withProperty(NoDatabaseWithoutAuthorizationServer.EXCLUDE + "[0]", OWN);
	}

	@Test
	void postProcessWhenNoAuthorizationServerThenDataSourceExcludedBesideExistingExclusions() {
		assertThat(exclusionsAfter(withOwnExclusion())).containsExactly(OWN,
				NoDatabaseWithoutAuthorizationServer.DATA_SOURCE_AUTO_CONFIGURATION);
		assertThat(exclusionsAfter(new MockEnvironment().withProperty("dev.enabled", "false")))
			.containsExactly(NoDatabaseWithoutAuthorizationServer.DATA_SOURCE_AUTO_CONFIGURATION);
	}

	@Test
	void postProcessWhenDemoUsersEnabledThenDatabaseKept() {
		assertThat(exclusionsAfter(withOwnExclusion().withProperty("dev.enabled", "true"))).containsExactly(OWN);
	}

	@Test
	void postProcessWhenBridgeEnabledThenDatabaseKept() {
		assertThat(exclusionsAfter(withOwnExclusion().withProperty("bridge.enabled", "true"))).containsExactly(OWN);
	}

	@Test
	void postProcessWhenDatabaseNamedThenDatabaseKept() {
		assertThat(exclusionsAfter(
				withOwnExclusion().withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/mcp")))
			.containsExactly(OWN);
	}

}
