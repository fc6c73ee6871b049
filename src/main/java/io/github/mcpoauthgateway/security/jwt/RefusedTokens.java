package io.github.mcpoauthgateway.security.jwt;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Tokens refused for a claim that cannot change: expired, another issuer or audience, a
 * client outside the allow-list, an ID token. A client that keeps sending such a token
 * (most do, until they refresh) is refused again from here, without parsing it. A bounded
 * map keyed by a hash of the token, like {@link VerifiedTokens}; a refusal that time can
 * lift (before {@code nbf}) or a new key can lift (the signature) is never kept.
 */
final class RefusedTokens {

	private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

	private final int maxTokens;

	RefusedTokens(int maxTokens) {
		this.maxTokens = maxTokens;
	}

	/**
	 * The refusal of the token with this key, if it was refused for good before.
	 * @param key the token's {@link VerifiedTokens#key(String) key}
	 * @return the refusal, or {@code null}
	 */
	@Nullable Refusal get(String key) {
		return this.refusals.get(key);
	}

	/**
	 * Keeps a refusal when none of its errors can pass later.
	 * @param key the token's key
	 * @param reason the refusal's metric tag
	 * @param message the message of the decoder's exception
	 * @param errors the validators' errors
	 */
	void putIfFinal(String key, TokenRefusal reason, String message, Collection<OAuth2Error> errors) {
		if (!TokenRefusal.isFinal(errors)) {
			return;
		}
		if (this.refusals.size() >= this.maxTokens) {
			// A flood of distinct bad tokens: start again rather than track recency.
			this.refusals.clear();
		}
		this.refusals.put(key, new Refusal(reason, message, List.copyOf(errors)));
	}

	int size() {
		return this.refusals.size();
	}

	/**
	 * A kept refusal.
	 *
	 * @param reason its metric tag
	 * @param message the message of the decoder's exception
	 * @param errors the validators' errors
	 */
	record Refusal(TokenRefusal reason, String message, Collection<OAuth2Error> errors) {
	}

}
