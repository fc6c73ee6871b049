package io.github.mcpoauthgateway.security;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's header rules with a fast path: a string of printable ASCII is accepted
 * by a loop over its characters; anything else goes to Spring Security's own predicate.
 * <p>
 * {@link StrictHttpFirewall} checks every header name and value it hands out against a
 * Unicode regular expression ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, tab allowed in
 * values). A bearer token is about a kilobyte of printable ASCII read twice per request,
 * and that regex was about a seventh of the CPU of a tool call. Every character from
 * {@code 0x20} to {@code 0x7E} is assigned and not a control character, and tab is
 * allowed only where the framework allows it, so the answer is the same for every string:
 * only the cost differs.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/**
	 * Header names: {@link StrictHttpFirewall#ALLOWED_HEADER_NAMES}, printable ASCII
	 * first.
	 */
	static Predicate<String> names() {
		return (name) -> isPrintableAscii(name, false) || StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(name);
	}

	/**
	 * Header values: {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}, printable ASCII
	 * and tab first, and a long value just accepted again without a second loop.
	 */
	static Predicate<String> values() {
		return new Values();
	}

	/**
	 * The values rule, remembering the last long value it accepted by identity. The
	 * {@code Authorization} header is read twice per request through the firewall (Spring
	 * Security's DPoP matcher, then the bearer resolver), and Tomcat hands out the same
	 * {@code String} both times, so the second check of the kilobyte is one comparison. A
	 * string is immutable: the same instance has the same answer. Another request's
	 * header is never the same instance, and a slot taken by a concurrent request costs
	 * only the loop. Short values are not remembered: their loop is cheap, and a write
	 * per header would be shared-memory traffic for nothing.
	 */
	private static final class Values implements Predicate<String> {

		private static final int REMEMBERED_LENGTH = 256;

		private volatile @Nullable String lastAccepted;

		@Override
		public boolean test(String value) {
			if (value == this.lastAccepted) {
				return true;
			}
			boolean accepted = isPrintableAscii(value, true) || StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);
			if (accepted && value.length() >= REMEMBERED_LENGTH) {
				this.lastAccepted = value;
			}
			return accepted;
		}

	}

	static boolean isPrintableAscii(String text, boolean tabAllowed) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 || c > 0x7E) && !(tabAllowed && c == '\t')) {
				return false;
			}
		}
		return true;
	}

}
