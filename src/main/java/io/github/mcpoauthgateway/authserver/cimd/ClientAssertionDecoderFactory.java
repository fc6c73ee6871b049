package io.github.mcpoauthgateway.authserver.cimd;

import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523) of clients from metadata
 * documents: their keys come from the document's {@code jwks_uri}, fetched with the same
 * guards as the document, or its inline {@code jwks}; the signature must be RS256, ES256
 * or PS256; the claims are checked by {@link ClientAssertionValidator}, replays included.
 * Other clients get Spring Authorization Server's
 * {@link JwtClientAssertionDecoderFactory}. Set it with
 * {@link JwtClientAssertionAuthenticationProvider#setJwtDecoderFactory(JwtDecoderFactory)}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.2">RFC 7523 Section
 * 2.2</a>
 */
public final class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	static final int MAX_REPLAY_ENTRIES = 10_000;

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	private final Set<String> audiences;

	private final JwkSets jwkSets;

	private final ReplayCache replays;

	private final Clock clock;

	private final JwtDecoderFactory<RegisteredClient> others = new JwtClientAssertionDecoderFactory();

	/**
	 * Creates a factory that fetches through the system's name service.
	 * @param settings the limits of fetching and caching JWK Sets
	 * @param issuer this authorization server's issuer, one accepted {@code aud}
	 * @param tokenEndpointUrl the absolute token endpoint URL, the other accepted
	 * {@code aud}
	 */
	public ClientAssertionDecoderFactory(ClientIdMetadataDocumentSettings settings, String issuer,
			String tokenEndpointUrl) {
		this(settings, issuer, tokenEndpointUrl, AddressResolver.SYSTEM, Clock.systemUTC());
	}

	ClientAssertionDecoderFactory(ClientIdMetadataDocumentSettings settings, String issuer, String tokenEndpointUrl,
			AddressResolver resolver, Clock clock) {
		Assert.notNull(settings, "settings cannot be null");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.hasText(tokenEndpointUrl, "tokenEndpointUrl cannot be empty");
		Assert.notNull(resolver, "resolver cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		// NOTE: both audiences, as clients differ: ChatGPT sends one of them.
		this.audiences = Set.copyOf(List.of(issuer, tokenEndpointUrl));
		this.jwkSets = new JwkSets(settings, resolver, clock);
		this.replays = new ReplayCache(clock, MAX_REPLAY_ENTRIES);
		this.clock = clock;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient registeredClient) {
		Assert.notNull(registeredClient, "registeredClient cannot be null");
		Object registration = registeredClient.getClientSettings()
			.getSetting(ClientIdMetadataDocumentRegisteredClientRepository.REGISTRATION_SETTING);
		if (!ClientIdMetadataDocumentRegisteredClientRepository.REGISTRATION_CIMD.equals(registration)) {
			return this.others.createDecoder(registeredClient);
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys(registeredClient))
			.jwsAlgorithms((algorithms) -> {
				algorithms.add(SignatureAlgorithm.RS256);
				algorithms.add(SignatureAlgorithm.ES256);
				algorithms.add(SignatureAlgorithm.PS256);
			})
			.build();
		decoder.setJwtValidator(
				new ClientAssertionValidator(registeredClient.getClientId(), this.audiences, this.replays, this.clock));
		return decoder;
	}

	private JWKSource<SecurityContext> keys(RegisteredClient client) {
		String jwks = client.getClientSettings()
			.getSetting(ClientIdMetadataDocumentRegisteredClientRepository.JWKS_SETTING);
		if (jwks != null) {
			try {
				return new ImmutableJWKSet<>(JWKSet.parse(jwks));
			}
			catch (ParseException ex) {
				throw invalidClient("its jwks is not a JWK Set");
			}
		}
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		if (!StringUtils.hasText(jwkSetUrl)) {
			throw invalidClient("it has neither jwks_uri nor jwks");
		}
		return (selector, context) -> selector.select(this.jwkSets.get(jwkSetUrl));
	}

	private static OAuth2AuthenticationException invalidClient(String problem) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
				"Failed to find a Signature Verifier for the client: " + problem, ERROR_URI);
		return new OAuth2AuthenticationException(error);
	}

}
