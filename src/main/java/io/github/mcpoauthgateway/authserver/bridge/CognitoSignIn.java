package io.github.mcpoauthgateway.authserver.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.authserver.Clients;
import io.github.mcpoauthgateway.authserver.SignInMethod;
import io.github.mcpoauthgateway.authserver.SignedInUser;
import io.github.mcpoauthgateway.cognito.CognitoClaimNames;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Sign-in through Cognito's managed login: the user is who Cognito's ID token says, and
 * each refresh asks Cognito again.
 */
final class CognitoSignIn implements SignInMethod {

	static final String REGISTRATION_ID = "cognito";

	private final String issuer;

	private final UpstreamGrants grants;

	private final Duration accessTokenTimeToLive;

	private final Duration refreshTokenTimeToLive;

	CognitoSignIn(String issuer, UpstreamGrants grants, Duration accessTokenTimeToLive,
			Duration refreshTokenTimeToLive) {
		this.issuer = issuer;
		this.grants = grants;
		this.accessTokenTimeToLive = accessTokenTimeToLive;
		this.refreshTokenTimeToLive = refreshTokenTimeToLive;
	}

	@Override
	public String issuer() {
		return this.issuer;
	}

	@Override
	public String loginPage() {
		return "/oauth2/authorization/" + REGISTRATION_ID;
	}

	@Override
	public List<RegisteredClient> configuredClients(Set<String> scopesOffered) {
		// This project's command line, as in the local stack; every other client
		// registers itself.
		return List
			.of(Clients.commandLineClient(scopesOffered, this.accessTokenTimeToLive, this.refreshTokenTimeToLive));
	}

	@Override
	public boolean consentForEveryClient() {
		return true;
	}

	@Override
	public SignedInUser user(Authentication principal) {
		CognitoUser user = cognitoUser(principal);
		String username = user.getClaimAsString("cognito:username");
		List<String> groups = user.getClaimAsStringList(CognitoClaimNames.GROUPS);
		Instant authenticatedAt = (user.getAuthenticatedAt() != null) ? user.getAuthenticatedAt()
				: user.getIdToken().getIssuedAt();
		return new SignedInUser(user.getSubject(), StringUtils.hasText(username) ? username : user.getSubject(),
				(groups != null) ? groups : List.of(), (authenticatedAt != null) ? authenticatedAt : Instant.now());
	}

	@Override
	public void confirmStillAllowed(Authentication principal) {
		this.grants.confirm(cognitoUser(principal).grantId());
	}

	@Override
	public void revoked(Authentication principal) {
		if (principal.getPrincipal() instanceof CognitoUser user) {
			this.grants.remove(user.grantId());
		}
	}

	private static CognitoUser cognitoUser(Authentication principal) {
		if (principal.getPrincipal() instanceof CognitoUser user) {
			return user;
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
	}

}
