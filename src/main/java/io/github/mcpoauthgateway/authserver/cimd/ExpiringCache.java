package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A bounded cache whose entries each expire after their own time to live; the oldest
 * entry goes when it is full, and concurrent lookups of one missing key load it once.
 *
 * @param <V> the type of the cached values
 */
final class ExpiringCache<V> {

	/**
	 * A loaded value and how long it may be kept.
	 *
	 * @param <V> the type of the value
	 * @param value the value
	 * @param timeToLive zero or less for not at all
	 */
	record Loaded<V>(V value, Duration timeToLive) {
	}

	private record Entry<V>(V value, Instant expiresAt) {
	}

	private final Clock clock;

	private final int maxEntries;

	/** In insertion order, so that the first entry is the oldest; guarded by itself. */
	private final Map<String, Entry<V>> entries = new LinkedHashMap<>();

	private final ConcurrentMap<String, CompletableFuture<V>> loading = new ConcurrentHashMap<>();

	ExpiringCache(Clock clock, int maxEntries) {
		this.clock = clock;
		this.maxEntries = maxEntries;
	}

	/**
	 * The cached value of the key, else the value the loader returns, kept for as long as
	 * the loader says. A thread that asks for a key another thread is loading waits for
	 * that load instead of starting its own.
	 * @param key the key
	 * @param loader loads the value of a key
	 * @return the value
	 */
	V get(String key, Function<String, Loaded<V>> loader) {
		V value = cached(key);
		if (value != null) {
			return value;
		}
		CompletableFuture<V> mine = new CompletableFuture<>();
		CompletableFuture<V> theirs = this.loading.putIfAbsent(key, mine);
		if (theirs != null) {
			return join(theirs);
		}
		try {
			value = cached(key); // a load may have ended between the two lookups
			if (value == null) {
				Loaded<V> loaded = loader.apply(key);
				store(key, loaded);
				value = loaded.value();
			}
			mine.complete(value);
			return value;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(key, mine);
		}
	}

	/**
	 * The value of the key, if cached and not expired.
	 * @param key the key
	 * @return the value, or {@code null}
	 */
	@Nullable V cached(String key) {
		synchronized (this.entries) {
			Entry<V> entry = this.entries.get(key);
			if (entry == null) {
				return null;
			}
			if (!this.clock.instant().isBefore(entry.expiresAt())) {
				this.entries.remove(key);
				return null;
			}
			return entry.value();
		}
	}

	int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	private void store(String key, Loaded<V> loaded) {
		if (loaded.timeToLive().isNegative() || loaded.timeToLive().isZero()) {
			return;
		}
		Instant expiresAt = this.clock.instant().plus(loaded.timeToLive());
		synchronized (this.entries) {
			this.entries.remove(key);
			this.entries.put(key, new Entry<>(loaded.value(), expiresAt));
			Iterator<String> oldest = this.entries.keySet().iterator();
			while (this.entries.size() > this.maxEntries) {
				oldest.next();
				oldest.remove();
			}
		}
	}

	private static <V> V join(CompletableFuture<V> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
