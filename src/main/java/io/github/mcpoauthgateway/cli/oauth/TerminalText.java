package io.github.mcpoauthgateway.cli.oauth;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Text from a server made safe to print on a terminal: without escape sequences and
 * control characters, which could clear the screen, rewrite what was printed before, set
 * the window title or worse.
 *
 * @see <a href=
 * "https://www.ecma-international.org/publications-and-standards/standards/ecma-48/">ECMA-48</a>
 */
public final class TerminalText {

	// @formatter:off
	private static final Pattern UNSAFE = Pattern.compile(
			// Control sequences: CSI, parameters, intermediates, final byte.
			"(?:\\x1b\\[|\\x9b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?"
			// Control strings (OSC, DCS, SOS, PM, APC) up to their terminator, within a line.
			+ "|(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^\\x07\\x1b\\x9c\\n]*(?:\\x07|\\x1b\\\\|\\x9c)?"
			// Other escape sequences.
			+ "|\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?"
			// What is left of C0 (but tab and line feed), DEL and C1.
			+ "|[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");
	// @formatter:on

	private TerminalText() {
	}

	/**
	 * Removes escape sequences and control characters other than tab and line feed.
	 * @param text text from a server
	 * @return the text, safe to print; empty for {@code null}
	 */
	public static String safe(@Nullable String text) {
		return (text != null) ? UNSAFE.matcher(text).replaceAll("") : "";
	}

}
