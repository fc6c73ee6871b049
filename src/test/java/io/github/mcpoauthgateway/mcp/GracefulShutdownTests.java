package io.github.mcpoauthgateway.mcp;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.JwksServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.modelcontextprotocol.server.McpSyncServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the server ends open MCP event streams instead of waiting for them until the
 * shutdown timeout.
 */
class GracefulShutdownTests {

	@Test
	void closeWhenEventStreamOpenThenStreamEndsAndShutdownDoesNotWaitForTimeout() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).run(
				"--server.port=0", "--mcp.resource-url=" + TestAccessTokens.RESOURCE,
				"--oauth.issuer-uri=" + TestAccessTokens.ISSUER,
				"--oauth.allowed-client-ids=" + TestAccessTokens.CLIENT_ID,
				"--oauth.jwks-uri=" + JwksServer.shared().uri(),
				"--mcp.required-scopes=" + TestAccessTokens.TOOLS_SCOPE, "--mcp.keep-alive-interval=60s",
				"--spring.lifecycle.timeout-per-shutdown-phase=30s");
		McpHttp http = new McpHttp(((WebServerApplicationContext) context).getWebServer().getPort());
		String token = TestAccessTokens.cognito().sign();
		String session = McpHttp.send(http.post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + token))
			.headers()
			.firstValue("Mcp-Session-Id")
			.orElseThrow();
		CompletableFuture<HttpResponse<InputStream>> opening = HttpClient.newHttpClient()
			.sendAsync(http.get("/mcp")
				.header("Accept", "text/event-stream")
				.header("Authorization", "Bearer " + token)
				.header("Mcp-Session-Id", session)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		// The transport sends the stream's headers with its first event: notify until one
		// reaches the client.
		McpSyncServer server = context.getBean(McpSyncServer.class);
		while (!opening.isDone()) {
			server.notifyToolsListChanged();
			Thread.sleep(100);
		}
		HttpResponse<InputStream> stream = opening.get(10, TimeUnit.SECONDS);
		assertThat(stream.statusCode()).isEqualTo(200);

		Instant start = Instant.now();
		context.close();
		Duration shutdown = Duration.between(start, Instant.now());

		try (InputStream events = stream.body()) {
			assertThat(events.readAllBytes()).isNotNull();
		}
		// Without closing the sessions first, the open stream would hold the shutdown for
		// the whole 30 s phase timeout.
		assertThat(shutdown).isLessThan(Duration.ofSeconds(10));
	}

}
