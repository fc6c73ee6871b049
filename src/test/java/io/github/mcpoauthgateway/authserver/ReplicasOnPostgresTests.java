package io.github.mcpoauthgateway.authserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TcpProxy;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import io.github.mcpoauthgateway.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the local stack (two application contexts, each with its own web
 * server) behind one issuer URL, sharing one real PostgreSQL database, reached through a
 * proxy that the test can cut: a client registered on one is known to the other, a
 * sign-in started on one finishes on the other, tokens issued by one are refreshed and
 * accepted by the other, a reused refresh token revokes the family on both; with the
 * database down, new sign-ins get 503 while issued access tokens keep working, and
 * everything recovers without a restart. Skipped, saying so, without PostgreSQL.
 */
class ReplicasOnPostgresTests {

	static final String USER_PASSWORD = "replica-user-password";

	static final String CALLBACK = "http://localhost/callback";

	static TestPostgres postgres;

	static TcpProxy proxy;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static int firstPort;

	static int secondPort;

	@BeforeAll
	static void startReplicas() throws Exception {
		postgres = TestPostgres.createDatabase();
		proxy = new TcpProxy(postgres.port());
		firstPort = TestSocketUtils.findAvailableTcpPort();
		secondPort = TestSocketUtils.findAvailableTcpPort();
		String keys = new JWKSet(TestKeys.generate("replica-key")).toString(false);
		first = start(firstPort, keys);
		second = start(secondPort, keys);
	}

	static ConfigurableApplicationContext start(int port, String keys) {
		String issuer = "http://localhost:" + firstPort;
		return new SpringApplicationBuilder(McpOAuthGatewayApplication.class).profiles("local")
			.run("--server.port=" + port, "--spring.datasource.url=" + postgres.url(proxy.port()),
					"--spring.datasource.username=" + postgres.user(),
					"--spring.datasource.password=" + postgres.password(),
					"--spring.datasource.hikari.connection-timeout=1000", "--mcp.resource-url=" + issuer + "/mcp",
					"--oauth.issuer-uri=" + issuer, "--oauth.jwks-uri=http://localhost:" + port + "/oauth2/jwks",
					"--dev.user-password=" + USER_PASSWORD, "--dev.admin-password=replica-admin-password",
					"--dev.client-secret=replica-client-secret", "--dev.signing-keys=" + keys);
	}

	@AfterAll
	static void stopReplicas() throws Exception {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
		if (proxy != null) {
			proxy.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	static String origin(int port) {
		return "http://localhost:" + port;
	}

	static DevAuthorizationServer replica(int port) {
		return new DevAuthorizationServer(origin(port));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

	static String pathOf(String location) {
		URI uri = URI.create(location);
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	static String register(int port) {
		HttpResponse<String> response = replica(port).register("""
				{"client_name":"Replica client","redirect_uris":["%s"],"token_endpoint_auth_method":"none",
				 "grant_types":["authorization_code","refresh_token"],"scope":"mcp:tools"}""".formatted(CALLBACK));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) json(response).get("client_id");
	}

	/**
	 * A browser that goes to the replicas in turn, as a load balancer without sticky
	 * sessions may send it: authorization request to the first, consent page and approval
	 * to the second, back to the first, login form to the second, and the resumed request
	 * to the first again.
	 */
	static Map<String, String> signInAcrossReplicas(String clientId, Pkce pkce) {
		HttpClient browser = DevAuthorizationServer.newUserAgent();
		DevAuthorizationServer a = replica(firstPort);
		DevAuthorizationServer b = replica(secondPort);
		String authorize = a.authorizationUrl(clientId, CALLBACK, "mcp:tools", pkce, "state-1",
				origin(firstPort) + "/mcp");
		HttpResponse<String> toConsent = a.get(browser, authorize);
		assertThat(toConsent.statusCode()).as(toConsent.body()).isEqualTo(302);
		assertThat(toConsent.headers().allValues("Set-Cookie")).as("the session cookie keeps its name")
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly"));
		HttpResponse<String> consentPage = b.get(browser,
				origin(secondPort) + pathOf(DevAuthorizationServer.location(toConsent)));
		assertThat(consentPage.statusCode()).as("consent page on the other replica").isEqualTo(200);
		assertThat(consentPage.body()).contains("Replica client");
		HttpResponse<String> approved = b.post(browser, origin(secondPort) + "/oauth2/consent",
				Map.of("_csrf", DevAuthorizationServer.csrf(consentPage.body()), "id",
						DevAuthorizationServer.field(consentPage.body(), "id"), "decision", "approve"));
		assertThat(approved.statusCode()).isEqualTo(302);
		HttpResponse<String> toLogin = a.get(browser,
				origin(firstPort) + pathOf(DevAuthorizationServer.location(approved)));
		assertThat(DevAuthorizationServer.location(toLogin)).as("the approval made on the other replica counts")
			.endsWith("/login");
		HttpResponse<String> loginPage = b.get(browser, origin(secondPort) + "/login");
		HttpResponse<String> signedIn = b.post(browser, origin(secondPort) + "/login", Map.of("username", "user",
				"password", USER_PASSWORD, "_csrf", DevAuthorizationServer.csrf(loginPage.body())));
		assertThat(DevAuthorizationServer.location(signedIn)).as("signed in, back to the saved request")
			.contains("/oauth2/authorize");
		HttpResponse<String> callback = a.get(browser,
				origin(firstPort) + pathOf(DevAuthorizationServer.location(signedIn)));
		String location = DevAuthorizationServer.location(callback);
		assertThat(location).as(callback.body()).startsWith(CALLBACK);
		return DevAuthorizationServer.query(location);
	}

	static Map<String, Object> exchange(int port, String clientId, String code, Pkce pkce) {
		HttpResponse<String> response = replica(port).token(Map.of("grant_type", "authorization_code", "client_id",
				clientId, "code", code, "redirect_uri", CALLBACK, "code_verifier", pkce.verifier()), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	static HttpResponse<String> refresh(int port, String clientId, String refreshToken) {
		return replica(port)
			.token(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken), null);
	}

	static HttpResponse<String> callMcp(int port, String accessToken) {
		return McpHttp
			.send(new McpHttp(port).post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + accessToken));
	}

	@Test
	void signInWhenRegisteredOnOneAndEveryStepAlternatesReplicasThenCodeAndTokensWorkOnBoth() {
		String clientId = register(firstPort);
		assertThat(replica(secondPort)
			.get(DevAuthorizationServer.newUserAgent(),
					origin(secondPort) + "/oauth2/authorize?response_type=code&client_id=" + clientId)
			.statusCode()).as("the second replica knows the client registered on the first").isNotEqualTo(400);
		Pkce pkce = Pkce.generate();
		Map<String, String> response = signInAcrossReplicas(clientId, pkce);
		assertThat(response).containsEntry("state", "state-1").containsEntry("iss", origin(firstPort));
		Map<String, Object> tokens = exchange(secondPort, clientId, response.get("code"), pkce);
		String accessToken = (String) tokens.get("access_token");
		assertThat(callMcp(firstPort, accessToken).statusCode()).isEqualTo(200);
		assertThat(callMcp(secondPort, accessToken).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenCodeExchangedOnOneThenRefreshedOnTheOther() {
		String clientId = register(secondPort);
		Pkce pkce = Pkce.generate();
		Map<String, Object> tokens = exchange(firstPort, clientId, signInAcrossReplicas(clientId, pkce).get("code"),
				pkce);
		HttpResponse<String> refreshed = refresh(secondPort, clientId, (String) tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		assertThat(callMcp(firstPort, (String) json(refreshed).get("access_token")).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenRotatedTokenReusedOnTheOtherReplicaThenFamilyRevokedOnBoth() {
		String clientId = register(firstPort);
		Pkce pkce = Pkce.generate();
		String original = (String) exchange(firstPort, clientId, signInAcrossReplicas(clientId, pkce).get("code"), pkce)
			.get("refresh_token");
		HttpResponse<String> rotated = refresh(firstPort, clientId, original);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		String current = (String) json(rotated).get("refresh_token");
		HttpResponse<String> reused = refresh(secondPort, clientId, original);
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(json(reused)).containsEntry("error", "invalid_grant");
		HttpResponse<String> familyGone = refresh(firstPort, clientId, current);
		assertThat(familyGone.statusCode()).isEqualTo(400);
		assertThat(json(familyGone)).containsEntry("error", "invalid_grant");
	}

	@Test
	void signInWhenDatabaseDownThen503WhileIssuedTokensStillWorkAndRecoversWithoutRestart() throws Exception {
		String clientId = register(firstPort);
		Pkce pkce = Pkce.generate();
		Map<String, Object> tokens = exchange(firstPort, clientId, signInAcrossReplicas(clientId, pkce).get("code"),
				pkce);
		String accessToken = (String) tokens.get("access_token");
		proxy.cut();
		try {
			HttpResponse<String> page = replica(firstPort).get(DevAuthorizationServer.newUserAgent(), replica(firstPort)
				.authorizationUrl(clientId, CALLBACK, "mcp:tools", Pkce.generate(), "s", origin(firstPort) + "/mcp"));
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.headers().firstValue("Retry-After")).contains("30");
			assertThat(page.body()).contains(DatabaseUnavailableFilter.TITLE).doesNotContain("Exception");
			HttpResponse<String> refused = refresh(secondPort, clientId, (String) tokens.get("refresh_token"));
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(json(refused)).containsEntry("error", "temporarily_unavailable");
			assertThat(callMcp(firstPort, accessToken).statusCode()).as("issued tokens need no database")
				.isEqualTo(200);
			assertThat(callMcp(secondPort, accessToken).statusCode()).isEqualTo(200);
		}
		finally {
			proxy.restore();
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		HttpResponse<String> refreshed = refresh(secondPort, clientId, (String) tokens.get("refresh_token"));
		while (refreshed.statusCode() == 503 && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
			refreshed = refresh(secondPort, clientId, (String) tokens.get("refresh_token"));
		}
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		// Each replica's pool reconnects on its own, within seconds.
		String probe = replica(firstPort).authorizationUrl(clientId, CALLBACK, "mcp:tools", Pkce.generate(), "s",
				origin(firstPort) + "/mcp");
		while (replica(firstPort).get(DevAuthorizationServer.newUserAgent(), probe).statusCode() == 503
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
		}
		Pkce again = Pkce.generate();
		assertThat(exchange(firstPort, clientId, signInAcrossReplicas(clientId, again).get("code"), again))
			.containsKey("access_token");
	}

}
