package io.github.mcpoauthgateway.cli.oauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTests {

	@Test
	void safeWhenCsiSequenceThenRemoved() {
		assertThat(TerminalText.safe("a\u001b[2Jb\u001b[1;31mc")).isEqualTo("abc");
	}

	@Test
	void safeWhenOscTitleThenRemovedWithItsText() {
		assertThat(TerminalText.safe("a\u001b]0;title\u0007b\u001b]8;;https://x\u001b\\c")).isEqualTo("abc");
	}

	@Test
	void safeWhenEightBitCsiThenRemoved() {
		assertThat(TerminalText.safe("a\u009b2Jb")).isEqualTo("ab");
	}

	@Test
	void safeWhenCarriageReturnBackspaceBellOrDeleteThenRemoved() {
		assertThat(TerminalText.safe("a\rb\bc\u0007d\u007fe")).isEqualTo("abcde");
	}

	@Test
	void safeWhenOtherEscapeSequenceThenRemoved() {
		assertThat(TerminalText.safe("a\u001bcb\u001b(Bc")).isEqualTo("abc");
	}

	@Test
	void safeWhenUnterminatedOscThenRemovedToEndOfLineOnly() {
		assertThat(TerminalText.safe("a\u001b]0;title\nb")).isEqualTo("a\nb");
	}

	@Test
	void safeWhenTabsNewlinesAndUnicodeThenKept() {
		assertThat(TerminalText.safe("name\tvalue\nZürich ✓")).isEqualTo("name\tvalue\nZürich ✓");
	}

	@Test
	void safeWhenNullThenEmpty() {
		assertThat(TerminalText.safe(null)).isEmpty();
	}

}
