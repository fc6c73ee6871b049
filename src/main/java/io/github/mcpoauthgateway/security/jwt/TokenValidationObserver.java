package io.github.mcpoauthgateway.security.jwt;

/**
 * Told every decision on an access token and every JWK Set fetch, for metrics. Called on
 * the path of every request: an implementation must be cheap, never block and allocate
 * nothing.
 */
public interface TokenValidationObserver {

	/**
	 * Observes nothing.
	 */
	TokenValidationObserver NONE = new TokenValidationObserver() {
	};

	/**
	 * A token passed every check.
	 * @param cached whether it was verified earlier and reused without its signature
	 */
	default void accepted(boolean cached) {
	}

	/**
	 * A token was refused, or a request had none.
	 * @param refusal why
	 */
	default void refused(TokenRefusal refusal) {
	}

	/**
	 * A valid token lacked what the request needs: answered 403.
	 * @param toolCall whether a tool call was denied (the tool's scopes or groups),
	 * rather than the endpoint's scopes
	 */
	default void accessDenied(boolean toolCall) {
	}

	/**
	 * The issuer's JWK Set was fetched over HTTP.
	 * @param success whether the fetch returned a document
	 */
	default void keySetFetched(boolean success) {
	}

	/**
	 * A fetch for an unknown key id was not made: the rate limit was reached.
	 */
	default void keySetRefreshRateLimited() {
	}

}
