package io.github.mcpoauthgateway.security;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.mcpoauthgateway.security.jwt.TokenRefusal;
import io.github.mcpoauthgateway.security.jwt.TokenValidationObserver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without a usable token with 401 and a challenge naming this
 * resource's path-suffixed metadata URL and the scopes to request. Spring Security's own
 * entry point points at the root metadata document and omits the scopes.
 *
 * <p>
 * Error descriptions come only from token validators, whose texts are fixed; a token that
 * cannot even be decoded gets a fixed description, because parser messages may quote the
 * token.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements">MCP
 * authorization: metadata discovery</a>
 */
final class ResourceMetadataAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String UNDECODABLE = "The token could not be decoded or its signature could not be verified";

	private static final Log logger = LogFactory.getLog(ResourceMetadataAuthenticationEntryPoint.class);

	private final String resourceMetadata;

	private final Set<String> requiredScopes;

	private final TokenValidationObserver observer;

	ResourceMetadataAuthenticationEntryPoint(String resourceMetadata, Set<String> requiredScopes,
			TokenValidationObserver observer) {
		this.resourceMetadata = resourceMetadata;
		this.requiredScopes = requiredScopes;
		this.observer = observer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) {
		String error = null;
		String description = null;
		HttpStatus status = HttpStatus.UNAUTHORIZED;
		// A token the decoder refused was counted there, with its reason; what is left is
		// a request without a token, or with a header the resolver refused.
		if (!(exception.getCause() instanceof JwtException)) {
			this.observer.refused((exception instanceof OAuth2AuthenticationException) ? TokenRefusal.MALFORMED
					: TokenRefusal.MISSING);
		}
		if (exception instanceof OAuth2AuthenticationException oauth2) {
			OAuth2Error oauth2Error = oauth2.getError();
			error = oauth2Error.getErrorCode();
			description = safeDescription(oauth2, oauth2Error);
			if (oauth2Error instanceof BearerTokenError bearerError) {
				status = bearerError.getHttpStatus();
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Rejected bearer token: " + description);
			}
		}
		response.setStatus(status.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				BearerChallengeHeader.of(error, description, this.resourceMetadata, this.requiredScopes));
	}

	private static String safeDescription(OAuth2AuthenticationException exception, OAuth2Error error) {
		Throwable cause = exception.getCause();
		if (cause == null) {
			return error.getDescription();
		}
		if (cause instanceof JwtValidationException invalid) {
			return invalid.getErrors()
				.stream()
				.map(OAuth2Error::getDescription)
				.filter(Objects::nonNull)
				.collect(Collectors.joining("; "));
		}
		return UNDECODABLE;
	}

}
