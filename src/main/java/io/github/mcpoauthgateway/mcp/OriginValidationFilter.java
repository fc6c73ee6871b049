package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose {@code Origin} is not allowed, before any authentication, so a
 * page on another site (or behind a rebound DNS name) cannot drive the MCP endpoint. A
 * request without {@code Origin} comes from no browser and passes.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning">MCP
 * transports: security warning</a>
 */
final class OriginValidationFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoint;

	private final ServerTransportSecurityValidator validator;

	OriginValidationFilter(RequestMatcher endpoint, ServerTransportSecurityValidator validator) {
		this.endpoint = endpoint;
		this.validator = validator;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null) {
			try {
				this.validator.validateHeaders(Map.of(HttpHeaders.ORIGIN, List.of(origin)));
			}
			catch (ServerTransportSecurityException ex) {
				JsonRpcErrors.write(response, HttpServletResponse.SC_FORBIDDEN, JsonRpcErrors.INVALID_REQUEST,
						"Origin not allowed");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
