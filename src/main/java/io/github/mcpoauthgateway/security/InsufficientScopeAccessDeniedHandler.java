package io.github.mcpoauthgateway.security;

import java.util.Set;

import io.github.mcpoauthgateway.mcp.ToolAccessDeniedException;
import io.github.mcpoauthgateway.security.jwt.TokenValidationObserver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that lacks what a request needs with 403 and an
 * {@code insufficient_scope} challenge that lists every scope the request needs and
 * points at the metadata, so a client can step up in one round trip. Spring Security's
 * own handler names neither.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling">MCP
 * authorization: scope challenge handling</a>
 */
final class InsufficientScopeAccessDeniedHandler implements AccessDeniedHandler {

	private final String resourceMetadata;

	private final Set<String> requiredScopes;

	private final TokenValidationObserver observer;

	InsufficientScopeAccessDeniedHandler(String resourceMetadata, Set<String> requiredScopes,
			TokenValidationObserver observer) {
		this.resourceMetadata = resourceMetadata;
		this.requiredScopes = requiredScopes;
		this.observer = observer;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) {
		Set<String> scopes = (exception instanceof ToolAccessDeniedException denied) ? denied.getRequiredScopes()
				: this.requiredScopes;
		// A denied tool, prompt or resource says which it is; its message is meant for
		// the client.
		String description = (exception instanceof ToolAccessDeniedException denied) ? denied.getMessage()
				: "The token lacks the scopes this endpoint requires";
		this.observer.accessDenied(exception instanceof ToolAccessDeniedException);
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallengeHeader
			.of(BearerTokenErrorCodes.INSUFFICIENT_SCOPE, description, this.resourceMetadata, scopes));
	}

}
