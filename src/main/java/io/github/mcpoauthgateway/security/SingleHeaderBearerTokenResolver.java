package io.github.mcpoauthgateway.security;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.util.StringUtils;

/**
 * The bearer token of the request's only {@code Authorization} header, by the rules of
 * {@link DefaultBearerTokenResolver} with its defaults (no token in the query or a form
 * body), and a request with more than one {@code Authorization} header refused.
 * <p>
 * Servlet containers return only the first of several headers, so without the second rule
 * two components could disagree on which credential a request carries. The token's syntax
 * ({@code Bearer <b64token>}, RFC 6750) is checked by a loop over its characters rather
 * than the framework's case-insensitive regular expression, which was a tenth of the CPU
 * of a 401 on this path; {@code SingleHeaderBearerTokenResolverTests} compares the two on
 * every kind of input.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 Section
 * 2.1</a>
 */
final class SingleHeaderBearerTokenResolver implements BearerTokenResolver {

	private static final String SCHEME = "bearer ";

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers == null || !headers.hasMoreElements()) {
			return null;
		}
		String authorization = headers.nextElement();
		if (headers.hasMoreElements()) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("Found multiple Authorization headers in the request"));
		}
		return token(authorization);
	}

	/**
	 * The token of one {@code Authorization} header value: {@code null} for another
	 * scheme, {@code invalid_token} for a malformed bearer credential.
	 */
	static @Nullable String token(@Nullable String authorization) {
		if (authorization == null || !StringUtils.startsWithIgnoreCase(authorization, "bearer")) {
			return null;
		}
		if (!isBearerCredentials(authorization)) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(SCHEME.length());
	}

	// "Bearer" in any ASCII case, one space, then 1*( ALPHA / DIGIT / "-" / "." / "_" /
	// "~" /
	// "+" / "/" ) *"=": the framework's ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$.
	private static boolean isBearerCredentials(String authorization) {
		int length = authorization.length();
		if (length <= SCHEME.length()) {
			return false;
		}
		for (int i = 0; i < SCHEME.length(); i++) {
			char c = authorization.charAt(i);
			char lower = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
			if (lower != SCHEME.charAt(i)) {
				return false;
			}
		}
		int i = SCHEME.length();
		while (i < length && isTokenCharacter(authorization.charAt(i))) {
			i++;
		}
		if (i == SCHEME.length()) {
			return false;
		}
		while (i < length && authorization.charAt(i) == '=') {
			i++;
		}
		return i == length;
	}

	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
