package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ExpiringCacheTests {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger loads = new AtomicInteger();

	private final ExpiringCache<String> cache = new ExpiringCache<>(this.clock, 2);

	private ExpiringCache.Loaded<String> load(String key, Duration timeToLive) {
		return new ExpiringCache.Loaded<>(key + "#" + this.loads.incrementAndGet(), timeToLive);
	}

	private String get(String key, Duration timeToLive) {
		return this.cache.get(key, (k) -> load(k, timeToLive));
	}

	@Test
	void getWhenCachedAndNotExpiredThenNotLoadedAgain() {
		assertThat(get("a", Duration.ofMinutes(1))).isEqualTo("a#1");
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(get("a", Duration.ofMinutes(1))).isEqualTo("a#1");
	}

	@Test
	void getWhenExpiredThenLoadedAgain() {
		get("a", Duration.ofMinutes(1));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(get("a", Duration.ofMinutes(1))).isEqualTo("a#2");
	}

	@Test
	void getWhenTimeToLiveZeroThenNotCached() {
		get("a", Duration.ZERO);
		assertThat(get("a", Duration.ZERO)).isEqualTo("a#2");
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void getWhenFullThenOldestEvicted() {
		get("a", Duration.ofMinutes(1));
		get("b", Duration.ofMinutes(1));
		get("c", Duration.ofMinutes(1));
		assertThat(this.cache.size()).isEqualTo(2);
		assertThat(this.cache.cached("a")).isNull();
		assertThat(this.cache.cached("b")).isEqualTo("b#2");
		assertThat(this.cache.cached("c")).isEqualTo("c#3");
	}

	@Test
	void getWhenLoaderFailsThenNothingCachedAndNextLookupLoads() {
		assertThatIllegalStateException().isThrownBy(() -> this.cache.get("a", (k) -> {
			throw new IllegalStateException("down");
		}));
		assertThat(get("a", Duration.ofMinutes(1))).isEqualTo("a#1");
	}

	@Test
	void getWhenConcurrentLookupsOfSameKeyThenLoadedOnce() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Map<String, String> results = new ConcurrentHashMap<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String name = "lookup-" + i;
			threads.add(new Thread(() -> results.put(name, this.cache.get("a", (k) -> {
				awaitQuietly(release);
				return load(k, Duration.ofMinutes(1));
			})), name));
		}
		threads.forEach(Thread::start);
		// one thread loads (blocked on the latch), the other three wait for its result
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!threads.stream().allMatch(ExpiringCacheTests::isWaiting)) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(1);
		}
		release.countDown();
		for (Thread thread : threads) {
			thread.join(10_000);
		}
		assertThat(this.loads).hasValue(1);
		assertThat(results).hasSize(4).allSatisfy((name, value) -> assertThat(value).isEqualTo("a#1"));
	}

	private static boolean isWaiting(Thread thread) {
		return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
