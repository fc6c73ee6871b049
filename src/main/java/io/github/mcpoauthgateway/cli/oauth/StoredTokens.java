package io.github.mcpoauthgateway.cli.oauth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Tokens kept between runs for one MCP server and client, with what is needed to refresh
 * them without discovery.
 *
 * @param resource the MCP server's canonical URL
 * @param clientId the client they were issued to
 * @param issuer the authorization server that issued them
 * @param tokenEndpoint where to refresh them
 * @param accessToken the access token
 * @param refreshToken the refresh token, if any
 * @param expiresAt when the access token expires
 * @param scope the scopes granted (space-separated), as far as known
 */
public record StoredTokens(String resource, String clientId, String issuer, String tokenEndpoint, String accessToken,
		@Nullable String refreshToken, Instant expiresAt, String scope) {

	/**
	 * Whether the access token is still usable, keeping a margin for clock differences
	 * and the request in flight.
	 * @param now the current time
	 * @return {@code true} while at least 30 seconds remain
	 */
	public boolean isFresh(Instant now) {
		return now.plusSeconds(30).isBefore(this.expiresAt);
	}

}
