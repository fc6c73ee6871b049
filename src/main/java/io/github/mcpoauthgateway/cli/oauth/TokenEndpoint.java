package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Token requests: the authorization code exchange and refresh, both with the RFC 8707
 * {@code resource}, and errors explained.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5">RFC 6749 Section 5</a>
 */
final class TokenEndpoint {

	/**
	 * The authorization server refused a refresh token (expired, revoked or already
	 * used).
	 */
	static final class RefreshRejectedException extends RuntimeException {

		RefreshRejectedException(String message) {
			super(message);
		}

	}

	private final HttpJson http;

	TokenEndpoint(HttpJson http) {
		this.http = http;
	}

	StoredTokens exchange(AuthorizationServerMetadata server, ClientRegistration client, String resource, String code,
			URI redirectUri, String verifier, String requestedScope, Instant now) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri.toString());
		form.put("code_verifier", verifier);
		form.put("resource", resource);
		JsonNode body = call(server.tokenEndpoint(), client, form, false);
		return tokens(body, server.issuer(), server.tokenEndpoint().toString(), client, resource, null, requestedScope,
				now);
	}

	StoredTokens refresh(StoredTokens stored, ClientRegistration client, Instant now) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", stored.refreshToken());
		form.put("resource", stored.resource());
		JsonNode body = call(URI.create(stored.tokenEndpoint()), client, form, true);
		return tokens(body, stored.issuer(), stored.tokenEndpoint(), client, stored.resource(), stored.refreshToken(),
				stored.scope(), now);
	}

	private JsonNode call(URI endpoint, ClientRegistration client, Map<String, String> form, boolean refresh) {
		// Also covers the endpoint a token cache written by an older version names.
		SecureUrls.require(endpoint, "The token endpoint");
		Map<String, String> headers = client.authenticate(form);
		HttpResponse<String> response = this.http.postForm(endpoint, form, headers);
		if (response.statusCode() == 200) {
			return HttpJson.parse(response, "The token response");
		}
		if (response.statusCode() >= 300 && response.statusCode() < 400) {
			throw new ClientException("The token endpoint " + endpoint + " answered with a redirect (HTTP "
					+ response.statusCode() + "). Token requests carry the code and the client's credentials, so "
					+ "this client never sends them elsewhere: the authorization server's metadata must name its "
					+ "token endpoint itself.");
		}
		String error = "";
		String description = "";
		try {
			JsonNode body = HttpJson.parse(response, "The token error");
			error = body.path("error").asString("");
			description = body.path("error_description").asString("");
		}
		catch (ClientException ex) {
			// Not an OAuth error body; the status code is all there is.
		}
		String detail = error.isEmpty() ? "HTTP " + response.statusCode()
				: error + (description.isEmpty() ? "" : ": " + description);
		if ("invalid_client".equals(error) || response.statusCode() == 401) {
			throw new ClientException("The authorization server rejected the client credentials (" + detail
					+ "). Check --client-id and --client-secret, and --client-auth basic|post for a confidential client.");
		}
		if (refresh && ("invalid_grant".equals(error) || response.statusCode() == 400)) {
			throw new RefreshRejectedException(detail);
		}
		if ("invalid_target".equals(error)) {
			throw new ClientException("The authorization server does not know this MCP server as a resource (" + detail
					+ "). Its resource server identifier must be the MCP URL.");
		}
		throw new ClientException("The token request failed (" + detail + ")");
	}

	private static StoredTokens tokens(JsonNode body, String issuer, String tokenEndpoint, ClientRegistration client,
			String resource, @Nullable String previousRefreshToken, String requestedScope, Instant now) {
		String accessToken = body.path("access_token").asString(null);
		if (accessToken == null || accessToken.isBlank()) {
			throw new ClientException("The token response has no access_token");
		}
		long expiresIn = body.path("expires_in").asLong(3600);
		String refreshToken = body.path("refresh_token").asString(previousRefreshToken);
		String scope = body.path("scope").asString(requestedScope);
		return new StoredTokens(resource, client.clientId(), issuer, tokenEndpoint, accessToken, refreshToken,
				now.plusSeconds(expiresIn), scope);
	}

}
