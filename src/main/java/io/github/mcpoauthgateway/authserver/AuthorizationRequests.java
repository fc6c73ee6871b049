package io.github.mcpoauthgateway.authserver;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * What this server adds to Spring Authorization Server's handling of an authorization
 * request: loopback redirect URIs matched on any port (also for {@code localhost} and a
 * portless registration), {@code offline_access} ignored (refresh tokens come with the
 * refresh grant; some clients always ask for it), and the consent gate.
 */
final class AuthorizationRequests {

	static final String OFFLINE_ACCESS = "offline_access";

	// Not a String: a request parameter cannot forge it.
	private static final Object APPROVED = new Object();

	private static final String APPROVAL = AuthorizationRequests.class.getName() + ".approval";

	private final ClientConsent consent;

	AuthorizationRequests(ClientConsent consent) {
		this.consent = consent;
	}

	/**
	 * Wraps the authorization request converter: drops {@code offline_access} and marks a
	 * request this browser approved.
	 * @param delegate Spring Authorization Server's converter
	 * @return the converter to use
	 */
	AuthenticationConverter converter(AuthenticationConverter delegate) {
		return (request) -> {
			Authentication converted = delegate.convert(request);
			if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorization)) {
				return converted;
			}
			return annotated(request, authorization);
		};
	}

	private OAuth2AuthorizationCodeRequestAuthenticationToken annotated(HttpServletRequest request,
			OAuth2AuthorizationCodeRequestAuthenticationToken authorization) {
		Set<String> scopes = new LinkedHashSet<>(authorization.getScopes());
		scopes.remove(OFFLINE_ACCESS);
		Map<String, Object> parameters = new HashMap<>(authorization.getAdditionalParameters());
		parameters.remove(APPROVAL);
		OAuth2AuthorizationCodeRequestAuthenticationToken cleaned = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				authorization.getAuthorizationUri(), authorization.getClientId(),
				(Authentication) authorization.getPrincipal(), authorization.getRedirectUri(), authorization.getState(),
				scopes, parameters);
		Authentication principal = (Authentication) authorization.getPrincipal();
		boolean signedIn = principal != null && principal.isAuthenticated()
				&& !(principal instanceof AnonymousAuthenticationToken);
		// The approval is used up only when the code is about to be issued, so that it
		// survives the round trip through sign-in.
		if (this.consent.approved(request, cleaned, signedIn)) {
			parameters.put(APPROVAL, APPROVED);
			cleaned = new OAuth2AuthorizationCodeRequestAuthenticationToken(authorization.getAuthorizationUri(),
					authorization.getClientId(), principal, authorization.getRedirectUri(), authorization.getState(),
					scopes, parameters);
		}
		cleaned.setDetails(authorization.getDetails());
		return cleaned;
	}

	/**
	 * The grant as it is stored: without the approval mark, which served only the
	 * authorization request and is no value to write to the database.
	 * @param authorization the grant
	 * @return the grant to store
	 */
	static OAuth2Authorization storable(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (request == null || !request.getAdditionalParameters().containsKey(APPROVAL)) {
			return authorization;
		}
		OAuth2AuthorizationRequest cleaned = OAuth2AuthorizationRequest.from(request)
			.additionalParameters((parameters) -> parameters.remove(APPROVAL))
			.build();
		return OAuth2Authorization.from(authorization)
			.attribute(OAuth2AuthorizationRequest.class.getName(), cleaned)
			.build();
	}

	/**
	 * The checks of an authorization request, in order: redirect URI, scopes, resource,
	 * consent. Spring Authorization Server checks PKCE after them.
	 * @param resources the RFC 8707 resource check
	 * @return the validator
	 */
	Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator(ResourceIndicators resources) {
		Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> redirectUri = this::validateRedirectUri;
		return redirectUri.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
			.andThen(resources::validateAuthorizationRequest)
			.andThen(this::requireConsent);
	}

	/**
	 * Checks the redirect URI against the client's registered ones (see
	 * {@link RedirectUris}), with Spring Authorization Server's errors: no redirect to an
	 * unregistered URI.
	 * @param context the request being validated
	 */
	void validateRedirectUri(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String requested = authorization.getRedirectUri();
		if (!StringUtils.hasText(requested)) {
			// Only a client with exactly one redirect URI may leave it out, and never
			// with OpenID Connect.
			if (client.getRedirectUris().size() != 1 || authorization.getScopes().contains("openid")) {
				throw invalidRedirectUri(authorization);
			}
			return;
		}
		for (String registered : client.getRedirectUris()) {
			if (RedirectUris.matches(registered, requested)) {
				return;
			}
		}
		throw invalidRedirectUri(authorization);
	}

	/**
	 * Sends a valid request that needs consent to the consent page, unless this browser
	 * approved it. Runs after the redirect URI and scope checks, so the page never shows
	 * a request that would be refused; a request without PKCE is left to the PKCE check
	 * that follows.
	 * @param context the request being validated
	 */
	void requireConsent(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		if (!this.consent.required(client) || authorization.getAdditionalParameters().get(APPROVAL) == APPROVED
				|| !StringUtils
					.hasText((String) authorization.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE))) {
			return;
		}
		throw new ConsentRequiredException(authorization, client);
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException invalidRedirectUri(
			OAuth2AuthorizationCodeRequestAuthenticationToken authorization) {
		// A result without redirect URI: the error is shown, never sent to that URI.
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				authorization.getAuthorizationUri(), authorization.getClientId(),
				(Authentication) authorization.getPrincipal(), null, authorization.getState(),
				authorization.getScopes(), authorization.getAdditionalParameters());
		return new OAuth2AuthorizationCodeRequestAuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
						"OAuth 2.0 Parameter: " + OAuth2ParameterNames.REDIRECT_URI, null),
				result);
	}

}
