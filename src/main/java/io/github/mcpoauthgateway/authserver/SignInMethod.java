package io.github.mcpoauthgateway.authserver;

import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * How people sign in to the authorization server: the demo users of the local stack, or
 * Amazon Cognito's managed login in bridge mode. Everything an MCP client sees (metadata,
 * registration, consent, tokens) is the same for both; only this differs.
 */
public interface SignInMethod {

	/**
	 * The issuer identifier of this authorization server.
	 * @return an http(s) URL without a trailing slash
	 */
	String issuer();

	/**
	 * Where a browser that must sign in is sent.
	 * @return a path on this server
	 */
	String loginPage();

	/**
	 * The clients registered by configuration, beside dynamically registered ones.
	 * @param scopesOffered the scopes this server grants
	 * @return the clients
	 */
	List<RegisteredClient> configuredClients(Set<String> scopesOffered);

	/**
	 * Whether every client, configured ones too, needs the user's consent before sign-in.
	 * In bridge mode it does: the sign-in is forwarded to another server.
	 * @return {@code true} to ask for consent for every client
	 */
	boolean consentForEveryClient();

	/**
	 * The signed-in user behind an authentication.
	 * @param principal the authentication of the user, as stored with the grant
	 * @return the user
	 * @throws OAuth2AuthenticationException when the principal is not one of this
	 * method's users
	 */
	SignedInUser user(Authentication principal);

	/**
	 * Called before a refresh token is exchanged, to confirm that the user may still sign
	 * in (bridge mode asks Cognito).
	 * @param principal the user of the grant
	 * @throws OAuth2AuthenticationException with {@code invalid_grant} when not
	 */
	default void confirmStillAllowed(Authentication principal) {
	}

	/**
	 * Called when a grant is revoked as a whole, to end what it holds elsewhere.
	 * @param principal the user of the grant
	 */
	default void revoked(Authentication principal) {
	}

}
