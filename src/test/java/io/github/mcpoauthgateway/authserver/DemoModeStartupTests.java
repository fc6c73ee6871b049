package io.github.mcpoauthgateway.authserver;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The local stack's demo users stay on this machine: it refuses to start for a public URL
 * or a public listening address unless remote access is asked for, and then it prints no
 * credential it made up, because it makes none up.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoModeStartupTests {

	static InvalidSettingsException refusal(String... arguments) {
		SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
		Throwable[] root = new Throwable[1];
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application.run(arguments))
			.satisfies((ex) -> root[0] = NestedExceptionUtils.getMostSpecificCause(ex));
		assertThat(root[0]).isInstanceOf(InvalidSettingsException.class);
		return (InvalidSettingsException) root[0];
	}

	@Test
	void runWhenDemoUsersServeAPublicResourceUrlThenRefusesNamingTheOverride() {
		InvalidSettingsException refused = refusal("--server.port=0", "--dev.enabled=true",
				"--mcp.resource-url=https://mcp.example.com/mcp", "--oauth.issuer-uri=https://mcp.example.com",
				"--mcp.required-scopes=mcp:tools");
		assertThat(refused.getProblems()).singleElement()
			.asString()
			.startsWith("MCP_RESOURCE_URL (mcp.resource-url) names mcp.example.com, not this machine")
			.contains("DEV_ALLOW_REMOTE=true");
	}

	@Test
	void runWhenDemoUsersListenOnAllInterfacesThenRefuses() {
		InvalidSettingsException refused = refusal("--server.port=0", "--dev.enabled=true", "--server.address=0.0.0.0",
				"--mcp.resource-url=http://localhost:1/mcp", "--oauth.issuer-uri=http://localhost:1",
				"--mcp.required-scopes=mcp:tools");
		assertThat(refused.getProblems()).singleElement()
			.asString()
			.startsWith("SERVER_ADDRESS (server.address) is not a loopback address");
	}

	@Test
	void runWhenRemoteAllowedAndCredentialsNotSetThenRefusesNamingEach() {
		InvalidSettingsException refused = refusal("--server.port=0", "--dev.enabled=true", "--dev.allow-remote=true",
				"--mcp.resource-url=https://mcp.example.com/mcp", "--oauth.issuer-uri=https://mcp.example.com",
				"--mcp.required-scopes=mcp:tools", "--dev.user-password=set-by-me-1");
		assertThat(refused.getProblems()).hasSize(2)
			.anySatisfy(
					(problem) -> assertThat(problem).startsWith("DEV_ADMIN_PASSWORD (dev.admin-password) must be set"))
			.anySatisfy(
					(problem) -> assertThat(problem).startsWith("DEV_CLIENT_SECRET (dev.client-secret) must be set"));
	}

	@Test
	void runWhenRemoteAllowedWithCredentialsSetThenStartsAndPrintsNone(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(McpOAuthGatewayApplication.class)
			// Still bound to loopback here: the test opens nothing to other hosts.
			.run("--server.port=0", "--server.address=127.0.0.1", "--dev.enabled=true", "--dev.allow-remote=true",
					"--mcp.resource-url=https://mcp.example.com/mcp", "--oauth.issuer-uri=https://mcp.example.com",
					"--mcp.required-scopes=mcp:tools", "--dev.user-password=user-pw-remote-1",
					"--dev.admin-password=admin-pw-remote-1", "--dev.client-secret=client-secret-remote-1")) {
			assertThat(output.getOut()).contains("DEVELOPMENT MODE")
				.contains("(from DEV_USER_PASSWORD)")
				.contains("all interfaces (dev.allow-remote=true)")
				.doesNotContain("user-pw-remote-1")
				.doesNotContain("admin-pw-remote-1")
				.doesNotContain("client-secret-remote-1");
		}
	}

}
