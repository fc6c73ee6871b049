package io.github.mcpoauthgateway.authserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The grants of this server (codes, access and refresh tokens, pending requests) in the
 * shared database, through Spring Authorization Server's JDBC service, with refresh token
 * reuse detection: a refresh token is rotated on every use, and presenting a rotated one
 * again, to any replica, revokes its whole family (the grant, whose id stays the same
 * through every rotation), as a stolen token may be in use by someone else. Grants whose
 * every token has expired are deleted by {@link ExpiredStatePurge}, which also keeps
 * their number bounded.
 *
 * @see <a href=
 * "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-4.3.1">OAuth
 * 2.1 Section 4.3.1</a>
 */
final class AuthorizationStore implements OAuth2AuthorizationService {

	private static final Log logger = LogFactory.getLog(AuthorizationStore.class);

	/**
	 * How long a grant that holds no token yet (a pending request) is kept.
	 */
	static final Duration PENDING_TIME_TO_LIVE = Duration.ofMinutes(10);

	private final JdbcOAuth2AuthorizationService delegate;

	private final JdbcOperations jdbc;

	private final SignInMethod signIn;

	private final Clock clock;

	AuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients, JsonMapper json, SignInMethod signIn,
			Clock clock) {
		this.jdbc = jdbc;
		this.delegate = new JdbcOAuth2AuthorizationService(jdbc, clients);
		this.delegate.setAuthorizationRowMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, json));
		this.delegate.setAuthorizationParametersMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(json));
		this.signIn = signIn;
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization previous = findById(authorization.getId());
		if (previous != null && previous.getRefreshToken() != null) {
			OAuth2RefreshToken old = previous.getRefreshToken().getToken();
			OAuth2Authorization.Token<OAuth2RefreshToken> current = authorization.getRefreshToken();
			if (current == null || !current.getToken().getTokenValue().equals(old.getTokenValue())) {
				retire(old, authorization.getId());
			}
		}
		this.delegate.save(AuthorizationRequests.storable(authorization));
	}

	private void retire(OAuth2RefreshToken token, String authorizationId) {
		Instant until = (token.getExpiresAt() != null) ? token.getExpiresAt() : this.clock.instant();
		try {
			this.jdbc.update(
					"INSERT INTO mcp_retired_refresh_token (token_hash, authorization_id, expires_at) VALUES (?, ?, ?)",
					hash(token.getTokenValue()), authorizationId, Timestamp.from(until));
		}
		catch (DuplicateKeyException ex) {
			// Two replicas rotated the same token at once: it is retired either way.
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		this.jdbc.update("DELETE FROM mcp_retired_refresh_token WHERE authorization_id = ?", authorization.getId());
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		try {
			return this.delegate.findById(id);
		}
		catch (DataRetrievalFailureException ex) {
			return clientGone(ex);
		}
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		OAuth2Authorization found;
		try {
			found = this.delegate.findByToken(token, tokenType);
		}
		catch (DataRetrievalFailureException ex) {
			return clientGone(ex);
		}
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			List<String> families = this.jdbc.queryForList(
					"SELECT authorization_id FROM mcp_retired_refresh_token WHERE token_hash = ?", String.class,
					hash(token));
			if (!families.isEmpty()) {
				revokeFamily(families.get(0));
			}
		}
		return found;
	}

	/**
	 * The grant's client is no longer known (a registration evicted by the bound, a
	 * client ID metadata document that cannot be fetched): its grants are unusable.
	 */
	private @Nullable OAuth2Authorization clientGone(DataRetrievalFailureException ex) {
		logger.debug("A grant of an unknown client was looked up", ex);
		return null;
	}

	private void revokeFamily(String authorizationId) {
		OAuth2Authorization family = findById(authorizationId);
		if (family == null) {
			this.jdbc.update("DELETE FROM mcp_retired_refresh_token WHERE authorization_id = ?", authorizationId);
			return;
		}
		remove(family);
		logger.warn("A rotated refresh token of client " + family.getRegisteredClientId()
				+ " was used again: its grant is revoked, the client must sign in again");
		Authentication principal = family.getAttribute(Principal.class.getName());
		if (principal != null) {
			this.signIn.revoked(principal);
		}
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
