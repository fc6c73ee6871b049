package io.github.mcpoauthgateway.operations;

import io.github.mcpoauthgateway.security.jwt.TokenRefusal;
import io.github.mcpoauthgateway.security.jwt.TokenValidationObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every decision on an access token with counters registered once at start, so
 * that the path of every request only increments one: no tag, map or meter lookup.
 */
final class TokenValidationMetrics implements TokenValidationObserver {

	static final String VALIDATIONS = "mcp.token.validations";

	static final String DENIALS = "mcp.access.denials";

	static final String JWKS_FETCHES = "mcp.jwks.fetches";

	private final Counter accepted;

	private final Counter cacheHit;

	private final Counter[] refused;

	private final Counter insufficientScope;

	private final Counter toolNotAllowed;

	private final Counter fetchSuccess;

	private final Counter fetchFailure;

	private final Counter rateLimited;

	TokenValidationMetrics(MeterRegistry registry) {
		this.accepted = validation(registry, "accepted");
		this.cacheHit = validation(registry, "cache_hit");
		TokenRefusal[] refusals = TokenRefusal.values();
		this.refused = new Counter[refusals.length];
		for (TokenRefusal refusal : refusals) {
			this.refused[refusal.ordinal()] = validation(registry, refusal.tag());
		}
		this.insufficientScope = Counter.builder(DENIALS)
			.description("Valid tokens refused with 403 insufficient_scope, by what they lacked")
			.tag("reason", "insufficient_scope")
			.register(registry);
		this.toolNotAllowed = Counter.builder(DENIALS)
			.description("Valid tokens refused with 403 insufficient_scope, by what they lacked")
			.tag("reason", "tool_not_allowed")
			.register(registry);
		this.fetchSuccess = fetch(registry, "success");
		this.fetchFailure = fetch(registry, "failure");
		this.rateLimited = fetch(registry, "rate_limited");
	}

	private static Counter validation(MeterRegistry registry, String outcome) {
		return Counter.builder(VALIDATIONS)
			.description("Bearer token decisions at the MCP endpoint, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	private static Counter fetch(MeterRegistry registry, String outcome) {
		return Counter.builder(JWKS_FETCHES)
			.description("Fetches of the issuer's JWK Set, by outcome (rate_limited: not made)")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void accepted(boolean cached) {
		(cached ? this.cacheHit : this.accepted).increment();
	}

	@Override
	public void refused(TokenRefusal refusal) {
		this.refused[refusal.ordinal()].increment();
	}

	@Override
	public void accessDenied(boolean toolCall) {
		(toolCall ? this.toolNotAllowed : this.insufficientScope).increment();
	}

	@Override
	public void keySetFetched(boolean success) {
		(success ? this.fetchSuccess : this.fetchFailure).increment();
	}

	@Override
	public void keySetRefreshRateLimited() {
		this.rateLimited.increment();
	}

}
