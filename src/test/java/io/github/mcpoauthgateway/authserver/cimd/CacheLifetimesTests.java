package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CacheLifetimesTests {

	private final ClientIdMetadataDocumentSettings settings = ClientIdMetadataDocumentSettings.defaults();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			max-age=600                       | PT10M
			public, max-age=600               | PT10M
			MAX-AGE=600                       | PT10M
			max-age="600"                     | PT10M
			max-age=1                         | PT1M
			max-age=0                         | PT1M
			max-age=31536000                  | PT24H
			max-age=99999999999999999999      | PT5M
			max-age=-5                        | PT5M
			max-age=abc                       | PT5M
			public                            | PT5M
			no-store                          | PT0S
			no-cache                          | PT0S
			max-age=600, no-store             | PT0S
			private, no-cache, max-age=600    | PT0S
			""")
	void timeToLiveWhenCacheControlThenClampedOrNone(String cacheControl, Duration expected) {
		assertThat(CacheLifetimes.timeToLive(List.of(cacheControl), this.settings)).isEqualTo(expected);
	}

	@Test
	void timeToLiveWhenNoCacheControlThenDefault() {
		assertThat(CacheLifetimes.timeToLive(List.of(), this.settings)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void timeToLiveWhenSeveralMaxAgesThenShortest() {
		assertThat(CacheLifetimes.timeToLive(List.of("max-age=900", "max-age=120"), this.settings))
			.isEqualTo(Duration.ofMinutes(2));
	}

}
