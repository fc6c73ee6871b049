package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;

/**
 * Opens the authorization URL for the user.
 */
@FunctionalInterface
public interface Browser {

	/**
	 * Opens the URL.
	 * @param url the authorization request
	 * @return {@code false} when no browser could be opened; the URL is then printed
	 */
	boolean open(URI url);

}
