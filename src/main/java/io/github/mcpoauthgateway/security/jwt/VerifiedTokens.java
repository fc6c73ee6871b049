package io.github.mcpoauthgateway.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens that passed every check, kept so that a client's next calls with the same token
 * skip the signature: a bounded map keyed by a hash of the token (never the token
 * itself), whose entries never outlive the token's {@code exp}. The caller checks that
 * the signing key is still published before using an entry.
 */
final class VerifiedTokens {

	private static final MessageDigest SHA_256 = sha256();

	private final Map<String, Jwt> tokens = new ConcurrentHashMap<>();

	private final int maxTokens;

	private final Clock clock;

	VerifiedTokens(int maxTokens, Clock clock) {
		this.maxTokens = maxTokens;
		this.clock = clock;
	}

	/**
	 * The verified token with this value, while it has not expired.
	 * @param key the token's {@link #key(String) key}
	 * @return the token, or {@code null}
	 */
	@Nullable Jwt get(String key) {
		Jwt jwt = this.tokens.get(key);
		if (jwt == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (jwt.getExpiresAt() == null || !now.isBefore(jwt.getExpiresAt())
				|| (jwt.getNotBefore() != null && now.isBefore(jwt.getNotBefore()))) {
			this.tokens.remove(key, jwt);
			return null;
		}
		return jwt;
	}

	void put(String key, Jwt jwt) {
		if (jwt.getExpiresAt() == null) {
			return;
		}
		if (this.tokens.size() >= this.maxTokens) {
			Instant now = this.clock.instant();
			this.tokens.values().removeIf((cached) -> !now.isBefore(cached.getExpiresAt()));
			if (this.tokens.size() >= this.maxTokens) {
				// Full of live tokens: start again rather than track recency on every
				// hit.
				this.tokens.clear();
			}
		}
		this.tokens.put(key, jwt);
	}

	void remove(String key) {
		this.tokens.remove(key);
	}

	int size() {
		return this.tokens.size();
	}

	/**
	 * The cache key of a token: its SHA-256, so the map holds no usable token.
	 * @param token the token
	 * @return the key
	 */
	static String key(String token) {
		MessageDigest digest;
		try {
			// A copy of a ready digest: no provider lookup and no reflection per request.
			digest = (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
		return Base64.getEncoder().encodeToString(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
	}

	private static MessageDigest sha256() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.clone();
			return digest;
		}
		catch (NoSuchAlgorithmException | CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 digests that can be copied are required", ex);
		}
	}

}
