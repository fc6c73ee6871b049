package io.github.mcpoauthgateway.security.jwt;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Treats a JWK Set refresh refused by the rate limiter as "no such key". Tokens with
 * unknown key ids can then be rejected as invalid (401) without a fetch each, instead of
 * failing the request as if the key source were broken.
 */
final class RateLimitedKeySource implements JWKSource<SecurityContext> {

	private final JWKSource<SecurityContext> delegate;

	private final TokenValidationObserver observer;

	RateLimitedKeySource(JWKSource<SecurityContext> delegate, TokenValidationObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		try {
			return this.delegate.get(selector, context);
		}
		catch (RateLimitReachedException ex) {
			this.observer.keySetRefreshRateLimited();
			return List.of();
		}
	}

}
