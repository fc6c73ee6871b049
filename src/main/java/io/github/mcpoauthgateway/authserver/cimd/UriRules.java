package io.github.mcpoauthgateway.authserver.cimd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The form of client id URLs, {@code jwks_uri}s and redirect URIs, judged on the string
 * alone. Each check returns a problem phrased to follow "the client id", never quoting
 * the value, or {@code null} when there is none.
 *
 * @see <a href=
 * "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-client-id-metadata-document#section-3">Client
 * Identifier URL</a>
 */
final class UriRules {

	static final int MAX_LENGTH = 2000;

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	/** Schemes that run code, read local data or reach a network other than by https. */
	private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "vbscript", "data", "file", "about",
			"blob", "filesystem", "view-source", "jar", "ftp", "ws", "wss", "intent");

	private UriRules() {
	}

	/**
	 * The problem with a client id URL or a {@code jwks_uri}: https (or, when allowed,
	 * http to a loopback host), a host, a path other than {@code /}, and no user
	 * information, query, fragment or dot segment.
	 * @param url the URL
	 * @param allowLoopbackHttp whether http is accepted for a loopback host (development)
	 * @return the problem, or {@code null} if none
	 */
	static @Nullable String clientIdProblem(String url, boolean allowLoopbackHttp) {
		URI uri = parse(url);
		if (uri == null) {
			return "is not a valid URL of at most " + MAX_LENGTH + " printable ASCII characters";
		}
		boolean loopbackHttp = allowLoopbackHttp && "http".equals(uri.getScheme()) && isLoopbackHost(uri.getHost());
		if (!"https".equals(uri.getScheme()) && !loopbackHttp) {
			return "must be an https URL";
		}
		if (uri.isOpaque() || uri.getRawAuthority() == null) {
			return "must have a host";
		}
		if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
			return "must not contain user information";
		}
		if (uri.getHost() == null) {
			return "must have a valid host";
		}
		if (uri.getRawQuery() != null) {
			return "must not have a query";
		}
		if (uri.getRawFragment() != null) {
			return "must not have a fragment";
		}
		if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath())) {
			return "must have a path";
		}
		return pathProblem(uri.getRawPath());
	}

	/**
	 * The problem with a redirect URI: absolute and hierarchical, no fragment, user
	 * information or dot segment, and either https, http to a loopback host, or a
	 * private-use scheme named after a domain ({@code com.example.app:/cb}) or with a
	 * dotted host ({@code cursor://anysphere.cursor-mcp/cb}); never a scheme that runs
	 * code or reads local data.
	 * @param value the redirect URI
	 * @return the problem, or {@code null} if none
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7">RFC 8252 Section
	 * 7</a>
	 */
	static @Nullable String redirectUriProblem(String value) {
		URI uri = parse(value);
		if (uri == null) {
			return "is not a valid URI of at most " + MAX_LENGTH + " printable ASCII characters";
		}
		if (!uri.isAbsolute()) {
			return "is not absolute";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (FORBIDDEN_SCHEMES.contains(scheme)) {
			return "uses a forbidden scheme";
		}
		if (uri.isOpaque()) {
			return "is not hierarchical";
		}
		if (uri.getRawFragment() != null) {
			return "must not have a fragment";
		}
		String authority = uri.getRawAuthority();
		if (uri.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
			return "must not contain user information";
		}
		String pathProblem = pathProblem(uri.getRawPath());
		if (pathProblem != null) {
			return pathProblem;
		}
		String host = uri.getHost();
		if ("https".equals(scheme)) {
			return (host != null) ? null : "must have a host";
		}
		if ("http".equals(scheme)) {
			return isLoopbackHost(host) ? null : "may use http only with a loopback host";
		}
		boolean domainNamed = scheme.contains(".") || (host != null && host.contains("."));
		return domainNamed ? null : "uses a private-use scheme not named after a domain";
	}

	static boolean isLoopbackHost(@Nullable String host) {
		return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
	}

	private static @Nullable URI parse(String value) {
		if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return null;
		}
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static @Nullable String pathProblem(@Nullable String rawPath) {
		if (rawPath == null) {
			return null;
		}
		String path = rawPath.toLowerCase(Locale.ROOT);
		// CAUTION: servers decode %2e and %2f before resolving, so "%2e%2e" climbs a
		// level and
		// "a%2f..%2f" hides one; refuse both rather than normalize.
		if (path.contains("%2f") || path.contains("%5c")) {
			return "must not contain encoded slashes";
		}
		for (String segment : path.replace("%2e", ".").split("/", -1)) {
			if (".".equals(segment) || "..".equals(segment)) {
				return "must not contain dot segments";
			}
		}
		return null;
	}

}
