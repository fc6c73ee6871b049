package io.github.mcpoauthgateway.authserver.bridge;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Makes the user of a Cognito sign-in from its verified ID token (no UserInfo call), with
 * a fresh grant id under which the sign-in's Cognito tokens are kept.
 */
final class CognitoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final OidcUserService delegate = new OidcUserService();

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		// The UserInfo endpoint is not configured, so this reads only the ID token.
		OidcUser user = this.delegate.loadUser(request);
		byte[] id = new byte[24];
		RANDOM.nextBytes(id);
		return new CognitoUser(user.getAuthorities(), user.getIdToken(),
				Base64.getUrlEncoder().withoutPadding().encodeToString(id));
	}

}
