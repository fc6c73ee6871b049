package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCacheTests {

	private static final String CLIENT = "https://app.example.com/client.json";

	private final MutableClock clock = new MutableClock();

	private final ReplayCache replays = new ReplayCache(this.clock, 2);

	private Instant inAMinute() {
		return this.clock.instant().plus(Duration.ofMinutes(1));
	}

	@Test
	void firstUseWhenNewJtiThenTrue() {
		assertThat(this.replays.firstUse(CLIENT, "a", inAMinute())).isTrue();
	}

	@Test
	void firstUseWhenJtiSeenAndNotExpiredThenFalse() {
		this.replays.firstUse(CLIENT, "a", inAMinute());
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.replays.firstUse(CLIENT, "a", inAMinute())).isFalse();
	}

	@Test
	void firstUseWhenSameJtiFromAnotherClientThenTrue() {
		this.replays.firstUse(CLIENT, "a", inAMinute());
		assertThat(this.replays.firstUse("https://other.example/client.json", "a", inAMinute())).isTrue();
	}

	@Test
	void firstUseWhenClientIdAndJtiSplitDifferentlyThenNotConfused() {
		this.replays.firstUse("https://a.example/c", "x", inAMinute());
		assertThat(this.replays.firstUse("https://a.example/cx", "", inAMinute())).isTrue();
	}

	@Test
	void firstUseWhenFullOfUnexpiredJtisThenFalseRatherThanForgetOne() {
		this.replays.firstUse(CLIENT, "a", inAMinute());
		this.replays.firstUse(CLIENT, "b", inAMinute());
		assertThat(this.replays.firstUse(CLIENT, "c", inAMinute())).isFalse();
		assertThat(this.replays.firstUse(CLIENT, "a", inAMinute())).isFalse();
	}

	@Test
	void firstUseWhenFullButEntriesExpiredThenPurgedAndTrue() {
		this.replays.firstUse(CLIENT, "a", inAMinute());
		this.replays.firstUse(CLIENT, "b", inAMinute());
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.replays.firstUse(CLIENT, "c", inAMinute())).isTrue();
	}

}
