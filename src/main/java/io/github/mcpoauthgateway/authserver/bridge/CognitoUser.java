package io.github.mcpoauthgateway.authserver.bridge;

import java.io.Serial;
import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * A user signed in through Cognito, with the id of the upstream grant (Cognito's tokens,
 * kept encrypted by the bridge) that their sign-in produced.
 */
final class CognitoUser extends DefaultOidcUser {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String grantId;

	CognitoUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, String grantId) {
		super(authorities, idToken, IdTokenClaimNames.SUB);
		this.grantId = grantId;
	}

	String grantId() {
		return this.grantId;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CognitoUser user && super.equals(other) && this.grantId.equals(user.grantId);
	}

	@Override
	public int hashCode() {
		return super.hashCode() * 31 + this.grantId.hashCode();
	}

}
