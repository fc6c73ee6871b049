package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the authorization server of an MCP server in the order the MCP authorization
 * specification gives: the 401 challenge, then the protected resource metadata (RFC 9728,
 * path-suffixed then root), then the authorization server's metadata (RFC 8414, then
 * OpenID discovery, issuers with a path included).
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-discovery">MCP
 * authorization server discovery</a>
 */
public final class Discovery {

	private static final String INITIALIZE = """
			{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
			"capabilities":{},"clientInfo":{"name":"mcp-oauth-gateway-client","version":"1"}}}""";

	private final HttpJson http;

	Discovery(HttpJson http) {
		this.http = http;
	}

	/**
	 * What discovery found.
	 *
	 * @param resource the canonical resource, as the server's metadata names it
	 * @param challengeScope the scopes the 401 challenge asked for, if any
	 * @param scopesSupported the resource's {@code scopes_supported}
	 * @param authorizationServer the authorization server's metadata
	 */
	public record Result(String resource, @Nullable String challengeScope, List<String> scopesSupported,
			AuthorizationServerMetadata authorizationServer) {
	}

	public Result discover(URI mcpUrl) {
		HttpResponse<String> probe = this.http.send(HttpRequest.newBuilder(mcpUrl)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
			.build());
		if (probe.statusCode() != 401) {
			throw new ClientException(mcpUrl + " answered " + probe.statusCode()
					+ " to a request without a token instead of 401: it is not an OAuth-protected MCP endpoint"
					+ " (check the URL, including its path)");
		}
		ParsedBearerChallenge challenge = ParsedBearerChallenge
			.parse(probe.headers().firstValue("WWW-Authenticate").orElse(null));
		JsonNode resourceMetadata = resourceMetadata(mcpUrl, challenge);
		String resource = resourceMetadata.path("resource").asString("");
		if (!resource.equals(mcpUrl.toString())) {
			throw new ClientException("The server's metadata names the resource \"" + resource + "\", not " + mcpUrl
					+ ". Use the URL it names; a mismatch can also mean the metadata belongs to another server.");
		}
		JsonNode servers = resourceMetadata.path("authorization_servers");
		if (!servers.isArray() || servers.isEmpty()) {
			throw new ClientException(
					"The protected resource metadata of " + mcpUrl + " names no authorization server");
		}
		List<String> scopesSupported = new ArrayList<>();
		resourceMetadata.path("scopes_supported").forEach((scope) -> scopesSupported.add(scope.asString()));
		return new Result(resource, (challenge != null) ? challenge.scope() : null, scopesSupported,
				authorizationServer(servers.get(0).asString()));
	}

	private JsonNode resourceMetadata(URI mcpUrl, @Nullable ParsedBearerChallenge challenge) {
		List<URI> candidates = new ArrayList<>();
		if (challenge != null && challenge.resourceMetadata() != null) {
			candidates.add(SecureUrls.require(URI.create(challenge.resourceMetadata()),
					"The protected resource metadata URL"));
		}
		String origin = HttpJson.origin(mcpUrl);
		String path = (mcpUrl.getRawPath() != null) ? mcpUrl.getRawPath() : "";
		if (!path.isEmpty() && !path.equals("/")) {
			candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource" + path));
		}
		candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource"));
		for (URI candidate : candidates) {
			HttpResponse<String> response = this.http.get(candidate);
			if (response.statusCode() == 200) {
				return HttpJson.parse(response, "Protected resource metadata");
			}
		}
		throw new ClientException("No protected resource metadata found for " + mcpUrl + " (tried "
				+ candidates.stream().map(URI::toString).toList()
				+ "): the server does not say which authorization server to use");
	}

	AuthorizationServerMetadata authorizationServer(String issuer) {
		URI issuerUri = SecureUrls.require(URI.create(issuer), "The authorization server");
		String origin = HttpJson.origin(issuerUri);
		String path = (issuerUri.getRawPath() != null) ? issuerUri.getRawPath() : "";
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		List<URI> candidates = path.isEmpty()
				? List.of(URI.create(origin + "/.well-known/oauth-authorization-server"),
						URI.create(origin + "/.well-known/openid-configuration"))
				: List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
						URI.create(origin + "/.well-known/openid-configuration" + path),
						URI.create(origin + path + "/.well-known/openid-configuration"));
		for (URI candidate : candidates) {
			HttpResponse<String> response = this.http.get(candidate);
			if (response.statusCode() != 200) {
				continue;
			}
			JsonNode metadata = HttpJson.parse(response, "Authorization server metadata");
			if (!issuer.equals(metadata.path("issuer").asString(null))) {
				throw new ClientException("The authorization server metadata at " + candidate + " names the issuer \""
						+ metadata.path("issuer").asString("") + "\", not " + issuer
						+ ": refusing it (mix-up defence)");
			}
			// Checked here, before the browser opens or any secret is sent.
			return new AuthorizationServerMetadata(issuer,
					SecureUrls.require(endpoint(metadata, "authorization_endpoint", candidate),
							"The authorization endpoint"),
					SecureUrls.require(endpoint(metadata, "token_endpoint", candidate), "The token endpoint"),
					methods(metadata),
					metadata.path("authorization_response_iss_parameter_supported").asBoolean(false));
		}
		throw new ClientException("No authorization server metadata found for " + issuer + " (tried "
				+ candidates.stream().map(URI::toString).toList() + ")");
	}

	private static URI endpoint(JsonNode metadata, String name, URI source) {
		String value = metadata.path(name).asString(null);
		if (value == null || value.isBlank()) {
			throw new ClientException("The authorization server metadata at " + source + " has no " + name);
		}
		return URI.create(value);
	}

	private static @Nullable List<String> methods(JsonNode metadata) {
		JsonNode methods = metadata.get("code_challenge_methods_supported");
		if (methods == null || !methods.isArray()) {
			return null;
		}
		List<String> values = new ArrayList<>();
		methods.forEach((method) -> values.add(method.asString()));
		return values;
	}

}
