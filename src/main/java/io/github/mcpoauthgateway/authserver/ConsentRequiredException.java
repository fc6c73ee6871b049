package io.github.mcpoauthgateway.authserver;

import java.util.Objects;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A valid authorization request that the user has not approved in this browser yet: the
 * authorization endpoint answers it with the consent page, not with an error.
 */
final class ConsentRequiredException extends OAuth2AuthorizationCodeRequestAuthenticationException {

	private static final long serialVersionUID = 1L;

	private final transient RegisteredClient client;

	ConsentRequiredException(OAuth2AuthorizationCodeRequestAuthenticationToken request, RegisteredClient client) {
		super(new OAuth2Error("consent_required"), request);
		this.client = client;
	}

	RegisteredClient getClient() {
		return this.client;
	}

	/**
	 * The authorization request, never {@code null}: every one is made with it.
	 * @return the request
	 */
	@Override
	public OAuth2AuthorizationCodeRequestAuthenticationToken getAuthorizationCodeRequestAuthentication() {
		return Objects.requireNonNull(super.getAuthorizationCodeRequestAuthentication());
	}

}
