package io.github.mcpoauthgateway.authserver.cimd;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Limits for fetching and caching client metadata documents.
 *
 * @param allowLoopbackHttp whether {@code http} client ids on a loopback host
 * ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}) are accepted and fetched;
 * development only
 * @param maxDocumentBytes the largest document (and JWK Set) read, in bytes
 * @param timeout the connect and read timeout of one fetch
 * @param defaultCacheTtl how long a document is kept when its response has no
 * {@code Cache-Control: max-age}
 * @param minCacheTtl the shortest time a cacheable document is kept, whatever its
 * {@code max-age}
 * @param maxCacheTtl the longest time a document is kept, whatever its {@code max-age}
 * @param maxCachedDocuments how many documents are kept at most; the oldest go first
 * @param maxRedirectUris how many {@code redirect_uris} a document may list
 * @see <a href=
 * "https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/">OAuth
 * Client ID Metadata Document</a>
 */
public record ClientIdMetadataDocumentSettings(boolean allowLoopbackHttp, int maxDocumentBytes, Duration timeout,
		Duration defaultCacheTtl, Duration minCacheTtl, Duration maxCacheTtl, int maxCachedDocuments,
		int maxRedirectUris) {

	public ClientIdMetadataDocumentSettings {
		Assert.isTrue(maxDocumentBytes > 0, "maxDocumentBytes must be positive");
		Assert.notNull(timeout, "timeout cannot be null");
		Assert.isTrue(timeout.compareTo(Duration.ofMillis(1)) >= 0, "timeout must be at least 1 ms");
		Assert.notNull(defaultCacheTtl, "defaultCacheTtl cannot be null");
		Assert.notNull(minCacheTtl, "minCacheTtl cannot be null");
		Assert.notNull(maxCacheTtl, "maxCacheTtl cannot be null");
		Assert.isTrue(!minCacheTtl.isNegative(), "minCacheTtl cannot be negative");
		Assert.isTrue(minCacheTtl.compareTo(maxCacheTtl) <= 0, "minCacheTtl cannot exceed maxCacheTtl");
		Assert.isTrue(defaultCacheTtl.compareTo(minCacheTtl) >= 0 && defaultCacheTtl.compareTo(maxCacheTtl) <= 0,
				"defaultCacheTtl must lie between minCacheTtl and maxCacheTtl");
		Assert.isTrue(maxCachedDocuments > 0, "maxCachedDocuments must be positive");
		Assert.isTrue(maxRedirectUris > 0, "maxRedirectUris must be positive");
	}

	/**
	 * The production settings: https only, 5 KiB, 3 s, cached 5 min by default and
	 * between 1 min and 24 h, 1000 documents, 10 redirect URIs.
	 * @return the default settings
	 */
	public static ClientIdMetadataDocumentSettings defaults() {
		return new ClientIdMetadataDocumentSettings(false, 5 * 1024, Duration.ofSeconds(3), Duration.ofMinutes(5),
				Duration.ofMinutes(1), Duration.ofHours(24), 1000, 10);
	}

	/**
	 * These settings with loopback {@code http} client ids accepted or not.
	 * @param allowLoopbackHttp {@code true} for development only
	 * @return the new settings
	 */
	public ClientIdMetadataDocumentSettings withAllowLoopbackHttp(boolean allowLoopbackHttp) {
		return new ClientIdMetadataDocumentSettings(allowLoopbackHttp, this.maxDocumentBytes, this.timeout,
				this.defaultCacheTtl, this.minCacheTtl, this.maxCacheTtl, this.maxCachedDocuments,
				this.maxRedirectUris);
	}

}
