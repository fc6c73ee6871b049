package io.github.mcpoauthgateway.security;

import java.net.http.HttpResponse;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code dev.enabled}, as a jar or container starts, there is no embedded
 * authorization server, no demo user and no login page.
 */
class DevModeOffTests extends AbstractMcpServerTests {

	@Autowired
	ApplicationContext context;

	@Test
	void contextWhenDevModeNotEnabledThenNoClientsUsersOrSigningKeys() {
		assertThat(this.context.getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(com.nimbusds.jose.jwk.source.JWKSource.class)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/oauth2/authorize?client_id=mcp-cli&response_type=code", "/oauth2/jwks",
			"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	void getWhenDevModeNotEnabledThenAuthorizationServerEndpointsRefused(String path) {
		HttpResponse<String> response = McpHttp.send(http().get(path));
		assertThat(response.statusCode()).isEqualTo(403);
	}

}
