package io.github.mcpoauthgateway.cli.oauth;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Access tokens for one MCP server: from the cache while fresh, refreshed when expired,
 * and otherwise obtained by signing in with authorization code + PKCE in the browser.
 * Each run discovers the server's authorization server first, and uses only the tokens
 * that one issued.
 */
public final class AccessTokenProvider {

	private final URI mcpUrl;

	private final LoginOptions options;

	private final TokenCache cache;

	private final Browser browser;

	private final PrintStream notices;

	private final Clock clock;

	private final Discovery discovery;

	private final TokenEndpoint tokenEndpoint;

	private final SecureRandom random = new SecureRandom();

	private Discovery.@Nullable Result discovered;

	public AccessTokenProvider(URI mcpUrl, LoginOptions options, TokenCache cache, Browser browser, PrintStream notices,
			Clock clock, HttpClient http) {
		this.mcpUrl = mcpUrl;
		this.options = options;
		this.cache = cache;
		this.browser = browser;
		this.notices = notices;
		this.clock = clock;
		HttpJson json = new HttpJson(http);
		this.discovery = new Discovery(json);
		this.tokenEndpoint = new TokenEndpoint(json);
	}

	/**
	 * A usable access token: cached, refreshed or newly obtained.
	 * @return the access token
	 */
	public String accessToken() {
		// Discovery first, so that only tokens from the authorization server the MCP
		// server names now are used: not those of one it named before.
		Discovery.Result found = discovered();
		StoredTokens stored = this.cache.get(this.mcpUrl.toString(), this.options.client().clientId(),
				found.authorizationServer().issuer());
		if (stored != null && stored.isFresh(this.clock.instant())) {
			return stored.accessToken();
		}
		if (stored != null && stored.refreshToken() != null) {
			try {
				StoredTokens refreshed = this.tokenEndpoint.refresh(stored, this.options.client(),
						this.clock.instant());
				this.cache.put(refreshed);
				return refreshed.accessToken();
			}
			catch (TokenEndpoint.RefreshRejectedException ex) {
				this.notices.println("The stored sign-in has expired (refresh token refused: "
						+ TerminalText.safe(ex.getMessage()) + "); signing in again.");
			}
		}
		return signIn(found, Set.of()).accessToken();
	}

	/**
	 * Signs in again asking for more scopes, after the server answered 403
	 * {@code insufficient_scope}.
	 * @param challengeScope the scopes the server's challenge names
	 * @return the new access token
	 */
	public String stepUp(String challengeScope) {
		return signIn(discovered(), Set.of(challengeScope.split("\\s+"))).accessToken();
	}

	/**
	 * Forgets the cached tokens, for example after the server refused them.
	 * @return whether there were any
	 */
	public boolean forget() {
		// The server may have moved to another authorization server: discover it again.
		this.discovered = null;
		return this.cache.remove(this.mcpUrl.toString(), this.options.client().clientId());
	}

	private Discovery.Result discovered() {
		if (this.discovered == null) {
			this.discovered = this.discovery.discover(this.mcpUrl);
		}
		return this.discovered;
	}

	private StoredTokens signIn(Discovery.Result found, Set<String> extraScopes) {
		AuthorizationServerMetadata server = found.authorizationServer();
		checkPkce(server);
		String scope = scope(found, extraScopes);
		Pkce pkce = Pkce.generate(this.random);
		String state = Pkce.randomToken(this.random, 24);
		try (LoopbackReceiver receiver = new LoopbackReceiver(this.options.redirectHost(), this.options.redirectPort(),
				this.options.redirectPath(), state)) {
			UriComponentsBuilder request = UriComponentsBuilder.fromUri(server.authorizationEndpoint())
				.queryParam("response_type", "code")
				.queryParam("client_id", this.options.client().clientId())
				.queryParam("redirect_uri", receiver.redirectUri())
				.queryParam("state", state)
				.queryParam("code_challenge", pkce.challenge())
				.queryParam("code_challenge_method", "S256")
				.queryParam("resource", found.resource());
			if (!scope.isEmpty()) {
				request.queryParam("scope", scope);
			}
			URI url = request.encode().build().toUri();
			this.notices.println("Sign in to " + found.resource() + " at " + server.issuer() + " as client "
					+ this.options.client().clientId() + (scope.isEmpty() ? "" : " (scopes: " + scope + ")") + ".");
			if (!this.browser.open(url)) {
				this.notices.println("No browser could be opened. Open this URL to sign in:");
				this.notices.println(url);
			}
			Map<String, String> response = receiver.await(this.options.timeout());
			String code = checkResponse(response, server);
			StoredTokens tokens = this.tokenEndpoint.exchange(server, this.options.client(), found.resource(), code,
					receiver.redirectUri(), pkce.verifier(), scope, this.clock.instant());
			this.cache.put(tokens);
			this.notices.println("Signed in; tokens stored in " + this.cache.file() + ".");
			return tokens;
		}
	}

	private void checkPkce(AuthorizationServerMetadata server) {
		List<String> methods = server.codeChallengeMethods();
		if (methods == null) {
			String reason = server.isCognito() ? "Amazon Cognito supports S256 without advertising it"
					: (this.options.assumePkce() ? "--assume-pkce was given" : null);
			if (reason == null) {
				throw new ClientException("The authorization server " + server.issuer()
						+ " does not advertise code_challenge_methods_supported, so PKCE support is unknown and the MCP "
						+ "specification says to refuse. If you know it supports S256, run again with --assume-pkce.");
			}
			this.notices.println("Warning: " + server.issuer()
					+ " does not advertise PKCE support; using S256 anyway because " + reason + ".");
		}
		else if (!methods.contains("S256")) {
			throw new ClientException("The authorization server " + server.issuer() + " does not support PKCE S256 "
					+ "(it offers " + methods + "); refusing to sign in without it.");
		}
	}

	private String scope(Discovery.Result found, Set<String> extraScopes) {
		Set<String> scopes = new LinkedHashSet<>(this.options.scopes());
		if (scopes.isEmpty()) {
			if (found.challengeScope() != null) {
				scopes.addAll(List.of(found.challengeScope().split("\\s+")));
			}
			else {
				scopes.addAll(found.scopesSupported());
			}
		}
		StoredTokens previous = this.cache.get(this.mcpUrl.toString(), this.options.client().clientId(),
				found.authorizationServer().issuer());
		if (!extraScopes.isEmpty() && previous != null && !previous.scope().isBlank()) {
			// Step-up keeps what was granted before and adds what the server asked for.
			scopes.addAll(List.of(previous.scope().split("\\s+")));
		}
		scopes.addAll(extraScopes);
		scopes.remove("");
		return String.join(" ", scopes);
	}

	/**
	 * Checks a response that carries this login's {@code state}: the receiver ignores any
	 * other.
	 */
	private static String checkResponse(Map<String, String> response, AuthorizationServerMetadata server) {
		String issuer = response.get("iss");
		if ((issuer != null && !issuer.equals(server.issuer())) || (issuer == null && server.issParameterSupported())) {
			throw new ClientException("The login response does not come from " + server.issuer()
					+ " (RFC 9207 iss check failed); refusing it.");
		}
		String error = response.get("error");
		if (error != null) {
			String description = describe(response.get("error_description"));
			if ("access_denied".equals(error)) {
				throw new ClientException("Access denied by the authorization server" + description
						+ ". Sign in as a user allowed to use this client, or ask its administrator.");
			}
			if ("invalid_scope".equals(error)) {
				throw new ClientException("The authorization server refused the requested scopes" + description
						+ ". Request only scopes the client is allowed (--scope).");
			}
			throw new ClientException("The authorization server refused the login (" + error + ")" + description + ".");
		}
		String code = response.get("code");
		if (code == null || code.isBlank()) {
			throw new ClientException("The login response has neither a code nor an error.");
		}
		return code;
	}

	private static String describe(@Nullable String description) {
		return (description == null || description.isBlank()) ? "" : ": " + description;
	}

}
