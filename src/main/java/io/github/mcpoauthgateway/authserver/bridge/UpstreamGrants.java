package io.github.mcpoauthgateway.authserver.bridge;

import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.StringUtils;

/**
 * The Cognito tokens behind each bridge grant, encrypted, in the shared database (so any
 * replica can refresh them), bounded in number and dropped with the grant's lifetime.
 * They never leave the server: they serve only to ask Cognito, at each refresh of the
 * bridge's tokens, whether the user may still sign in, so that a user disabled there
 * loses access here at the next refresh.
 */
final class UpstreamGrants {

	private static final Log logger = LogFactory.getLog(UpstreamGrants.class);

	// What Cognito answers when the user, the token or the client is no longer valid.
	private static final Set<String> REFUSALS = Set.of(OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.INVALID_CLIENT,
			OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, OAuth2ErrorCodes.ACCESS_DENIED);

	private final JdbcOperations jdbc;

	private final TokenCipher cipher;

	private final Supplier<ClientRegistration> upstream;

	private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokens;

	private final int maxEntries;

	private final Duration timeToLive;

	private final Clock clock;

	UpstreamGrants(JdbcOperations jdbc, TokenCipher cipher, Supplier<ClientRegistration> upstream,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokens, int maxEntries, Duration timeToLive,
			Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.upstream = upstream;
		this.tokens = tokens;
		this.maxEntries = maxEntries;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * Keeps the tokens of a sign-in.
	 * @param grantId the id of the sign-in
	 * @param accessToken Cognito's access token
	 * @param refreshToken Cognito's refresh token, if it sent one
	 */
	void save(String grantId, OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken) {
		Instant now = this.clock.instant();
		remove(grantId);
		this.jdbc.update(
				"INSERT INTO mcp_upstream_grant (grant_id, scopes, access_token, refresh_token, expires_at, saved_at)"
						+ " VALUES (?, ?, ?, ?, ?, ?)",
				grantId, String.join(" ", accessToken.getScopes()), this.cipher.encrypt(accessToken.getTokenValue()),
				(refreshToken != null) ? this.cipher.encrypt(refreshToken.getTokenValue()) : null,
				Timestamp.from(now.plus(this.timeToLive)), Timestamp.from(now));
		purge();
		int excess = size() - this.maxEntries;
		if (excess > 0) {
			this.jdbc.update("DELETE FROM mcp_upstream_grant WHERE grant_id IN"
					+ " (SELECT grant_id FROM mcp_upstream_grant ORDER BY saved_at LIMIT ?)", excess);
		}
	}

	/**
	 * Asks Cognito whether the user of a grant may still sign in, by refreshing its
	 * tokens there. When Cognito cannot be reached, the bridge's own grant stays valid:
	 * an outage upstream does not sign everyone out.
	 * @param grantId the id of the sign-in
	 * @throws OAuth2AuthenticationException with {@code invalid_grant} when Cognito
	 * refuses, or when the grant is not known (anymore)
	 */
	void confirm(String grantId) {
		Entry entry = find(grantId);
		if (entry == null || entry.refreshToken() == null || entry.expiresAt().isBefore(this.clock.instant())) {
			throw refused("The sign-in has ended; sign in again");
		}
		OAuth2AccessTokenResponse response;
		try {
			OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					this.cipher.decrypt(entry.accessToken()), null, null, entry.scopes());
			response = this.tokens.getTokenResponse(new OAuth2RefreshTokenGrantRequest(this.upstream.get(), access,
					new OAuth2RefreshToken(this.cipher.decrypt(entry.refreshToken()), null)));
		}
		catch (OAuth2AuthorizationException ex) {
			if (REFUSALS.contains(ex.getError().getErrorCode())) {
				remove(grantId);
				throw refused("The user can no longer sign in");
			}
			logger.warn("Cognito did not answer a refresh (" + ex.getError().getErrorCode()
					+ "); the grant stays valid until it can");
			return;
		}
		catch (RuntimeException ex) {
			logger.warn("Cognito could not be reached for a refresh (" + ex.getClass().getSimpleName()
					+ "); the grant stays valid until it can");
			return;
		}
		// Cognito may rotate its refresh token; keep the new one.
		OAuth2RefreshToken rotated = response.getRefreshToken();
		this.jdbc.update("UPDATE mcp_upstream_grant SET access_token = ?, refresh_token = ? WHERE grant_id = ?",
				this.cipher.encrypt(response.getAccessToken().getTokenValue()),
				(rotated != null) ? this.cipher.encrypt(rotated.getTokenValue()) : entry.refreshToken(), grantId);
	}

	void remove(String grantId) {
		this.jdbc.update("DELETE FROM mcp_upstream_grant WHERE grant_id = ?", grantId);
	}

	int size() {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM mcp_upstream_grant", Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Deletes the entries whose grant's lifetime has passed.
	 * @return how many were deleted
	 */
	int purge() {
		return this.jdbc.update("DELETE FROM mcp_upstream_grant WHERE expires_at < ?",
				Timestamp.from(this.clock.instant()));
	}

	private @Nullable Entry find(String grantId) {
		List<Entry> found = this.jdbc.query(
				"SELECT scopes, access_token, refresh_token, expires_at FROM mcp_upstream_grant WHERE grant_id = ?",
				(row, number) -> new Entry(Set.of(StringUtils.tokenizeToStringArray(row.getString("scopes"), " ")),
						row.getBytes("access_token"), row.getBytes("refresh_token"),
						row.getTimestamp("expires_at").toInstant()),
				grantId);
		return found.isEmpty() ? null : found.get(0);
	}

	private static OAuth2AuthenticationException refused(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
	}

	private record Entry(Set<String> scopes, byte[] accessToken, byte @Nullable [] refreshToken, Instant expiresAt) {
	}

}
