package io.github.mcpoauthgateway.security;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Refuses a request with more than one {@code Authorization} header before resolving its
 * bearer token. Servlet containers return only the first, so without this rule two
 * components could disagree on which credential a request carries.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2">RFC 6750 Section 2</a>
 */
final class SingleHeaderBearerTokenResolver implements BearerTokenResolver {

	private final BearerTokenResolver delegate;

	SingleHeaderBearerTokenResolver(BearerTokenResolver delegate) {
		this.delegate = delegate;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers != null && headers.hasMoreElements()) {
			headers.nextElement();
			if (headers.hasMoreElements()) {
				throw new OAuth2AuthenticationException(
						BearerTokenErrors.invalidRequest("Found multiple Authorization headers in the request"));
			}
		}
		return this.delegate.resolve(request);
	}

}
