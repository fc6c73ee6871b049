package io.github.mcpoauthgateway.authserver.cimd;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

/**
 * The JWK Sets of {@code private_key_jwt} clients, fetched with the same guards as their
 * metadata documents and cached the same way.
 */
final class JwkSets {

	private static final String WHAT = "JWK Set";

	private final ClientIdMetadataDocumentSettings settings;

	private final DocumentFetcher fetcher;

	private final ExpiringCache<Result> cache;

	JwkSets(ClientIdMetadataDocumentSettings settings, AddressResolver resolver, Clock clock) {
		this.settings = settings;
		this.fetcher = new DocumentFetcher(settings, resolver);
		this.cache = new ExpiringCache<>(clock, settings.maxCachedDocuments());
	}

	/**
	 * The public keys published at the URL.
	 * @param url a {@code jwks_uri}
	 * @return the keys
	 * @throws KeySourceException if they cannot be fetched or are not acceptable
	 */
	JWKSet get(String url) throws KeySourceException {
		Result result = this.cache.get(url, this::load);
		if (result.keys() == null) {
			throw new KeySourceException(result.problem());
		}
		return result.keys();
	}

	private ExpiringCache.Loaded<Result> load(String url) {
		try {
			String problem = UriRules.clientIdProblem(url, this.settings.allowLoopbackHttp());
			if (problem != null) {
				throw new ClientMetadataException("The jwks_uri " + problem);
			}
			DocumentFetcher.Fetched fetched = this.fetcher.fetch(url, WHAT);
			return new ExpiringCache.Loaded<>(new Result(parse(fetched.body()), null), fetched.timeToLive());
		}
		catch (ClientMetadataException ex) {
			return new ExpiringCache.Loaded<>(new Result(null, ex.getMessage()),
					ClientIdMetadataDocumentRegisteredClientRepository.FAILURE_TTL);
		}
	}

	private static JWKSet parse(byte[] body) {
		JWKSet keys;
		try {
			keys = JWKSet.parse(new String(body, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new ClientMetadataException("The " + WHAT + " is not valid");
		}
		if (keys.getKeys().isEmpty() || keys.getKeys().stream().anyMatch(JWK::isPrivate)) {
			throw new ClientMetadataException("The " + WHAT + " is empty or holds private keys");
		}
		return keys;
	}

	private record Result(@Nullable JWKSet keys, @Nullable String problem) {
	}

}
