package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.mcpoauthgateway.cli.oauth.AccessTokenProvider;
import io.github.mcpoauthgateway.cli.oauth.ClientException;
import io.github.mcpoauthgateway.cli.oauth.ClientRegistration;
import io.github.mcpoauthgateway.cli.oauth.LoginOptions;
import io.github.mcpoauthgateway.cli.oauth.SecureUrls;
import io.github.mcpoauthgateway.cli.oauth.TerminalText;
import io.github.mcpoauthgateway.cli.oauth.TokenCache;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code client <mcp-url> [options] [list | call <tool> <json> | whoami | logout]}: an
 * MCP client that signs in with OAuth as a pre-registered client (no dynamic
 * registration), caches and refreshes its tokens, and steps up to more scopes when the
 * server asks.
 */
@Command(name = "client", mixinStandardHelpOptions = true, version = "mcp-oauth-gateway client", sortOptions = false,
		description = { "Connect to an OAuth-protected MCP server as a pre-registered client.",
				"Without an action: an interactive prompt (list, call <tool> <json>, whoami, help, quit)." },
		footer = { "", "Settings can also come from the environment or a .env file in the working directory:",
				"  MCP_CLIENT_ID, MCP_CLIENT_SECRET, MCP_CLIENT_AUTH, MCP_REDIRECT_PORT, MCP_REDIRECT_URI,",
				"  MCP_SCOPES, MCP_TOKEN_CACHE. Options win over the environment, which wins over .env." })
final class ClientCommand implements Callable<Integer> {

	static final String DEFAULT_CLIENT_ID = "mcp-cli";

	private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
	};

	private final CliEnvironment environment;

	// picocli sets url (a required parameter) and timeout (it has a default value) before
	// call(), so neither is null there, which NullAway cannot see.
	@Parameters(index = "0", paramLabel = "<mcp-url>",
			description = "The MCP endpoint, e.g. https://mcp.example.com/mcp")
	@SuppressWarnings("NullAway.Init")
	private URI url;

	@Parameters(index = "1..*", paramLabel = "<action>",
			description = "list | call <tool> <json> | whoami | logout (none: interactive prompt)")
	private List<String> action = new ArrayList<>();

	@Option(names = "--client-id", paramLabel = "ID",
			description = "Client id registered at the authorization server (default: " + DEFAULT_CLIENT_ID + ")")
	private @Nullable String clientId;

	@Option(names = "--client-secret", paramLabel = "SECRET", description = "Secret of a confidential client")
	private @Nullable String clientSecret;

	@Option(names = "--client-auth", paramLabel = "basic|post",
			description = "How a confidential client authenticates (default: basic)")
	private ClientRegistration.@Nullable AuthMethod clientAuth;

	@Option(names = "--redirect-port", paramLabel = "N",
			description = "Port of the loopback redirect http://127.0.0.1:N/callback (default: any free port)")
	private @Nullable Integer redirectPort;

	@Option(names = "--redirect-uri", paramLabel = "URI",
			description = "Exact loopback redirect URI registered for the client, e.g. http://localhost:8765/callback")
	private @Nullable URI redirectUri;

	@Option(names = "--scope", paramLabel = "SCOPE",
			description = "Scope to request; repeatable (default: what the server's challenge asks for)")
	private List<String> scopes = new ArrayList<>();

	@Option(names = "--json", description = "Print results as JSON")
	private boolean json;

	@Option(names = "--no-browser", description = "Print the sign-in URL instead of opening a browser")
	private boolean noBrowser;

	@Option(names = "--assume-pkce",
			description = "Use PKCE S256 even if the authorization server does not advertise it")
	private boolean assumePkce;

	@Option(names = "--yes", description = "Accept signing in again when the server asks for more scopes")
	private boolean yes;

	@Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
			description = "How long to wait for the sign-in in the browser (default: ${DEFAULT-VALUE})")
	@SuppressWarnings("NullAway.Init")
	private String timeout;

	@Option(names = "--token-cache", paramLabel = "FILE",
			description = "Token cache file (default: ~/.config/mcp-oauth-gateway/tokens.json)")
	private @Nullable Path tokenCache;

	ClientCommand(CliEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public Integer call() {
		URI mcpUrl = normalized(this.url);
		TokenCache cache = new TokenCache(tokenCacheFile(), this.environment.err());
		LoginOptions options = loginOptions();
		if (!this.action.isEmpty() && "logout".equals(this.action.get(0))) {
			boolean removed = cache.remove(mcpUrl.toString(), options.client().clientId());
			this.environment.err()
				.println(removed ? "Signed out: removed the stored tokens of " + options.client().clientId() + " for "
						+ mcpUrl + "." : "No stored tokens for " + options.client().clientId() + " at " + mcpUrl + ".");
			return 0;
		}
		// Redirects are never followed: token requests carry codes and secrets, which go
		// only to the endpoint the authorization server's metadata names.
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		AccessTokenProvider tokens = new AccessTokenProvider(mcpUrl, options, cache,
				this.noBrowser ? (uri) -> false : this.environment.browser(), this.environment.err(),
				this.environment.clock(), http);
		ToolOutput output = new ToolOutput(this.environment.out(), this.json);
		try (McpConnection connection = new McpConnection(mcpUrl, tokens, this::consentToStepUp)) {
			if (this.action.isEmpty()) {
				return new InteractiveShell(connection, output, this.environment).run();
			}
			return perform(connection, output, this.action);
		}
	}

	static int perform(McpConnection connection, ToolOutput output, List<String> words) {
		String verb = words.get(0);
		switch (verb) {
			case "list" -> {
				output.tools(connection.call((client) -> client.listTools().tools()));
				return 0;
			}
			case "whoami" -> {
				return output.result(
						connection.call((client) -> client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()))))
								? 0 : 1;
			}
			case "call" -> {
				if (words.size() < 2 || words.size() > 3) {
					throw new ClientException(
							"Usage: call <tool> [<json arguments>], e.g. call hash_text '{\"text\":\"hi\"}'");
				}
				Map<String, Object> arguments = (words.size() == 3) ? arguments(words.get(2)) : Map.of();
				return output.result(connection
					.call((client) -> client.callTool(new McpSchema.CallToolRequest(words.get(1), arguments)))) ? 0 : 1;
			}
			default -> throw new ClientException(
					"Unknown action \"" + verb + "\": use list, call <tool> <json>, whoami or logout");
		}
	}

	static Map<String, Object> arguments(String json) {
		try {
			Map<String, Object> arguments = JsonMapper.shared().readValue(json, ARGUMENTS);
			return (arguments != null) ? arguments : Map.of();
		}
		catch (JacksonException ex) {
			throw new ClientException("The tool arguments must be a JSON object, e.g. '{\"text\":\"hi\"}'");
		}
	}

	private boolean consentToStepUp(String scope) {
		this.environment.err()
			.println("The server needs more permission for this: scopes \"" + TerminalText.safe(scope) + "\".");
		if (this.yes) {
			return true;
		}
		this.environment.err().print("Sign in again with these scopes? [Y/n] ");
		this.environment.err().flush();
		try {
			String answer = this.environment.in().readLine();
			return answer != null && (answer.isBlank() || answer.strip().toLowerCase(Locale.ROOT).startsWith("y"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private LoginOptions loginOptions() {
		String id = first(this.clientId, this.environment.variable("MCP_CLIENT_ID"), DEFAULT_CLIENT_ID);
		@Nullable String secret = (this.clientSecret != null) ? this.clientSecret
				: this.environment.variable("MCP_CLIENT_SECRET");
		ClientRegistration.AuthMethod method = this.clientAuth;
		if (method == null && this.environment.variable("MCP_CLIENT_AUTH") != null) {
			method = ClientRegistration.AuthMethod
				.valueOf(this.environment.variable("MCP_CLIENT_AUTH").toUpperCase(Locale.ROOT));
		}
		List<String> requested = new ArrayList<>(this.scopes);
		String scopeVariable = this.environment.variable("MCP_SCOPES");
		if (requested.isEmpty() && scopeVariable != null) {
			requested.addAll(List.of(scopeVariable.split("[\\s,]+")));
		}
		URI redirect = (this.redirectUri != null) ? this.redirectUri
				: optionalUri(this.environment.variable("MCP_REDIRECT_URI"));
		String host = "127.0.0.1";
		String path = "/callback";
		int port = (this.redirectPort != null) ? this.redirectPort
				: Integer.parseInt(first(null, this.environment.variable("MCP_REDIRECT_PORT"), "0"));
		if (redirect != null) {
			if (!"http".equals(redirect.getScheme()) || redirect.getHost() == null
					|| !List.of("127.0.0.1", "localhost", "[::1]").contains(redirect.getHost())) {
				throw new ClientException("--redirect-uri must be a loopback http URI such as "
						+ "http://localhost:8765/callback: this client receives the login on this machine");
			}
			host = redirect.getHost();
			port = (redirect.getPort() != -1) ? redirect.getPort() : 80;
			path = (redirect.getRawPath() == null || redirect.getRawPath().isEmpty()) ? "/" : redirect.getRawPath();
		}
		return new LoginOptions(
				new ClientRegistration(id, secret, (method != null) ? method : ClientRegistration.AuthMethod.BASIC),
				requested, host, port, path, DurationStyle.detectAndParse(this.timeout), this.assumePkce);
	}

	private Path tokenCacheFile() {
		if (this.tokenCache != null) {
			return this.tokenCache;
		}
		String configured = this.environment.variable("MCP_TOKEN_CACHE");
		if (configured != null) {
			return Path.of(configured);
		}
		return this.environment.home().resolve(".config").resolve("mcp-oauth-gateway").resolve("tokens.json");
	}

	private static URI normalized(URI url) {
		if (!url.isAbsolute() || url.getHost() == null
				|| !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
			throw new ClientException("The MCP URL must be an absolute http(s) URL, e.g. https://mcp.example.com/mcp");
		}
		return SecureUrls.require(url, "The MCP URL");
	}

	private static @Nullable URI optionalUri(@Nullable String value) {
		return (value != null) ? URI.create(value) : null;
	}

	private static String first(@Nullable String option, @Nullable String variable, String fallback) {
		return (option != null) ? option : (variable != null) ? variable : fallback;
	}

}
