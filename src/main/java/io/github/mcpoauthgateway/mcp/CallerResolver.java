package io.github.mcpoauthgateway.mcp;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.cognito.CognitoClaimNames;
import io.github.mcpoauthgateway.tool.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns the authentication that Spring Security verified into the {@link Caller} that
 * tools see, once per request.
 */
final class CallerResolver {

	static final String GROUPS_CLAIM = CognitoClaimNames.GROUPS;

	private static final String ATTRIBUTE = CallerResolver.class.getName() + ".caller";

	private static final String SCOPE_PREFIX = "SCOPE_";

	private CallerResolver() {
	}

	static @Nullable Caller resolve(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Caller cached) {
			return cached;
		}
		Caller caller = from(SecurityContextHolder.getContext().getAuthentication());
		if (caller != null) {
			request.setAttribute(ATTRIBUTE, caller);
		}
		return caller;
	}

	static @Nullable Caller from(@Nullable Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			return null;
		}
		Jwt jwt = token.getToken();
		Set<String> scopes = new LinkedHashSet<>();
		for (GrantedAuthority authority : token.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(SCOPE_PREFIX)) {
				scopes.add(name.substring(SCOPE_PREFIX.length()));
			}
		}
		List<String> groups = jwt.getClaimAsStringList(GROUPS_CLAIM);
		Instant expiresAt = jwt.getExpiresAt();
		return new Caller(jwt.getClaimAsString(JwtClaimNames.ISS), jwt.getSubject(),
				jwt.getClaimAsString(CognitoClaimNames.USERNAME), jwt.getClaimAsString(CognitoClaimNames.CLIENT_ID),
				scopes, (groups != null) ? Set.copyOf(groups) : Set.of(), expiresAt);
	}

}
