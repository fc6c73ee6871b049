package io.github.mcpoauthgateway.authserver;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The grants of this server (codes, access and refresh tokens, pending requests), in
 * memory, bounded in number and dropped once expired, with refresh token reuse detection:
 * a refresh token is rotated on every use, and presenting a rotated one again revokes its
 * whole family, as a stolen token may be in use by someone else.
 *
 * @see <a href=
 * "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-4.3.1">OAuth
 * 2.1 Section 4.3.1</a>
 */
final class AuthorizationStore implements OAuth2AuthorizationService {

	private static final Log logger = LogFactory.getLog(AuthorizationStore.class);

	private static final Duration PENDING_TIME_TO_LIVE = Duration.ofMinutes(10);

	private final OAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

	private final Map<String, Instant> expiries = new LinkedHashMap<>();

	private final Map<String, Retired> retiredRefreshTokens = new LinkedHashMap<>();

	private final int maxAuthorizations;

	private final SignInMethod signIn;

	private final Clock clock;

	AuthorizationStore(int maxAuthorizations, SignInMethod signIn, Clock clock) {
		this.maxAuthorizations = maxAuthorizations;
		this.signIn = signIn;
		this.clock = clock;
	}

	@Override
	public synchronized void save(OAuth2Authorization authorization) {
		OAuth2Authorization previous = this.delegate.findById(authorization.getId());
		if (previous != null && previous.getRefreshToken() != null) {
			OAuth2RefreshToken old = previous.getRefreshToken().getToken();
			OAuth2Authorization.Token<OAuth2RefreshToken> current = authorization.getRefreshToken();
			if (current == null || !current.getToken().getTokenValue().equals(old.getTokenValue())) {
				Instant until = (old.getExpiresAt() != null) ? old.getExpiresAt() : this.clock.instant();
				this.retiredRefreshTokens.put(hash(old.getTokenValue()), new Retired(authorization.getId(), until));
			}
		}
		this.delegate.save(authorization);
		this.expiries.remove(authorization.getId());
		this.expiries.put(authorization.getId(), expiry(authorization));
		purge();
	}

	@Override
	public synchronized void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		this.expiries.remove(authorization.getId());
	}

	@Override
	public synchronized @Nullable OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public synchronized @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		OAuth2Authorization found = this.delegate.findByToken(token, tokenType);
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			Retired retired = this.retiredRefreshTokens.remove(hash(token));
			if (retired != null) {
				revokeFamily(retired.authorizationId());
			}
		}
		return found;
	}

	private void revokeFamily(String authorizationId) {
		OAuth2Authorization family = this.delegate.findById(authorizationId);
		if (family == null) {
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

	private Instant expiry(OAuth2Authorization authorization) {
		Instant latest = this.clock.instant().plus(PENDING_TIME_TO_LIVE);
		for (OAuth2Authorization.Token<? extends OAuth2Token> token : new OAuth2Authorization.Token<?>[] {
				authorization.getRefreshToken(), authorization.getAccessToken(),
				authorization.getToken(OAuth2AuthorizationCode.class) }) {
			if (token != null && token.getToken().getExpiresAt() != null
					&& token.getToken().getExpiresAt().isAfter(latest)) {
				latest = token.getToken().getExpiresAt();
			}
		}
		return latest;
	}

	private void purge() {
		Instant now = this.clock.instant();
		Iterator<Map.Entry<String, Instant>> entries = this.expiries.entrySet().iterator();
		int excess = this.expiries.size() - this.maxAuthorizations;
		while (entries.hasNext()) {
			Map.Entry<String, Instant> entry = entries.next();
			if (excess <= 0 && entry.getValue().isAfter(now)) {
				// Oldest saved first: a cheap sweep from the head, not a full scan; a
				// later, shorter-lived grant goes when it reaches the head or the bound.
				break;
			}
			OAuth2Authorization authorization = this.delegate.findById(entry.getKey());
			if (authorization != null) {
				this.delegate.remove(authorization);
			}
			entries.remove();
			excess--;
		}
		this.retiredRefreshTokens.values().removeIf((retired) -> retired.until().isBefore(now));
		while (this.retiredRefreshTokens.size() > this.maxAuthorizations) {
			this.retiredRefreshTokens.remove(this.retiredRefreshTokens.keySet().iterator().next());
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

	private record Retired(String authorizationId, Instant until) {
	}

}
