package io.github.mcpoauthgateway.security;

import java.net.http.HttpResponse;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health probes are public; nothing else outside the MCP endpoint is, metrics included:
 * without a separate management port they are served nowhere.
 */
class OperationsEndpointsTests extends AbstractMcpServerTests {

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void getHealthWhenAnonymousThenUp(String path) {
		HttpResponse<String> response = McpHttp.send(http().get(path));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"").doesNotContain("details", "components");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
			"/actuator/heapdump", "/actuator/prometheus", "/actuator/metrics", "/", "/error", "/mcp/extra", "/.env" })
	void getWhenAnyOtherPathThen403WithoutDetails(String path) {
		HttpResponse<String> response = McpHttp.send(http().get(path));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("trace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/prometheus" })
	void getWhenActuatorWithValidTokenThenStill403(String path) {
		HttpResponse<String> response = McpHttp
			.send(http().get(path).header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));
		assertThat(response.statusCode()).isEqualTo(403);
	}

}
