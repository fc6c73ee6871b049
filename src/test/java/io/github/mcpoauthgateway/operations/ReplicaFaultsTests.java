package io.github.mcpoauthgateway.operations;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TcpProxy;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults a replica meets in production, each with what it must do: the issuer's JWK Set
 * unreachable for as long as the test runs (the port accepts and never answers, the worst
 * case: nothing refuses, so only the timeouts end the wait), and a slow database. The
 * database going down and coming back is {@code ReplicasOnPostgresTests}'s; SIGTERM under
 * load behind nginx is {@code ReplicasBehindNginxTests}'s.
 */
class ReplicaFaultsTests {

	/**
	 * What each packet between a replica and PostgreSQL is held back, both ways: a
	 * query's round trip goes from under a millisecond to over 120 ms, and a sign-in's
	 * seven steps take seconds. Measured at larger delays, each step answered, none with
	 * a 500: at 200 ms a packet the steps took 1.8 to 5.6 s (24 s in all), at 1.5 s 13 to
	 * over 20 s each; too slow for the build. Nothing bounds one step under a slow
	 * database but the client's timeout (the pool's 3 s applies to getting a connection).
	 */
	static final Duration DATABASE_DELAY = Duration.ofMillis(60);

	/** Longer than any answer may take: a response later than this is a hang. */
	static final Duration HANG = Duration.ofSeconds(20);

	@Test
	void tokensWhenUpstreamJwkSetNeverAnswersThen503WithRetryAfterInBoundedTimeChallengesStayClearAndHealthStaysUp()
			throws Exception {
		try (Blackhole jwks = new Blackhole();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(McpOAuthGatewayApplication.class)
					.run("--server.port=0", "--mcp.resource-url=" + TestAccessTokens.RESOURCE,
							"--oauth.issuer-uri=" + TestAccessTokens.ISSUER, "--mcp.required-scopes=mcp:tools",
							"--oauth.allowed-client-ids=" + TestAccessTokens.CLIENT_ID, "--oauth.jwks-timeout=500ms",
							"--oauth.jwks-uri=http://127.0.0.1:" + jwks.port() + "/.well-known/jwks.json")) {
			McpHttp http = new McpHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			String token = TestAccessTokens.cognito().sign();
			HttpClient client = HttpClient.newHttpClient();

			// Clients keep calling while the keys cannot be fetched: each call is
			// answered,
			// in bounded time, with 503 and Retry-After (retry, don't sign in again).
			List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < 8; i++) {
				calls.add(client.sendAsync(
						http.post(McpHttp.INITIALIZE).timeout(HANG).header("Authorization", "Bearer " + token).build(),
						HttpResponse.BodyHandlers.ofString()));
			}
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				HttpResponse<String> response = call.get(HANG.toSeconds(), TimeUnit.SECONDS);
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
				assertThat(response.body()).doesNotContain(token).doesNotContain("Exception");
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(elapsed).as("8 concurrent calls against a JWK Set that never answers")
				.isLessThan(Duration.ofSeconds(10));
			assertThat(jwks.connections()).as("the keys were asked for").isPositive();

			// The challenge is unchanged for what needs no keys: no token, a foreign
			// issuer.
			HttpResponse<String> anonymous = McpHttp.send(http.post(McpHttp.INITIALIZE));
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Bearer ").contains("resource_metadata="));
			String foreign = TestAccessTokens.cognito().claim("iss", "https://issuer.example.test").sign();
			HttpResponse<String> refused = McpHttp
				.send(http.post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + foreign));
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));

			// The replica stays in the balancer: its health does not depend on the
			// issuer.
			assertThat(McpHttp.send(http.get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
			assertThat(McpHttp.send(http.get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
			assertThat(McpHttp.send(http.get("/actuator/health")).body()).contains("\"UP\"");
		}
	}

	@Test
	void signInWhenDatabaseSlowThenEveryStepAnswersWithoutHangOr500AndIssuedTokensStayFast() throws Exception {
		try (TestPostgres postgres = TestPostgres.createDatabase(); TcpProxy proxy = new TcpProxy(postgres.port())) {
			int port = TestSocketUtils.findAvailableTcpPort();
			String origin = "http://localhost:" + port;
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(McpOAuthGatewayApplication.class)
				.profiles("local")
				.run("--server.port=" + port, "--spring.datasource.url=" + postgres.url(proxy.port()),
						"--spring.datasource.username=" + postgres.user(),
						"--spring.datasource.password=" + postgres.password(), "--dev.user-password=slow-user-password",
						"--dev.admin-password=slow-admin-password", "--dev.client-secret=slow-client-secret")) {
				DevAuthorizationServer server = new DevAuthorizationServer(origin);
				String clientId = register(server);
				Pkce pkce = Pkce.generate();
				Map<String, String> first = server.authorize(server.authorizationUrl(clientId,
						DevAuthorizationServer.REDIRECT_URI, "mcp:tools", pkce, "s", origin + "/mcp"), "user",
						"slow-user-password");
				String accessToken = (String) json(server.token(
						Map.of("grant_type", "authorization_code", "client_id", clientId, "code", first.get("code"),
								"redirect_uri", DevAuthorizationServer.REDIRECT_URI, "code_verifier", pkce.verifier()),
						null))
					.get("access_token");

				proxy.delay(DATABASE_DELAY);
				McpHttp http = new McpHttp(port);
				List<String> steps = new CopyOnWriteArrayList<>();
				CompletableFuture<Map<String, String>> signIn = CompletableFuture
					.supplyAsync(() -> signIn(origin, clientId, steps));
				// Meanwhile, an issued token needs no database: the MCP endpoint stays
				// fast.
				long before = System.nanoTime();
				HttpResponse<String> call = McpHttp
					.send(http.post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + accessToken));
				assertThat(call.statusCode()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - before)).as("not held up behind the sign-in")
					.isLessThan(Duration.ofSeconds(2));
				assertThat(McpHttp.send(http.get("/actuator/health/liveness")).statusCode()).isEqualTo(200);

				Map<String, String> outcome = signIn.get(HANG.toSeconds() * 8, TimeUnit.SECONDS);
				System.out.printf("SlowDatabase: %s per packet; sign-in steps: %s%n", DATABASE_DELAY, steps);
				assertThat(steps).as("every step answered").allSatisfy((step) -> {
					assertThat(step).doesNotContain(" 500 ").doesNotContain("hang");
				});
				if (outcome.containsKey("code")) {
					assertThat(outcome).containsEntry("state", "slow");
				}
				else {
					assertThat(outcome).as("refused the documented way").containsEntry("status", "503");
				}
			}
		}
	}

	/**
	 * A sign-in with a user agent that waits up to {@link #HANG} for each answer and
	 * writes down each step's status and time; stops at the first 503 (the documented
	 * answer when the database cannot serve in time).
	 */
	static Map<String, String> signIn(String origin, String clientId, List<String> steps) {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		DevAuthorizationServer server = new DevAuthorizationServer(origin);
		String url = server.authorizationUrl(clientId, DevAuthorizationServer.REDIRECT_URI, "mcp:tools",
				Pkce.generate(), "slow", origin + "/mcp");
		Map<String, String> form = null;
		for (int step = 0; step < 12; step++) {
			HttpResponse<String> response = send(browser, url, form, steps);
			if (response.statusCode() == 503) {
				return Map.of("status", "503");
			}
			String location = DevAuthorizationServer.location(response);
			if (location == null && response.body().contains("name=\"decision\"")) {
				form = Map.of("_csrf", DevAuthorizationServer.csrf(response.body()), "id",
						DevAuthorizationServer.field(response.body(), "id"), "decision", "approve");
				url = origin + "/oauth2/consent";
				continue;
			}
			if (location == null && response.body().contains("name=\"password\"")) {
				form = Map.of("username", "user", "password", "slow-user-password", "_csrf",
						DevAuthorizationServer.csrf(response.body()));
				url = origin + "/login";
				continue;
			}
			if (location == null) {
				return Map.of("status", String.valueOf(response.statusCode()));
			}
			if (location.startsWith(DevAuthorizationServer.REDIRECT_URI)) {
				return DevAuthorizationServer.query(location);
			}
			url = location.startsWith("/") ? origin + location : location;
			form = null;
		}
		throw new IllegalStateException("Too many steps: " + steps);
	}

	static HttpResponse<String> send(HttpClient browser, String url, Map<String, String> form, List<String> steps) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(HANG)
			.header("Accept", "text/html");
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form.entrySet()
					.stream()
					.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
							+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
					.collect(Collectors.joining("&"))));
		}
		long start = System.nanoTime();
		String path = URI.create(url).getPath();
		try {
			HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
			steps.add(((form != null) ? "POST " : "GET ") + path + " " + response.statusCode() + " "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
			return response;
		}
		catch (IOException ex) {
			steps.add(path + " hang: " + ex);
			throw new AssertionError("no answer within " + HANG + ": " + steps, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String register(DevAuthorizationServer server) {
		HttpResponse<String> response = server.register("""
				{"client_name":"Slow client","redirect_uris":["%s"],"token_endpoint_auth_method":"none",
				 "grant_types":["authorization_code","refresh_token"],"scope":"mcp:tools"}"""
			.formatted(DevAuthorizationServer.REDIRECT_URI));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) json(response).get("client_id");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

	/**
	 * A port that accepts connections and never answers: an issuer behind a firewall that
	 * drops, or a hung server.
	 */
	static final class Blackhole implements AutoCloseable {

		private final ServerSocket listener;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		Blackhole() throws IOException {
			this.listener = new ServerSocket();
			this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Thread acceptor = new Thread(() -> {
				while (!this.listener.isClosed()) {
					try {
						this.accepted.add(this.listener.accept());
					}
					catch (IOException ex) {
						// Closed.
					}
				}
			}, "blackhole");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.listener.getLocalPort();
		}

		int connections() {
			return this.accepted.size();
		}

		@Override
		public void close() throws IOException {
			this.listener.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

}
