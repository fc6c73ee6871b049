package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line client against the local stack, with HtmlUnit as the user's browser:
 * first sign-in, token reuse, refresh, step-up, logout, and each failure a user can meet.
 */
class ClientCommandTests extends AbstractDevStackTests {

	@TempDir
	Path home;

	TestBrowser browser;

	CliRun cli;

	String url;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("user", USER_PASSWORD);
		this.cli = new CliRun(this.home, this.browser);
		this.url = resource();
	}

	Path cacheFile() {
		return this.home.resolve(".config/mcp-oauth-gateway/tokens.json");
	}

	JsonNode cachedEntry() throws IOException {
		JsonNode cache = JsonMapper.shared().readTree(cacheFile().toFile());
		return cache.properties().iterator().next().getValue();
	}

	@Nested
	class SignInAndTokens {

		@Test
		void listWhenFirstRunThenSignsInInBrowserAndPrintsTools() throws IOException {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("whoami")
				.contains("current_time")
				.contains("hash_text")
				.doesNotContain("server_status");
			assertThat(ClientCommandTests.this.browser.opened()).hasSize(1);
			URI authorization = ClientCommandTests.this.browser.opened().get(0);
			assertThat(authorization.toString()).startsWith(issuer() + "/oauth2/authorize?")
				.contains("client_id=mcp-cli", "code_challenge_method=S256", "state=", "scope=mcp:tools",
						"resource=" + resource());
			assertThat(result.err()).contains("Signed in; tokens stored in " + cacheFile());
			assertThat(Files.getPosixFilePermissions(cacheFile()))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(Files.getPosixFilePermissions(cacheFile().getParent()))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		}

		@Test
		void listWhenRunAgainThenCachedTokenReusedWithoutBrowser() {
			ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");
			CliRun.Result second = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "whoami");
			assertThat(second.exitCode()).as(second.toString()).isZero();
			assertThat(second.out()).contains("\"username\" : \"user\"");
			assertThat(ClientCommandTests.this.browser.opened()).hasSize(1);
		}

		@Test
		void whoamiWhenAccessTokenExpiredThenRefreshedWithoutBrowser() throws IOException {
			ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");
			String firstToken = cachedEntry().path("accessToken").asString();
			String firstRefresh = cachedEntry().path("refreshToken").asString();
			ClientCommandTests.this.cli.advanceClock(Duration.ofHours(2));

			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "whoami");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(ClientCommandTests.this.browser.opened()).hasSize(1);
			assertThat(cachedEntry().path("accessToken").asString()).isNotEqualTo(firstToken);
			assertThat(cachedEntry().path("refreshToken").asString()).isNotEqualTo(firstRefresh);
		}

		@Test
		void whoamiWhenRefreshTokenRefusedThenSaysSoAndSignsInAgain() throws IOException {
			ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");
			ObjectNode entry = (ObjectNode) cachedEntry();
			entry.put("refreshToken", "revoked-refresh-token");
			ObjectNode cache = (ObjectNode) JsonMapper.shared().readTree(cacheFile().toFile());
			cache.set(cache.propertyNames().iterator().next(), entry);
			Files.writeString(cacheFile(), cache.toString());
			ClientCommandTests.this.cli.advanceClock(Duration.ofHours(2));

			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "whoami");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.err()).contains("The stored sign-in has expired (refresh token refused");
			assertThat(ClientCommandTests.this.browser.opened()).hasSize(2);
		}

		@Test
		void logoutThenTokensRemovedAndNextRunSignsInAgain() {
			ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");
			CliRun.Result logout = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "logout");
			assertThat(logout.exitCode()).isZero();
			assertThat(logout.err()).contains("Signed out");
			ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");
			assertThat(ClientCommandTests.this.browser.opened()).hasSize(2);
		}

		@Test
		void callWhenStepUpAcceptedThenSignsInWithServerScopesAndCallSucceeds() {
			ClientCommandTests.this.browser.signInAs("admin", ADMIN_PASSWORD);
			CliRun.Result result = ClientCommandTests.this.cli.typing("y\n", "client", ClientCommandTests.this.url,
					"call", "server_status", "{}");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.err())
				.contains("The server needs more permission for this: scopes \"mcp:tools mcp:admin\"")
				.contains("Sign in again with these scopes? [Y/n]");
			assertThat(result.out()).contains("uptime");
			assertThat(ClientCommandTests.this.browser.opened()).hasSize(2);
			assertThat(ClientCommandTests.this.browser.opened().get(1).toString())
				.contains("scope=mcp:tools%20mcp:admin");
		}

		@Test
		void callWhenStepUpDeclinedThenFailsNamingTheScopes() {
			ClientCommandTests.this.browser.signInAs("admin", ADMIN_PASSWORD);
			CliRun.Result result = ClientCommandTests.this.cli.typing("n\n", "client", ClientCommandTests.this.url,
					"call", "server_status", "{}");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("needs the scopes \"mcp:tools mcp:admin\"");
		}

		@Test
		void listWhenJsonThenMachineReadable() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "--json",
					"list");
			JsonNode tools = JsonMapper.shared().readTree(result.out());
			assertThat(tools.isArray()).isTrue();
			assertThat(tools.findValuesAsString("name")).contains("whoami", "hash_text");
		}

		@Test
		void callWhenToolReportsErrorThenNonZeroExit() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "call",
					"current_time", "{\"timezone\":\"Mars/Olympus\"}");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.out()).contains("Unknown time zone");
		}

		@Test
		void callWhenArgumentsAreNotJsonThenClearError() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "call",
					"hash_text", "text=hi");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("The tool arguments must be a JSON object");
		}

		@Test
		void interactiveWhenCommandsTypedThenAnswersAtThePrompt() {
			CliRun.Result result = ClientCommandTests.this.cli
				.typing("help\nlist\ncall hash_text {\"text\":\"abc\"}\nquit\n", "client", ClientCommandTests.this.url);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("mcp> ")
				.contains("call <tool> [<json>]")
				.contains("whoami")
				.contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		}

		@Test
		void signInWhenNoBrowserThenUrlPrintedAloneOnItsLine() throws InterruptedException {
			CliRun headless = new CliRun(ClientCommandTests.this.home, (uri) -> {
				throw new AssertionError("--no-browser must not open a browser");
			});
			CliRun.Running running = headless.start("", "client", ClientCommandTests.this.url, "--no-browser", "list");
			String printed = null;
			for (int i = 0; i < 200 && printed == null; i++) {
				printed = running.errSoFar()
					.lines()
					.filter((line) -> line.startsWith(issuer() + "/oauth2/authorize?"))
					.findFirst()
					.orElse(null);
				Thread.sleep(50);
			}
			assertThat(printed).as(running.errSoFar()).isNotNull();
			new TestBrowser("user", USER_PASSWORD).signIn(printed);
			CliRun.Result result = running.await();
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.err())
				.contains("No browser could be opened. Open this URL to sign in:\n" + printed + "\n");
		}

	}

	@Nested
	class Failures {

		@Test
		void listWhenServerUnreachableThenSaysSo() throws IOException {
			int closed;
			try (ServerSocket socket = new ServerSocket(0)) {
				closed = socket.getLocalPort();
			}
			CliRun.Result result = ClientCommandTests.this.cli.run("client", "http://127.0.0.1:" + closed + "/mcp",
					"list");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains(
					"Cannot connect to http://127.0.0.1:" + closed + ": is the server running and the URL right?");
		}

		@Test
		void listWhenServerPublishesNoMetadataThenSaysSo() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				if (exchange.getRequestURI().getPath().equals("/mcp")) {
					exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
					exchange.sendResponseHeaders(401, -1);
				}
				else {
					exchange.sendResponseHeaders(404, -1);
				}
				exchange.close();
			});
			server.start();
			try {
				CliRun.Result result = ClientCommandTests.this.cli.run("client",
						"http://127.0.0.1:" + server.getAddress().getPort() + "/mcp", "list");
				assertThat(result.exitCode()).isEqualTo(1);
				assertThat(result.err()).contains("No protected resource metadata found")
					.contains("/.well-known/oauth-protected-resource/mcp");
			}
			finally {
				server.stop(0);
			}
		}

		@Test
		void listWhenUrlIsNotTheResourceThenSaysWhichUrlToUse() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", "http://127.0.0.1:" + port() + "/mcp",
					"list");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("names the resource \"" + resource() + "\"");
		}

		@Test
		void listWhenRedirectUriNotRegisteredThenTimesOutExplainingTheCallbackUrl() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "--client-id",
					"inspector", "--timeout", "2s", "list");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("redirect_mismatch")
				.contains("register http://127.0.0.1:")
				.contains("--redirect-uri");
		}

		@Test
		void listWhenAccessDeniedThenSaysSo() {
			CliRun denied = new CliRun(ClientCommandTests.this.home, (uri) -> {
				Map<String, String> request = DevAuthorizationServer.query(uri.toString());
				// As the server answers a denial: with state and its RFC 9207 iss.
				new TestBrowser("", "").signIn(request.get("redirect_uri") + "?error=access_denied&error_description="
						+ "User%20is%20not%20allowed&state=" + request.get("state") + "&iss="
						+ java.net.URLEncoder.encode(issuer(), java.nio.charset.StandardCharsets.UTF_8));
				return true;
			});
			CliRun.Result result = denied.run("client", ClientCommandTests.this.url, "list");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("Access denied by the authorization server: User is not allowed");
		}

		@Test
		void listWhenForgedCallbackArrivesBeforeTheRealOneThenIgnoredAndSignsIn() {
			TestBrowser attacker = new TestBrowser("", "");
			CliRun forged = new CliRun(ClientCommandTests.this.home, (uri) -> {
				Map<String, String> request = DevAuthorizationServer.query(uri.toString());
				attacker.signIn(request.get("redirect_uri") + "?code=stolen&state=forged");
				return ClientCommandTests.this.browser.open(uri);
			});
			CliRun.Result result = forged.run("client", ClientCommandTests.this.url, "list");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("whoami");
			assertThat(attacker.lastPageText()).contains("ignored");
		}

		@Test
		void listWhenOnlyForgedCallbacksArriveThenTimesOut() {
			CliRun forged = new CliRun(ClientCommandTests.this.home, (uri) -> {
				Map<String, String> request = DevAuthorizationServer.query(uri.toString());
				new TestBrowser("", "").signIn(request.get("redirect_uri") + "?code=stolen&state=forged");
				return true;
			});
			CliRun.Result result = forged.run("client", ClientCommandTests.this.url, "--timeout", "2s", "list");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("No login response reached")
				.contains("(1 response without this login's state, from another login or forged, ignored.)");
		}

		@Test
		void listWhenClientSecretWrongThenSaysToCheckIt() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "--client-id",
					"mcp-confidential", "--client-secret", "wrong-secret", "list");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("rejected the client credentials (invalid_client)")
				.contains("--client-secret")
				.doesNotContain("wrong-secret");
		}

		@Test
		void listWhenConfidentialClientWithSecretFromEnvironmentThenWorks() {
			ClientCommandTests.this.cli.environment(Map.of("MCP_CLIENT_ID", "mcp-confidential", "MCP_CLIENT_SECRET",
					CLIENT_SECRET, "MCP_CLIENT_AUTH", "post"));
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "list");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(ClientCommandTests.this.browser.opened().get(0).toString())
				.contains("client_id=mcp-confidential");
		}

		@Test
		void clientWhenUnknownOptionThenUsageAndExit2() {
			CliRun.Result result = ClientCommandTests.this.cli.run("client", ClientCommandTests.this.url, "--bogus");
			assertThat(result.exitCode()).isEqualTo(2);
			assertThat(result.err()).contains("Unknown option: '--bogus'").contains("Usage:");
		}

	}

}
