package io.github.mcpoauthgateway.authserver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The redirect URI rules of this authorization server, for registration and for
 * authorization requests alike: exact string matching, except that a loopback URI
 * ({@code 127.0.0.1}, {@code [::1]} or {@code localhost}) matches on any port, also when
 * it was registered without one, as native clients pick a free port at run time.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 Section
 * 7.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.1">RFC 9700 Section
 * 4.1</a>
 */
public final class RedirectUris {

	static final int MAX_LENGTH = 2000;

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	// Schemes that run code or read local data in a browser, or that are not redirects.
	private static final Set<String> UNSAFE_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "about", "blob",
			"filesystem", "ftp", "ws", "wss", "mailto", "jar", "view-source");

	private RedirectUris() {
	}

	/**
	 * Whether a requested redirect URI matches a registered one.
	 * @param registered the registered URI
	 * @param requested the URI of the authorization request
	 * @return {@code true} on an exact match, or a loopback match on any port
	 */
	public static boolean matches(String registered, String requested) {
		if (registered.equals(requested)) {
			return true;
		}
		URI left = parse(registered);
		URI right = parse(requested);
		if (left == null || right == null || !isLoopback(left) || !isLoopback(right)) {
			return false;
		}
		// Everything but the port must be the same, to the letter.
		return "http".equals(left.getScheme()) && "http".equals(right.getScheme()) && left.getRawAuthority() != null
				&& right.getRawUserInfo() == null && left.getRawUserInfo() == null
				&& left.getHost().equalsIgnoreCase(right.getHost()) && same(left.getRawPath(), right.getRawPath())
				&& same(left.getRawQuery(), right.getRawQuery()) && right.getRawFragment() == null;
	}

	/**
	 * Why a redirect URI may not be registered, if it may not.
	 * @param uri the redirect URI a client wants to register
	 * @return a short reason, or {@code null} when the URI is acceptable
	 */
	public static @Nullable String problem(String uri) {
		if (uri.length() > MAX_LENGTH) {
			return "is longer than " + MAX_LENGTH + " characters";
		}
		URI parsed = parse(uri);
		if (parsed == null || parsed.getScheme() == null) {
			return "is not an absolute URI";
		}
		String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
		if (parsed.getRawFragment() != null) {
			return "has a fragment";
		}
		if (parsed.getRawUserInfo() != null) {
			return "has user information";
		}
		if (UNSAFE_SCHEMES.contains(scheme)) {
			return "uses the scheme " + scheme;
		}
		if (hasDotSegment(parsed.getRawPath())) {
			return "has a dot segment";
		}
		if ("https".equals(scheme)) {
			return (parsed.getHost() != null) ? null : "has no host";
		}
		if ("http".equals(scheme)) {
			return isLoopback(parsed) ? null : "uses plain http outside the loopback interface";
		}
		// Private-use schemes of native applications (RFC 8252 Section 7.1).
		return null;
	}

	static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
	}

	private static boolean hasDotSegment(@Nullable String rawPath) {
		if (rawPath == null) {
			return false;
		}
		for (String segment : rawPath.split("/", -1)) {
			String decoded = segment.replace("%2e", ".").replace("%2E", ".");
			if (decoded.equals(".") || decoded.equals("..")) {
				return true;
			}
		}
		return false;
	}

	private static boolean same(@Nullable String left, @Nullable String right) {
		return (left == null) ? right == null : left.equals(right);
	}

	private static @Nullable URI parse(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
