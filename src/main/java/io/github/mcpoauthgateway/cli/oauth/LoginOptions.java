package io.github.mcpoauthgateway.cli.oauth;

import java.time.Duration;
import java.util.List;

/**
 * How to sign in.
 *
 * @param client the pre-registered client
 * @param scopes scopes to request; empty to use those the server's challenge asks for
 * @param redirectHost the loopback host of the redirect URI ({@code 127.0.0.1},
 * {@code localhost} or {@code [::1]})
 * @param redirectPort the redirect URI's port, 0 for any free one
 * @param redirectPath the redirect URI's path
 * @param timeout how long to wait for the user to finish signing in
 * @param assumePkce continue when the server's metadata does not advertise PKCE S256
 */
public record LoginOptions(ClientRegistration client, List<String> scopes, String redirectHost, int redirectPort,
		String redirectPath, Duration timeout, boolean assumePkce) {

	public LoginOptions {
		scopes = List.copyOf(scopes);
	}

}
