package io.github.mcpoauthgateway.authserver;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.util.StringUtils;

/**
 * RFC 8707 resource indicators, which Spring Authorization Server ignores for the
 * authorization code grant: a {@code resource} must be one this server knows, both in the
 * authorization request and in the token request, and it becomes the access token's
 * audience. As with Cognito, one resource per request.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707">RFC 8707</a>
 */
final class ResourceIndicators {

	static final String RESOURCE = "resource";

	static final String INVALID_TARGET = "invalid_target";

	private final String defaultResource;

	private final Set<String> known;

	ResourceIndicators(String defaultResource) {
		this.defaultResource = defaultResource;
		this.known = Set.of(defaultResource);
	}

	/**
	 * The resource of a token whose client asked for none.
	 * @return the MCP resource URL
	 */
	String defaultResource() {
		return this.defaultResource;
	}

	/**
	 * Refuses an authorization request naming an unknown resource, with an error sent to
	 * the client's redirect URI.
	 * @param context the authorization request being validated
	 */
	void validateAuthorizationRequest(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		List<String> resources = values(request.getAdditionalParameters().get(RESOURCE));
		if (resources.size() > 1 || (resources.size() == 1 && !this.known.contains(resources.get(0)))) {
			String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
					request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
					redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(invalidTarget(), result);
		}
	}

	/**
	 * The audience of an access token: the resource of the token request, which must be
	 * known and, when the authorization request named one, the same; else the resource of
	 * the authorization request; else none.
	 * @param context the access token being encoded
	 * @return the resource, or {@code null} when none was requested
	 * @throws OAuth2AuthenticationException with {@code invalid_target} otherwise
	 */
	@Nullable String audience(JwtEncodingContext context) {
		List<String> authorized = List.of();
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization != null) {
			OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
			if (request != null) {
				authorized = values(request.getAdditionalParameters().get(RESOURCE));
			}
		}
		List<String> requested = List.of();
		if (context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant) {
			requested = values(grant.getAdditionalParameters().get(RESOURCE));
		}
		if (requested.size() > 1) {
			throw new OAuth2AuthenticationException(invalidTarget());
		}
		if (requested.isEmpty()) {
			return authorized.isEmpty() ? null : authorized.get(0);
		}
		String resource = requested.get(0);
		if (!this.known.contains(resource) || (!authorized.isEmpty() && !authorized.contains(resource))) {
			throw new OAuth2AuthenticationException(invalidTarget());
		}
		return resource;
	}

	private static OAuth2Error invalidTarget() {
		return new OAuth2Error(INVALID_TARGET, "The requested resource is unknown or not the one authorized", null);
	}

	private static List<String> values(@Nullable Object parameter) {
		if (parameter instanceof String value) {
			return List.of(value);
		}
		if (parameter instanceof String[] values) {
			return List.of(values);
		}
		return List.of();
	}

}
