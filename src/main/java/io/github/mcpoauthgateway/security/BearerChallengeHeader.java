package io.github.mcpoauthgateway.security;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Builds {@code WWW-Authenticate: Bearer} challenges that always point clients at this
 * resource's metadata and at the scopes to ask for.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 Section 3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-5.1">RFC 9728 Section
 * 5.1</a>
 */
final class BearerChallengeHeader {

	private BearerChallengeHeader() {
	}

	static String of(@Nullable String error, @Nullable String description, String resourceMetadata,
			Collection<String> scopes) {
		StringBuilder challenge = new StringBuilder("Bearer ");
		if (error != null) {
			param(challenge, "error", error);
			if (description != null && !description.isBlank()) {
				param(challenge, "error_description", description);
			}
		}
		param(challenge, "resource_metadata", resourceMetadata);
		if (!scopes.isEmpty()) {
			param(challenge, "scope", String.join(" ", scopes));
		}
		return challenge.toString();
	}

	private static void param(StringBuilder challenge, String name, String value) {
		if (challenge.length() > "Bearer ".length()) {
			challenge.append(", ");
		}
		challenge.append(name).append("=\"").append(quotable(value)).append('"');
	}

	/**
	 * Keeps only the characters RFC 6750 allows inside a quoted parameter (no quote, no
	 * backslash, no control character), so that no value can break the header.
	 */
	private static String quotable(String value) {
		StringBuilder safe = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
				safe.append(c);
			}
		}
		return safe.toString();
	}

}
