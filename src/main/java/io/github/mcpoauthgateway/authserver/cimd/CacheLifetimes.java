package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How long a fetched document may be kept, from its {@code Cache-Control} header within
 * the configured bounds.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9111#section-5.2">RFC 9111 Section
 * 5.2</a>
 */
final class CacheLifetimes {

	private CacheLifetimes() {
	}

	/**
	 * How long a response may be cached: zero for {@code no-store} or {@code no-cache},
	 * else its {@code max-age} within the configured bounds, else the default.
	 * @param cacheControl the values of the {@code Cache-Control} headers
	 * @param settings the bounds and the default
	 * @return the time to live, zero for none
	 */
	static Duration timeToLive(List<String> cacheControl, ClientIdMetadataDocumentSettings settings) {
		Duration maxAge = null;
		for (String value : cacheControl) {
			for (String directive : value.split(",")) {
				String name = directive.trim().toLowerCase(Locale.ROOT);
				if ("no-store".equals(name) || "no-cache".equals(name)) {
					return Duration.ZERO;
				}
				if (name.startsWith("max-age=")) {
					Duration parsed = seconds(name.substring("max-age=".length()));
					if (parsed != null && (maxAge == null || parsed.compareTo(maxAge) < 0)) {
						maxAge = parsed;
					}
				}
			}
		}
		if (maxAge == null) {
			return settings.defaultCacheTtl();
		}
		if (maxAge.compareTo(settings.minCacheTtl()) < 0) {
			return settings.minCacheTtl();
		}
		return (maxAge.compareTo(settings.maxCacheTtl()) > 0) ? settings.maxCacheTtl() : maxAge;
	}

	private static @Nullable Duration seconds(String value) {
		String digits = value.replace("\"", "");
		if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		return Duration.ofSeconds(Long.parseLong(digits));
	}

}
