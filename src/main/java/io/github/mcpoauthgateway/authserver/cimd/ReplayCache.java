package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code jti}s of client assertions already used, each kept until its assertion
 * expires. When full of unexpired entries it refuses new ones rather than forget one that
 * could then be replayed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3</a>
 */
final class ReplayCache {

	private final Clock clock;

	private final int maxEntries;

	/** Until when each client id and jti pair is kept; guarded by this. */
	private final Map<String, Instant> seen = new HashMap<>();

	ReplayCache(Clock clock, int maxEntries) {
		this.clock = clock;
		this.maxEntries = maxEntries;
	}

	/**
	 * Records a use of the assertion unless it was used before.
	 * @param clientId the client
	 * @param jti the assertion's id
	 * @param keepUntil when it can no longer be accepted anyway
	 * @return {@code true} the first time, {@code false} for a replay (or when full)
	 */
	synchronized boolean firstUse(String clientId, String jti, Instant keepUntil) {
		Instant now = this.clock.instant();
		String key = clientId.length() + ":" + clientId + jti;
		Instant until = this.seen.get(key);
		if (until != null && now.isBefore(until)) {
			return false;
		}
		if (this.seen.size() >= this.maxEntries) {
			this.seen.values().removeIf((kept) -> !now.isBefore(kept));
			if (this.seen.size() >= this.maxEntries) {
				return false;
			}
		}
		this.seen.put(key, keepUntil);
		return true;
	}

}
