package io.github.mcpoauthgateway.authserver.bridge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Where Spring Security's OAuth2 login leaves Cognito's tokens after a sign-in: into
 * {@link UpstreamGrants}, under the sign-in's grant id, and nowhere else (not the HTTP
 * session, not an unbounded map).
 */
final class UpstreamGrantRecorder implements OAuth2AuthorizedClientRepository {

	private final UpstreamGrants grants;

	UpstreamGrantRecorder(UpstreamGrants grants) {
		this.grants = grants;
	}

	@Override
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			Authentication principal, HttpServletRequest request) {
		return null;
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		if (principal.getPrincipal() instanceof CognitoUser user) {
			this.grants.save(user.grantId(), authorizedClient.getAccessToken(), authorizedClient.getRefreshToken());
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		if (principal.getPrincipal() instanceof CognitoUser user) {
			this.grants.remove(user.grantId());
		}
	}

}
