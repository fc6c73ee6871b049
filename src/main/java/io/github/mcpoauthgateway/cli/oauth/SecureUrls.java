package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where this client may send requests, codes, tokens and secrets: {@code https} URLs, or
 * plain {@code http} to this machine only.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#communication-security">MCP
 * communication security</a>
 */
public final class SecureUrls {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	private SecureUrls() {
	}

	/**
	 * Whether a URL is {@code https}, or {@code http} to {@code 127.0.0.1}, {@code [::1]}
	 * or {@code localhost}.
	 * @param url the URL
	 * @return {@code true} when requests may go there
	 */
	public static boolean isSecure(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null) {
			return false;
		}
		return "https".equals(scheme) || ("http".equals(scheme) && LOOPBACK_HOSTS.contains(host));
	}

	/**
	 * Refuses a URL that is not {@link #isSecure(URI) secure}.
	 * @param url the URL
	 * @param what what the URL is, for the message, e.g. "The token endpoint"
	 * @return the URL
	 * @throws ClientException when the URL is not secure
	 */
	public static URI require(URI url, String what) {
		if (!isSecure(url)) {
			throw new ClientException(what + " " + url + " does not use https: this client sends codes, tokens and "
					+ "secrets only over https (plain http only to this machine: 127.0.0.1, [::1] or localhost)");
		}
		return url;
	}

}
