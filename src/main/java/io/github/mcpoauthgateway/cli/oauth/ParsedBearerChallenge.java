package io.github.mcpoauthgateway.cli.oauth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a {@code WWW-Authenticate: Bearer} challenge.
 *
 * @param parameters the auth-params by lower-case name
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 Section 3</a>
 */
public record ParsedBearerChallenge(Map<String, String> parameters) {

	private static final Pattern PARAMETER = Pattern
		.compile("([A-Za-z0-9_!#$%&'*+.^`|~-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))");

	/**
	 * Parses a header value; only the Bearer challenge is read.
	 * @param header the {@code WWW-Authenticate} value
	 * @return the challenge, or {@code null} when the header has no Bearer challenge
	 */
	public static @Nullable ParsedBearerChallenge parse(@Nullable String header) {
		if (header == null) {
			return null;
		}
		int start = header.toLowerCase(Locale.ROOT).indexOf("bearer");
		if (start < 0) {
			return null;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		Matcher matcher = PARAMETER.matcher(header.substring(start + "bearer".length()));
		while (matcher.find()) {
			String value = (matcher.group(2) != null) ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
			parameters.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), value);
		}
		return new ParsedBearerChallenge(Map.copyOf(parameters));
	}

	public @Nullable String resourceMetadata() {
		return this.parameters.get("resource_metadata");
	}

	public @Nullable String scope() {
		return this.parameters.get("scope");
	}

	public @Nullable String error() {
		return this.parameters.get("error");
	}

}
