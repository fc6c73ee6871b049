package io.github.mcpoauthgateway.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWKSet;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.Nginx;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.ServerProcess;
import io.github.mcpoauthgateway.testsupport.SlowApi;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import io.github.mcpoauthgateway.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the jar, each a process of its own, behind nginx on loopback, sharing
 * one real PostgreSQL database and one signing key set, as they run behind a load
 * balancer: a client registered on one replica signs in on the other and refreshes on the
 * first; a replica killed in the middle of a sign-in through nginx leaves the sign-in to
 * finish on the other; and a replica sent SIGTERM while tool calls are in flight finishes
 * every one of them while nginx sends new calls to the other. The tests run in order on
 * the same processes (starting a replica costs seconds); skipped, saying so, without
 * nginx or PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasBehindNginxTests {

	static final String USER_PASSWORD = "nginx-user-password";

	static final String CALLBACK = "http://localhost/callback";

	static final Duration UPSTREAM_DELAY = Duration.ofSeconds(3);

	static final int CALLS_IN_FLIGHT = 6;

	static Path dir;

	static TestPostgres postgres;

	static SlowApi upstream;

	static Nginx nginx;

	static ServerProcess first;

	static ServerProcess second;

	static ServerProcess replacement;

	static String keys;

	static int nginxPort;

	@BeforeAll
	static void start() throws Exception {
		Path binary = Nginx.binary();
		postgres = TestPostgres.createDatabase();
		dir = Files.createTempDirectory("replicas-nginx");
		upstream = SlowApi.start(UPSTREAM_DELAY, dir);
		keys = new JWKSet(TestKeys.generate("nginx-replica-key")).toString(false);
		nginxPort = Nginx.freePort();
		int firstPort = TestSocketUtils.findAvailableTcpPort();
		int secondPort = TestSocketUtils.findAvailableTcpPort();
		first = replica(firstPort, "first");
		second = replica(secondPort, "second");
		nginx = Nginx.start(binary, nginxPort, dir.resolve("nginx"), List.of(firstPort, secondPort));
		first.awaitReady();
		second.awaitReady();
	}

	/**
	 * A replica of the local stack whose issuer and MCP URL are nginx's (what clients
	 * see), which checks tokens against its own JWK Set (the same keys on every replica),
	 * with the stateless transport (no sticky sessions here), a gateway target that
	 * answers slowly, and a short drain delay.
	 */
	static ServerProcess replica(int port, String name) throws IOException {
		String origin = "http://localhost:" + nginxPort;
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=local",
				"--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.user(),
				"--spring.datasource.password=" + postgres.password(), "--mcp.resource-url=" + origin + "/mcp",
				"--oauth.issuer-uri=" + origin, "--oauth.jwks-uri=http://localhost:" + port + "/oauth2/jwks",
				"--dev.user-password=" + USER_PASSWORD, "--dev.admin-password=nginx-admin-password",
				"--dev.client-secret=nginx-client-secret", "--dev.signing-keys=" + keys, "--mcp.stateless=true",
				"--mcp.shutdown.drain-delay=1000ms", "--spring.lifecycle.timeout-per-shutdown-phase=20s"));
		arguments.addAll(upstream.targetArguments());
		return ServerProcess.start(port, dir.resolve(name + ".log"), arguments);
	}

	/** Stops everything, each part even when another fails to stop. */
	@AfterAll
	static void stop() {
		for (AutoCloseable part : new AutoCloseable[] { nginx, first, second, replacement, postgres, upstream }) {
			closeQuietly(part);
		}
		if (dir != null) {
			FileSystemUtils.deleteRecursively(dir.toFile());
		}
	}

	static void closeQuietly(AutoCloseable part) {
		if (part == null) {
			return;
		}
		try {
			part.close();
		}
		catch (Exception ex) {
			System.err.println("ReplicasBehindNginxTests: could not stop " + part + ": " + ex);
		}
	}

	@Test
	@Order(1)
	void signInWhenRegisteredOnOneSignedInOnTheOtherAndRefreshedOnTheFirstThenTokensWorkThroughNginx() {
		DevAuthorizationServer a = new DevAuthorizationServer(first.origin());
		DevAuthorizationServer b = new DevAuthorizationServer(second.origin());
		String clientId = register(a);
		Pkce pkce = Pkce.generate();
		HttpResponse<String> callback = b.signIn(DevAuthorizationServer.newUserAgent(),
				b.authorizationUrl(clientId, CALLBACK, "mcp:tools", pkce, "direct", nginx.origin() + "/mcp"), "user",
				USER_PASSWORD, "approve");
		Map<String, String> response = DevAuthorizationServer.query(DevAuthorizationServer.location(callback));
		assertThat(response).containsEntry("state", "direct").containsEntry("iss", nginx.origin());
		Map<String, Object> tokens = exchange(b, clientId, response.get("code"), pkce);
		HttpResponse<String> refreshed = a.token(Map.of("grant_type", "refresh_token", "client_id", clientId,
				"refresh_token", (String) tokens.get("refresh_token")), null);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

		Set<String> servedBy = new HashSet<>();
		for (String token : List.of((String) tokens.get("access_token"),
				(String) json(refreshed).get("access_token"))) {
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> call = callTool(token, "current_time");
				assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
				servedBy.add(call.headers().firstValue(Nginx.UPSTREAM_HEADER).orElseThrow());
			}
		}
		assertThat(servedBy).as("round-robin: both replicas accept both tokens")
			.containsExactlyInAnyOrder("127.0.0.1:" + first.port(), "127.0.0.1:" + second.port());
	}

	@Test
	@Order(2)
	void signInWhenReplicaThatServedTheFirstStepIsKilledThenCompletesOnTheOther() throws Exception {
		DevAuthorizationServer lb = new DevAuthorizationServer(nginx.origin());
		String clientId = register(lb);
		Pkce pkce = Pkce.generate();
		HttpClient browser = DevAuthorizationServer.newUserAgent();
		HttpResponse<String> firstStep = lb.get(browser,
				lb.authorizationUrl(clientId, CALLBACK, "mcp:tools", pkce, "killed", nginx.origin() + "/mcp"));
		assertThat(firstStep.statusCode()).as(firstStep.body()).isEqualTo(302);
		assertThat(DevAuthorizationServer.location(firstStep))
			.as("redirects name nginx's origin: the app honours X-Forwarded-* from loopback")
			.startsWith(nginx.origin() + "/");
		String servedFirst = firstStep.headers().firstValue(Nginx.UPSTREAM_HEADER).orElseThrow();
		ServerProcess killed = servedFirst.endsWith(":" + first.port()) ? first : second;
		ServerProcess survivor = (killed == first) ? second : first;
		killed.kill();
		// A replacement on the same port, as a platform starts one; ready for the next
		// test.
		replacement = replica(killed.port(), "replacement");

		// The consent page the killed replica redirected to, then the rest of the
		// sign-in.
		HttpResponse<String> consentPage = lb.get(browser, DevAuthorizationServer.location(firstStep));
		assertThat(consentPage.statusCode()).as(consentPage.body()).isEqualTo(200);
		HttpResponse<String> approved = lb.post(browser, nginx.origin() + "/oauth2/consent",
				Map.of("_csrf", DevAuthorizationServer.csrf(consentPage.body()), "id",
						DevAuthorizationServer.field(consentPage.body(), "id"), "decision", "approve"));
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
		HttpResponse<String> callback = lb.signIn(browser, DevAuthorizationServer.location(approved), "user",
				USER_PASSWORD, "approve");
		assertThat(callback.headers().firstValue(Nginx.UPSTREAM_HEADER).orElseThrow())
			.as("the rest of the sign-in was served by the survivor")
			.endsWith("127.0.0.1:" + survivor.port());
		Map<String, String> response = DevAuthorizationServer.query(DevAuthorizationServer.location(callback));
		assertThat(response).containsEntry("state", "killed").containsKey("code");
		String accessToken = (String) exchange(lb, clientId, response.get("code"), pkce).get("access_token");
		HttpResponse<String> call = callTool(accessToken, "current_time");
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void sigtermWhenToolCallsInFlightThenEveryCallCompletesAndNewCallsGoToTheOtherReplica() throws Exception {
		replacement.awaitReady();
		ServerProcess terminated = replacement;
		ServerProcess other = first.isAlive() ? first : second;
		// nginx holds the killed replica's port as failed for its fail_timeout (1 s):
		// wait it out, so that round-robin puts calls on both.
		Thread.sleep(1500);
		String token = accessTokenThroughNginx();
		upstream.resetCalls();
		List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
		for (int i = 0; i < CALLS_IN_FLIGHT; i++) {
			inFlight.add(HttpClient.newHttpClient()
				.sendAsync(toolCall(token, SlowApi.TOOL).timeout(Duration.ofSeconds(60)).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		upstream.awaitCallsInFlight(CALLS_IN_FLIGHT);

		terminated.terminate();
		List<HttpResponse<String>> during = new ArrayList<>();
		while (!inFlight.stream().allMatch(CompletableFuture::isDone)) {
			during.add(callTool(token, "current_time"));
			Thread.sleep(100);
		}
		List<String> inFlightServedBy = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> call : inFlight) {
			HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).contains("slow-result").doesNotContain("\"isError\":true");
			inFlightServedBy.add(response.headers().firstValue(Nginx.UPSTREAM_HEADER).orElseThrow());
		}
		assertThat(inFlightServedBy).as("the replica that got SIGTERM had calls in flight")
			.filteredOn((address) -> address.endsWith(":" + terminated.port()))
			.hasSizeGreaterThanOrEqualTo(2);
		assertThat(during).as("calls made after SIGTERM").isNotEmpty().allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		});
		assertThat(during.get(during.size() - 1).headers().firstValue(Nginx.UPSTREAM_HEADER).orElseThrow())
			.as("once the terminated replica refuses connections, nginx sends calls to the other")
			.endsWith("127.0.0.1:" + other.port());
		assertThat(terminated.waitFor(Duration.ofSeconds(30))).as("exited").isTrue();
		assertThat(terminated.exitValue()).isEqualTo(143);
		assertThat(terminated.output()).contains("Graceful shutdown complete");
		HttpResponse<String> after = callTool(token, "current_time");
		assertThat(after.statusCode()).isEqualTo(200);
	}

	static String accessTokenThroughNginx() {
		DevAuthorizationServer lb = new DevAuthorizationServer(nginx.origin());
		String clientId = register(lb);
		Pkce pkce = Pkce.generate();
		Map<String, String> response = lb.authorize(
				lb.authorizationUrl(clientId, CALLBACK, "mcp:tools", pkce, "load", nginx.origin() + "/mcp"), "user",
				USER_PASSWORD);
		return (String) exchange(lb, clientId, response.get("code"), pkce).get("access_token");
	}

	static String register(DevAuthorizationServer server) {
		HttpResponse<String> response = server.register("""
				{"client_name":"Nginx client","redirect_uris":["%s"],"token_endpoint_auth_method":"none",
				 "grant_types":["authorization_code","refresh_token"],"scope":"mcp:tools"}""".formatted(CALLBACK));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) json(response).get("client_id");
	}

	static Map<String, Object> exchange(DevAuthorizationServer server, String clientId, String code, Pkce pkce) {
		HttpResponse<String> response = server.token(Map.of("grant_type", "authorization_code", "client_id", clientId,
				"code", code, "redirect_uri", CALLBACK, "code_verifier", pkce.verifier()), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	static HttpRequest.Builder toolCall(String token, String tool) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + "/mcp"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
						+ "\",\"arguments\":{}}}"));
	}

	static HttpResponse<String> callTool(String token, String tool) {
		try {
			return HttpClient.newHttpClient().send(toolCall(token, tool).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

}
