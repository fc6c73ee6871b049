package io.github.mcpoauthgateway.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the server starts: never without an issuer and a resource URL, and without needing
 * the issuer to be reachable.
 */
class StartupTests {

	@Test
	void runWhenNoSettingsThenRefusesNamingEveryMissingVariable() {
		SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run("--server.port=0", "--spring.main.banner-mode=off"))
			.satisfies((ex) -> {
				Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
				assertThat(root).isInstanceOf(InvalidSettingsException.class);
				FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(root);
				assertThat(analysis.getDescription()).contains("MCP_RESOURCE_URL", "OAUTH_ISSUER_URI", "COGNITO_REGION",
						"COGNITO_USER_POOL_ID", "MCP_REQUIRED_SCOPES");
				assertThat(analysis.getAction()).contains(".env.example");
			});
	}

	@Test
	void runWhenIssuerUnreachableThenStartsAndAnswersTokens503UntilKeysCanBeFetched() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(McpOAuthGatewayApplication.class)
			// Command-line arguments: they win over application.yml's server.port.
			.run("--server.port=0", "--mcp.resource-url=" + TestAccessTokens.RESOURCE, "--cognito.region=us-east-1",
					"--cognito.user-pool-id=us-east-1_TestPool1", "--mcp.required-scopes=mcp:tools",
					"--oauth.allowed-client-ids=" + TestAccessTokens.CLIENT_ID, "--oauth.jwks-timeout=500ms",
					"--oauth.jwks-uri=http://127.0.0.1:" + closedPort + "/.well-known/jwks.json")) {
			McpHttp http = new McpHttp(((WebServerApplicationContext) context).getWebServer().getPort());

			assertThat(McpHttp.send(http.get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
			HttpResponse<String> metadata = McpHttp.send(http.get("/.well-known/oauth-protected-resource/mcp"));
			assertThat(metadata.statusCode()).isEqualTo(200);
			assertThat(metadata.body()).contains(
					"\"authorization_servers\":[\"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1\"]")
				.contains("\"scopes_supported\":[\"mcp:tools\"]");
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = McpHttp
				.send(http.post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + token));

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After"))
				.hasValue(KeySourceFailureHandler.RETRY_AFTER_SECONDS);
			assertThat(response.body()).doesNotContain(token).doesNotContain("Exception");
		}
	}

}
