package io.github.mcpoauthgateway.authserver;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Sign-in with the demo users on this server's login form.
 */
final class DemoSignIn implements SignInMethod {

	private final String issuer;

	private final List<RegisteredClient> clients;

	private final DevUsers users;

	DemoSignIn(String issuer, List<RegisteredClient> clients, DevUsers users) {
		this.issuer = issuer;
		this.clients = List.copyOf(clients);
		this.users = users;
	}

	@Override
	public String issuer() {
		return this.issuer;
	}

	@Override
	public String loginPage() {
		return "/login";
	}

	@Override
	public List<RegisteredClient> configuredClients(Set<String> scopesOffered) {
		return this.clients;
	}

	@Override
	public boolean consentForEveryClient() {
		return false;
	}

	@Override
	public SignedInUser user(Authentication principal) {
		DevUsers.DevUser user = this.users.find(principal.getName());
		if (user == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
		return new SignedInUser(user.subject(), user.username(), user.groups(), authTime(principal));
	}

	/**
	 * When the user logged in: Spring Security records each authentication factor with
	 * the time it was verified; the principal is kept on refresh, so the time is too.
	 */
	private static Instant authTime(Authentication principal) {
		Instant latest = null;
		for (GrantedAuthority authority : principal.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor
					&& (latest == null || factor.getIssuedAt().isAfter(latest))) {
				latest = factor.getIssuedAt();
			}
		}
		return (latest != null) ? latest : Instant.now();
	}

}
