package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against an authorization server that behaves like Cognito: an issuer with a
 * path, OpenID discovery only, no {@code code_challenge_methods_supported}, and access
 * tokens without {@code aud} that the MCP server accepts by {@code client_id}.
 */
class CognitoShapedServerTests extends AbstractMcpServerTests {

	static final String POOL = "us-east-1_TestPool1";

	static final CognitoLikeServer COGNITO = new CognitoLikeServer();

	@TempDir
	Path home;

	final McpHttpUserAgent browser = new McpHttpUserAgent();

	String url;

	@DynamicPropertySource
	static void cognito(DynamicPropertyRegistry registry) {
		registry.add("oauth.issuer-uri", COGNITO::issuer);
		registry.add("mcp.resource-url", () -> "http://127.0.0.1:" + COGNITO.mcpPort + "/mcp");
		registry.add("server.port", () -> COGNITO.mcpPort);
	}

	@AfterAll
	static void stop() {
		COGNITO.server.stop(0);
	}

	@BeforeEach
	void setUp() {
		this.url = "http://127.0.0.1:" + this.port + "/mcp";
	}

	@Test
	void listWhenMetadataLacksPkceMethodsThenRefusesAndNamesTheFlag() {
		CliRun.Result result = new CliRun(this.home, this.browser).run("client", this.url, "--client-id",
				TestAccessTokens.CLIENT_ID, "list");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("does not advertise code_challenge_methods_supported")
			.contains("--assume-pkce");
		assertThat(this.browser.opened).isZero();
	}

	@Test
	void listWhenPkceAssumedThenSignsInThroughOpenIdDiscoveryAndUsesAudiencelessToken() {
		CliRun.Result result = new CliRun(this.home, this.browser).run("client", this.url, "--client-id",
				TestAccessTokens.CLIENT_ID, "--assume-pkce", "list");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("does not advertise PKCE support; using S256 anyway because --assume-pkce");
		assertThat(result.out()).contains("whoami");
		assertThat(COGNITO.verifiedPkce).isTrue();
		assertThat(COGNITO.resources).containsExactly(this.url, this.url);
	}

	/**
	 * A browser for this stub: it follows redirects, and the stub signs the user in at
	 * once.
	 */
	static final class McpHttpUserAgent implements io.github.mcpoauthgateway.cli.oauth.Browser {

		private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
			.followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
			.build();

		int opened;

		@Override
		public boolean open(URI url) {
			this.opened++;
			try {
				this.http.send(java.net.http.HttpRequest.newBuilder(url).build(),
						java.net.http.HttpResponse.BodyHandlers.discarding());
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			return true;
		}

	}

	/**
	 * OpenID discovery at {@code <issuer>/.well-known/openid-configuration} only, an
	 * authorization endpoint that approves at once, and a token endpoint that checks PKCE
	 * and issues Cognito-style access tokens (no {@code aud}).
	 */
	static final class CognitoLikeServer {

		final HttpServer server;

		final int mcpPort = org.springframework.test.util.TestSocketUtils.findAvailableTcpPort();

		final Map<String, String> challenges = new ConcurrentHashMap<>();

		final java.util.List<String> resources = new java.util.concurrent.CopyOnWriteArrayList<>();

		volatile boolean verifiedPkce;

		CognitoLikeServer() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			this.server.createContext("/" + POOL + "/.well-known/openid-configuration", this::discovery);
			this.server.createContext("/oauth2/authorize", this::authorize);
			this.server.createContext("/oauth2/token", this::token);
			this.server.createContext("/", (exchange) -> {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
			});
			this.server.start();
		}

		String base() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		String issuer() {
			return base() + "/" + POOL;
		}

		private void discovery(HttpExchange exchange) throws IOException {
			respond(exchange, 200,
					"{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + base()
							+ "/oauth2/authorize\",\"token_endpoint\":\"" + base() + "/oauth2/token\",\"jwks_uri\":\""
							+ issuer() + "/.well-known/jwks.json\",\"response_types_supported\":[\"code\",\"token\"],"
							+ "\"scopes_supported\":[\"openid\",\"email\"],\"subject_types_supported\":[\"public\"],"
							+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
		}

		private void authorize(HttpExchange exchange) throws IOException {
			Map<String, String> request = DevAuthorizationServer.query(exchange.getRequestURI().toString());
			String code = "code-" + System.nanoTime();
			this.challenges.put(code, request.get("code_challenge"));
			this.resources.add(request.get("resource"));
			exchange.getResponseHeaders()
				.set("Location", request.get("redirect_uri") + "?code=" + code + "&state=" + request.get("state"));
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		}

		private void token(HttpExchange exchange) throws IOException {
			Map<String, String> form = Arrays
				.stream(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&"))
				.map((pair) -> pair.split("=", 2))
				.collect(Collectors.toMap((pair) -> pair[0],
						(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
			String challenge = this.challenges.remove(form.get("code"));
			if (challenge == null || !challenge.equals(s256(form.get("code_verifier")))) {
				respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
				return;
			}
			this.verifiedPkce = true;
			this.resources.add(form.get("resource"));
			String accessToken = TestAccessTokens.cognito()
				.claim("iss", issuer())
				.claim("client_id", form.get("client_id"))
				.expiresAt(Instant.now().plusSeconds(3600))
				.sign();
			respond(exchange, 200, "{\"access_token\":\"" + accessToken
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"r-1\"}");
		}

		private static String s256(String verifier) {
			try {
				return Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(
							MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void respond(HttpExchange exchange, int status, String json) throws IOException {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

	}

}
