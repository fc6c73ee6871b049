package io.github.mcpoauthgateway.mcp;

import java.net.URI;
import java.util.Locale;

import org.springframework.util.Assert;

/**
 * The canonical URL of the MCP endpoint and the URLs derived from it. Every URL this
 * server advertises comes from here, never from the request, so it stays the public
 * {@code https://} one behind any proxy.
 *
 * @param url the canonical URL, scheme and host in lower case, no trailing slash
 * @param origin the scheme, host and port of {@code url}
 * @param metadataUrl where its RFC 9728 metadata is published
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3.1">RFC 9728 Section
 * 3.1</a>
 */
public record CanonicalResource(String url, String origin, String metadataUrl) {

	static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

	/**
	 * Validates and normalizes a configured resource URL.
	 * @param configured the URL as configured
	 * @return the canonical resource
	 * @throws IllegalArgumentException when the URL cannot identify a protected resource
	 */
	public static CanonicalResource of(URI configured) {
		Assert.isTrue(configured.isAbsolute() && configured.getHost() != null,
				"must be an absolute URL with a host, for example https://mcp.example.com/mcp");
		String scheme = configured.getScheme().toLowerCase(Locale.ROOT);
		Assert.isTrue("https".equals(scheme) || "http".equals(scheme),
				"must use https (or http on a development host)");
		Assert.isTrue(configured.getRawQuery() == null && configured.getRawFragment() == null,
				"must not have a query or a fragment");
		Assert.isTrue(configured.getRawUserInfo() == null, "must not carry user information");
		String path = (configured.getRawPath() != null) ? configured.getRawPath() : "";
		Assert.isTrue(!path.endsWith("/"), "must not end with a slash, for example https://mcp.example.com/mcp");
		String origin = scheme + "://" + configured.getHost().toLowerCase(Locale.ROOT)
				+ ((configured.getPort() != -1) ? ":" + configured.getPort() : "");
		return new CanonicalResource(origin + path, origin, origin + METADATA_PATH + path);
	}

	/**
	 * Whether the resource is served over plain HTTP, which only suits local development.
	 * @return {@code true} for an {@code http://} URL
	 */
	public boolean isPlainHttp() {
		return this.url.startsWith("http://");
	}

}
