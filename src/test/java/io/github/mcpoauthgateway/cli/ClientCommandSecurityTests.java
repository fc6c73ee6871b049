package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command-line client's defences, against a loopback stub of an MCP server and its
 * authorization servers that each test makes misbehave in one way.
 */
class ClientCommandSecurityTests {

	static final String CONTROLS = "\u001b[2J\u001b]0;title\u0007\r";

	@TempDir
	Path home;

	StubMcpStack stack;

	StubMcpStack.UserAgent browser;

	CliRun cli;

	@BeforeEach
	void setUp() {
		this.stack = new StubMcpStack();
		this.browser = new StubMcpStack.UserAgent();
		this.cli = new CliRun(this.home, this.browser);
	}

	@AfterEach
	void stop() {
		this.stack.close();
	}

	static String json(String text) {
		return JsonMapper.shared().writeValueAsString(text);
	}

	@Nested
	class EndpointSchemes {

		@Test
		void listWhenMcpUrlIsPlainHttpToAnotherHostThenRefusedBeforeAnyRequest() {
			CliRun.Result result = new CliRun(ClientCommandSecurityTests.this.home, (url) -> {
				throw new AssertionError("opened " + url);
			}).run("client", "http://mcp.example.test/mcp", "list");

			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("The MCP URL http://mcp.example.test/mcp does not use https")
				.doesNotContain("Cannot reach");
		}

		@Test
		void listWhenAuthorizationEndpointIsPlainHttpToAnotherHostThenRefusedBeforeBrowserOpens() {
			ClientCommandSecurityTests.this.stack.metadata = (metadata) -> metadata.put("authorization_endpoint",
					"http://login.example.test/authorize");

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "list");

			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err())
				.contains("The authorization endpoint http://login.example.test/authorize does not use https");
			assertThat(ClientCommandSecurityTests.this.browser.opened).isEmpty();
		}

		@Test
		void listWhenTokenEndpointIsPlainHttpToAnotherHostThenRefusedBeforeBrowserOpensOrSecretSent() {
			ClientCommandSecurityTests.this.stack.metadata = (metadata) -> metadata.put("token_endpoint",
					"http://login.example.test/token");

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "--client-id", "confidential", "--client-secret",
					"s3cret-value", "list");

			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("The token endpoint http://login.example.test/token does not use https");
			assertThat(ClientCommandSecurityTests.this.browser.opened).isEmpty();
			String basic = Base64.getEncoder()
				.encodeToString("confidential:s3cret-value".getBytes(StandardCharsets.UTF_8));
			assertThat(ClientCommandSecurityTests.this.stack.requests.toString()).doesNotContain("s3cret-value", basic);
		}

		@Test
		void listWhenAuthorizationServerIsPlainHttpToAnotherHostThenRefusedBeforeFetchingItsMetadata() {
			ClientCommandSecurityTests.this.stack.resourceMetadata = (
					metadata) -> metadata.putArray("authorization_servers").add("http://login.example.test");

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "list");

			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("The authorization server http://login.example.test does not use https");
			assertThat(ClientCommandSecurityTests.this.browser.opened).isEmpty();
		}

		@Test
		void listWhenTokenEndpointRedirectsThenRequestNotSentToTheRedirectTarget() throws IOException {
			List<String> received = new CopyOnWriteArrayList<>();
			HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			elsewhere.createContext("/", (exchange) -> {
				received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(500, -1);
				exchange.close();
			});
			elsewhere.start();
			try {
				String target = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/token";
				ClientCommandSecurityTests.this.stack.token = (form) -> new StubMcpStack.Answer(307,
						Map.of("Location", target), "");

				CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
						ClientCommandSecurityTests.this.stack.resource(), "--client-id", "confidential",
						"--client-secret", "s3cret-value", "list");

				assertThat(result.exitCode()).isEqualTo(1);
				assertThat(result.err()).contains("answered with a redirect (HTTP 307)");
				assertThat(received).isEmpty();
			}
			finally {
				elsewhere.stop(0);
			}
		}

	}

	@Nested
	class LoginResponses {

		@Test
		void listWhenCallbackArrivesOnAnotherPathThenNotFoundAndLoginContinues() {
			List<Integer> statuses = new CopyOnWriteArrayList<>();
			CliRun cli = new CliRun(ClientCommandSecurityTests.this.home, (url) -> {
				URI callback = StubMcpStack.UserAgent.callback(url);
				URI elsewhere = URI.create(callback.toString().replace("/callback?", "/callback/elsewhere?"));
				statuses.add(StubMcpStack.UserAgent.get(elsewhere).statusCode());
				statuses.add(StubMcpStack.UserAgent.get(callback).statusCode());
				return true;
			});

			CliRun.Result result = cli.run("client", ClientCommandSecurityTests.this.stack.resource(), "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(statuses).containsExactly(404, 200);
		}

		@Test
		void listWhenRedirectUriIsLocalhostAndBrowserUsesIpv6ThenReceived() throws IOException {
			assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback on this machine");
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
				port = socket.getLocalPort();
			}
			List<Integer> statuses = new CopyOnWriteArrayList<>();
			CliRun cli = new CliRun(ClientCommandSecurityTests.this.home, (url) -> {
				URI callback = StubMcpStack.UserAgent.callback(url);
				// Browsers may resolve localhost to ::1 first.
				statuses
					.add(StubMcpStack.UserAgent.get(URI.create(callback.toString().replace("//localhost:", "//[::1]:")))
						.statusCode());
				return true;
			});

			CliRun.Result result = cli.run("client", ClientCommandSecurityTests.this.stack.resource(), "--redirect-uri",
					"http://localhost:" + port + "/callback", "--timeout", "5s", "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(statuses).containsExactly(200);
		}

		private static boolean ipv6LoopbackAvailable() {
			try (ServerSocket socket = new ServerSocket(0, 1, Inet6Address.getByName("::1"))) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	@Nested
	class TokenCacheEntries {

		@Test
		void listWhenTokenCacheInExistingDirectoryThenDirectoryPermissionsUnchanged() throws IOException {
			Path existing = Files.createDirectory(ClientCommandSecurityTests.this.home.resolve("shared"));
			Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "--token-cache",
					existing.resolve("tokens.json").toString(), "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(Files.getPosixFilePermissions(existing)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
			assertThat(Files.getPosixFilePermissions(existing.resolve("tokens.json")))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}

		@Test
		void listWhenAuthorizationServerChangedThenTokenOfPreviousIssuerNotSent() {
			StubMcpStack stack = ClientCommandSecurityTests.this.stack;
			ClientCommandSecurityTests.this.cli.run("client", stack.resource(), "list");
			stack.authorizationServer = "b";
			stack.requests.clear();

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client", stack.resource(), "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(ClientCommandSecurityTests.this.browser.opened).hasSize(2);
			assertThat(ClientCommandSecurityTests.this.browser.opened.get(1).toString())
				.startsWith(stack.issuer("b") + "/authorize?");
			assertThat(stack.tokensSentToMcp()).isNotEmpty().allMatch((token) -> token.startsWith("at-b-"));
		}

		@Test
		void listWhenAuthorizationServerChangedAndTokenExpiredThenNoRefreshAtPreviousIssuer() {
			StubMcpStack stack = ClientCommandSecurityTests.this.stack;
			ClientCommandSecurityTests.this.cli.run("client", stack.resource(), "list");
			stack.authorizationServer = "b";
			stack.requests.clear();
			ClientCommandSecurityTests.this.cli.advanceClock(Duration.ofHours(2));

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client", stack.resource(), "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(stack.requestsTo("/a/token")).isEmpty();
			assertThat(ClientCommandSecurityTests.this.browser.opened).hasSize(2);
		}

	}

	@Nested
	class TerminalOutput {

		@Test
		void callWhenToolResultHasControlCharactersThenPrintedWithoutThem() {
			ClientCommandSecurityTests.this.stack.toolResult = "{\"content\":[{\"type\":\"text\",\"text\":"
					+ json("before" + CONTROLS + "after") + "}],\"isError\":false}";

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "call", "echo");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("beforeafter").doesNotContain("\u001b", "\u0007", "\r", "title");
		}

		@Test
		void listWhenToolNameAndDescriptionHaveControlCharactersThenPrintedWithoutThem() {
			ClientCommandSecurityTests.this.stack.tools = "[{\"name\":" + json("echo" + CONTROLS) + ",\"description\":"
					+ json("Echoes" + CONTROLS + "\u009b31m") + ",\"inputSchema\":{\"type\":\"object\"}}]";

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "list");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("echo  Echoes").doesNotContain("\u001b", "\u0007", "\r", "\u009b");
		}

		@Test
		void listWhenTokenErrorDescriptionHasControlCharactersThenPrintedWithoutThem() {
			ClientCommandSecurityTests.this.stack.token = (form) -> StubMcpStack.Answer.json(400,
					"{\"error\":\"invalid_request\",\"error_description\":" + json("bad" + CONTROLS + "request") + "}");

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "list");

			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("The token request failed (invalid_request: badrequest)")
				.doesNotContain("\u001b", "\u0007", "\r");
		}

		@Test
		void callWhenJsonAndToolResultHasControlCharactersThenValidJsonWithThemEscaped() {
			String text = "before" + CONTROLS + "\u009b2J\u007fafter";
			ClientCommandSecurityTests.this.stack.toolResult = "{\"content\":[{\"type\":\"text\",\"text\":" + json(text)
					+ "}],\"isError\":false}";

			CliRun.Result result = ClientCommandSecurityTests.this.cli.run("client",
					ClientCommandSecurityTests.this.stack.resource(), "--json", "call", "echo");

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out().strip()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]");
			JsonNode printed = JsonMapper.shared().readTree(result.out());
			assertThat(printed.path("content").path(0).path("text").asString()).isEqualTo(text);
		}

	}

}
