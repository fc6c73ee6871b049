package io.github.mcpoauthgateway.security;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's fast path must accept and refuse exactly what Spring Security's own
 * header predicates accept and refuse.
 */
class HeaderCharactersTests {

	@Test
	void namesWhenEverySingleCharacterThenSameAnswerAsFramework() {
		assertSameForEveryCharacter(HeaderCharacters.names(), StrictHttpFirewall.ALLOWED_HEADER_NAMES);
	}

	@Test
	void valuesWhenEverySingleCharacterThenSameAnswerAsFramework() {
		assertSameForEveryCharacter(HeaderCharacters.values(), StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void valuesWhenTokenLikeStringsWithOneBadCharacterThenSameAnswerAsFramework() {
		String token = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";
		for (char bad : new char[] { '\u0000', '\r', '\n', '\t', '\u007F', '\u0085', '\u2028', '\uFFFF', '\uD800',
				'é' }) {
			for (int at : new int[] { 0, 7, token.length() }) {
				String value = token.substring(0, at) + bad + token.substring(at);
				assertThat(HeaderCharacters.values().test(value)).as("value with U+%04X at %d", (int) bad, at)
					.isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value));
				assertThat(HeaderCharacters.names().test(value)).as("name with U+%04X at %d", (int) bad, at)
					.isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(value));
			}
		}
		assertThat(HeaderCharacters.values().test(token)).isTrue();
		assertThat(HeaderCharacters.values().test("")).isTrue();
		assertThat(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test("")).isTrue();
	}

	@Test
	void valuesWhenLongValueAcceptedThenOnlyThatInstanceSkipsTheCheck() {
		Predicate<String> values = HeaderCharacters.values();
		String token = "Bearer " + "eyJhbGciOiJSUzI1NiJ9.".repeat(40);
		assertThat(values.test(token)).isTrue();
		assertThat(values.test(token)).isTrue();
		// Equal content in another instance is checked again, and so is anything else:
		// remembering one accepted value never lets a bad one through.
		assertThat(values.test(new String(token))).isTrue();
		String bad = token.substring(0, 100) + '\u0000' + token.substring(100);
		assertThat(values.test(bad)).isFalse();
		assertThat(values.test(bad)).isFalse();
		assertThat(values.test(token)).isTrue();
		String badAtEnd = token + '\n';
		assertThat(values.test(badAtEnd)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(badAtEnd)).isFalse();
	}

	@Test
	void valuesWhenSupplementaryCharactersThenSameAnswerAsFramework() {
		for (String value : new String[] { "a\uD83D\uDE00b", "\uD83D", "\uDE00", "x\uDB7F\uDFFF" }) {
			assertThat(HeaderCharacters.values().test(value))
				.isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value));
		}
	}

	private static void assertSameForEveryCharacter(Predicate<String> ours, Predicate<String> framework) {
		for (int c = 0; c <= Character.MAX_VALUE; c++) {
			String value = "a" + (char) c + "b";
			assertThat(ours.test(value)).as("U+%04X", c).isEqualTo(framework.test(value));
		}
	}

}
