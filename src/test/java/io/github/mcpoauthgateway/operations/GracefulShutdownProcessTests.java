package io.github.mcpoauthgateway.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.JwksServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.SlowApi;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to the server as a separate process, as a container platform sends it, while
 * tool calls wait on a slow gateway target: readiness goes down at once, the server keeps
 * serving for the drain delay, then refuses new connections, every call in flight ends
 * with its result, and the process exits. The times are printed, measured, not assumed.
 */
class GracefulShutdownProcessTests {

	private static final Duration UPSTREAM_DELAY = Duration.ofSeconds(4);

	private static final Duration DRAIN_DELAY = Duration.ofSeconds(2);

	private static final int CALLS = 4;

	private SlowApi upstream;

	private Process server;

	@AfterEach
	void stop() {
		if (this.server != null && this.server.isAlive()) {
			this.server.destroyForcibly();
		}
		if (this.upstream != null) {
			this.upstream.close();
		}
	}

	@Test
	void sigtermWhenCallsInFlightThenReadinessDownFirstCallsCompleteThenConnectionsRefusedAndExit(@TempDir Path dir)
			throws Exception {
		this.upstream = SlowApi.start(UPSTREAM_DELAY, dir);
		int port = TestSocketUtils.findAvailableTcpPort();
		Path log = dir.resolve("server.log");
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), McpOAuthGatewayApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--mcp.stateless=true",
				"--mcp.resource-url=" + TestAccessTokens.RESOURCE, "--oauth.issuer-uri=" + TestAccessTokens.ISSUER,
				"--oauth.allowed-client-ids=" + TestAccessTokens.CLIENT_ID,
				"--oauth.jwks-uri=" + JwksServer.shared().uri(),
				"--mcp.required-scopes=" + TestAccessTokens.TOOLS_SCOPE,
				"--mcp.shutdown.drain-delay=" + DRAIN_DELAY.toMillis() + "ms",
				"--spring.lifecycle.timeout-per-shutdown-phase=20s"));
		command.addAll(this.upstream.targetArguments());
		this.server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		McpHttp http = new McpHttp(port);
		awaitReady(http, log);

		String token = TestAccessTokens.cognito().sign();
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		List<Long> completedAt = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			calls.add(HttpClient.newHttpClient()
				.sendAsync(http.post(McpHttp.toolCall(SlowApi.TOOL, "{}"))
					.timeout(Duration.ofSeconds(60))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		this.upstream.awaitCallsInFlight(CALLS);

		long sigterm = System.nanoTime();
		this.server.destroy();
		long readinessDown = -1;
		long servedDuringDrain = -1;
		long refused = -1;
		while (refused < 0 && System.nanoTime() - sigterm < TimeUnit.SECONDS.toNanos(30)) {
			try {
				int status = freshConnection(http.get("/actuator/health/readiness").build()).statusCode();
				if (status == 503 && readinessDown < 0) {
					readinessDown = System.nanoTime() - sigterm;
					// A balancer that has not noticed yet still gets answers.
					HttpResponse<String> late = freshConnection(http.post(McpHttp.toolCall("current_time", "{}"))
						.header("Authorization", "Bearer " + token)
						.build());
					assertThat(late.statusCode()).isEqualTo(200);
					servedDuringDrain = System.nanoTime() - sigterm;
				}
				else if (status != 503) {
					assertThat(readinessDown).as("readiness answered %d after going down", status).isNegative();
				}
			}
			catch (ConnectException ex) {
				refused = System.nanoTime() - sigterm;
			}
			Thread.sleep(50);
		}
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
			completedAt.add(System.nanoTime() - sigterm);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("slow-result").doesNotContain("\"isError\":true");
		}
		boolean exited = this.server.waitFor(60, TimeUnit.SECONDS);
		long exit = System.nanoTime() - sigterm;
		String output = Files.readString(log);
		System.out.printf(
				"GracefulShutdown: SIGTERM -> readiness 503 %d ms, call served during drain %d ms, connections refused %d ms, "
						+ "last in-flight call completed %d ms, process exited %d ms (exit code %d); drain delay %d ms, upstream %d ms%n",
				millis(readinessDown), millis(servedDuringDrain), millis(refused),
				millis(completedAt.stream().mapToLong(Long::longValue).max().orElseThrow()), millis(exit),
				exited ? this.server.exitValue() : -1, DRAIN_DELAY.toMillis(), UPSTREAM_DELAY.toMillis());

		assertThat(readinessDown).as("readiness went down").isPositive();
		assertThat(refused).as("new connections refused").isGreaterThan(readinessDown);
		assertThat(Duration.ofNanos(refused)).isGreaterThanOrEqualTo(DRAIN_DELAY.minusMillis(200));
		long refusedAt = refused;
		assertThat(completedAt).allSatisfy((done) -> assertThat(done).isGreaterThan(refusedAt));
		assertThat(exited).as("exited within 60 s").isTrue();
		// The JVM reports a SIGTERM as 128 + 15 once its shutdown hooks have run.
		assertThat(this.server.exitValue()).isEqualTo(143);
		assertThat(output).contains("Graceful shutdown complete").doesNotContain("Graceful shutdown aborted");
	}

	private void awaitReady(McpHttp http, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			assertThat(this.server.isAlive()).as(() -> "server died: " + read(log)).isTrue();
			try {
				if (freshConnection(http.get("/actuator/health/readiness").build()).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new AssertionError("not ready within 120 s: " + read(log));
	}

	private static HttpResponse<String> freshConnection(HttpRequest request) throws IOException, InterruptedException {
		// A new client, so a new connection: what a balancer's health check opens.
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build()
			.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
