package io.github.mcpoauthgateway.authserver.cimd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientAssertionDecoderFactoryTests {

	private static final String ISSUER = "https://mcp.example.com";

	private static final String TOKEN_ENDPOINT = "https://mcp.example.com/oauth2/token";

	private final ClientIdMetadataDocumentSettings development = ClientIdMetadataDocumentSettings.defaults()
		.withAllowLoopbackHttp(true);

	private final MetadataServer server = new MetadataServer();

	private final MutableClock clock = new MutableClock();

	private final String clientId = this.server.url("/client.json");

	private final ClientAssertionDecoderFactory factory = new ClientAssertionDecoderFactory(this.development, ISSUER,
			TOKEN_ENDPOINT, AddressResolver.SYSTEM, this.clock);

	ClientAssertionDecoderFactoryTests() {
		this.server.json("/jwks.json", new JWKSet(TestAssertions.KEY.toPublicJWK()).toString());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private RegisteredClient client(Map<String, Object> document) {
		byte[] json = TestDocuments.json(document).getBytes(StandardCharsets.UTF_8);
		return DocumentClients.registeredClient(ClientIdMetadataDocument.parse(json, this.clientId, this.development),
				Set.of("mcp:tools"), (builder) -> {
				});
	}

	private RegisteredClient client() {
		return client(TestDocuments.privateKeyJwtClient(this.clientId, this.server.url("/jwks.json")));
	}

	private JWTClaimsSet.Builder claims() {
		return TestAssertions.claims(this.clientId, TOKEN_ENDPOINT, this.clock.instant());
	}

	private String signed(JWTClaimsSet.Builder claims) {
		return TestAssertions.sign(claims.build(), TestAssertions.KEY);
	}

	private Jwt decode(String assertion) {
		return decode(client(), assertion);
	}

	private Jwt decode(RegisteredClient client, String assertion) {
		return this.factory.createDecoder(client).decode(assertion);
	}

	private List<String> invalid(String assertion) {
		return assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decode(assertion))
			.actual()
			.getErrors()
			.stream()
			.map(OAuth2Error::getDescription)
			.toList();
	}

	@Nested
	class Claims {

		@Test
		void decodeWhenAudienceIsTokenEndpointThenAccepted() {
			Jwt assertion = decode(signed(claims()));
			assertThat(assertion.getSubject()).isEqualTo(ClientAssertionDecoderFactoryTests.this.clientId);
		}

		@Test
		void decodeWhenAudienceIsIssuerThenAccepted() {
			assertThat(decode(signed(claims().audience(ISSUER))).getAudience()).containsExactly(ISSUER);
		}

		@Test
		void decodeWhenAudienceListsTokenEndpointAmongOthersThenAccepted() {
			assertThat(decode(signed(claims().audience(List.of("https://other.example", TOKEN_ENDPOINT))))).isNotNull();
		}

		@Test
		void decodeWhenAudienceIsAnotherServerThenInvalid() {
			assertThat(invalid(signed(claims().audience("https://other.example/oauth2/token"))))
				.containsExactly("The assertion's aud is neither the token endpoint nor the issuer");
		}

		@Test
		void decodeWhenNoAudienceThenInvalid() {
			assertThat(invalid(signed(claims().audience((String) null))))
				.containsExactly("The assertion's aud is neither the token endpoint nor the issuer");
		}

		@Test
		void decodeWhenExpiredThenInvalid() {
			Instant now = ClientAssertionDecoderFactoryTests.this.clock.instant();
			assertThat(invalid(signed(claims().issueTime(Date.from(now.minusSeconds(91)))
				.expirationTime(Date.from(now.minusSeconds(31)))))).containsExactly("The assertion has expired");
		}

		@Test
		void decodeWhenExpiredWithinClockSkewThenAccepted() {
			Instant now = ClientAssertionDecoderFactoryTests.this.clock.instant();
			assertThat(decode(signed(claims().issueTime(Date.from(now.minusSeconds(89)))
				.expirationTime(Date.from(now.minusSeconds(29)))))).isNotNull();
		}

		@Test
		void decodeWhenNoExpThenInvalid() {
			assertThat(invalid(signed(claims().expirationTime(null)))).containsExactly("The assertion has no exp");
		}

		@Test
		void decodeWhenExpMoreThanAnHourAheadThenInvalid() {
			Instant now = ClientAssertionDecoderFactoryTests.this.clock.instant();
			assertThat(invalid(signed(claims().expirationTime(Date.from(now.plus(Duration.ofHours(2)))))))
				.containsExactly("The assertion expires more than 60 minutes from now");
		}

		@Test
		void decodeWhenNotBeforeInTheFutureThenInvalid() {
			Instant now = ClientAssertionDecoderFactoryTests.this.clock.instant();
			assertThat(invalid(signed(claims().notBeforeTime(Date.from(now.plusSeconds(60))))))
				.containsExactly("The assertion is not valid yet");
		}

		@Test
		void decodeWhenSubjectIsNotIssuerThenInvalid() {
			assertThat(invalid(signed(claims().subject("https://evil.example/client.json"))))
				.containsExactly("The assertion's sub is not the client id");
		}

		@Test
		void decodeWhenIssuerIsAnotherClientThenInvalid() {
			assertThat(invalid(signed(claims().issuer("https://evil.example/client.json"))))
				.containsExactly("The assertion's iss is not the client id");
		}

		@Test
		void decodeWhenNoJtiThenInvalid() {
			assertThat(invalid(signed(claims().jwtID(null)))).containsExactly("The assertion has no jti");
		}

		@Test
		void decodeWhenJtiReplayedThenInvalid() {
			String assertion = signed(claims());
			decode(assertion);
			assertThat(invalid(assertion)).containsExactly("The assertion was used before");
		}

		@Test
		void decodeWhenJtiReusedInNewAssertionThenInvalid() {
			decode(signed(claims().jwtID("once")));
			assertThat(invalid(signed(claims().jwtID("once")))).containsExactly("The assertion was used before");
		}

		@Test
		void decodeWhenInvalidAssertionCarriedJtiThenJtiNotConsumed() {
			invalid(signed(claims().jwtID("once").audience("https://other.example")));
			assertThat(decode(signed(claims().jwtID("once")))).isNotNull();
		}

		@Test
		void decodeWhenSignedWithUnknownKeyThenRefused() {
			String assertion = TestAssertions.sign(claims().build(), TestAssertions.UNPUBLISHED_KEY);
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decode(assertion));
		}

		@Test
		void decodeWhenUnsignedThenRefused() {
			String assertion = new PlainJWT(claims().build()).serialize();
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decode(assertion));
		}

	}

	@Nested
	class Keys {

		@Test
		void decodeWhenJwkSetFetchedOnceThenCachedForLaterAssertions() {
			decode(signed(claims()));
			decode(signed(claims()));
			assertThat(ClientAssertionDecoderFactoryTests.this.server.requests("/jwks.json")).isOne();
		}

		@Test
		void decodeWhenInlineJwksThenVerifiedWithoutFetch() {
			Map<String, Object> document = TestDocuments
				.privateKeyJwtClient(ClientAssertionDecoderFactoryTests.this.clientId, "unused");
			document.remove("jwks_uri");
			document.put("jwks", new JWKSet(TestAssertions.KEY.toPublicJWK()).toJSONObject());
			assertThat(decode(client(document), signed(claims()))).isNotNull();
			assertThat(ClientAssertionDecoderFactoryTests.this.server.requests()).isZero();
		}

		@Test
		void decodeWhenJwkSetRedirectsThenRefused() {
			MetadataServer server = ClientAssertionDecoderFactoryTests.this.server;
			server.respond("/moved.json", 302, "application/json", "", "Location", server.url("/jwks.json"));
			RegisteredClient client = client(TestDocuments
				.privateKeyJwtClient(ClientAssertionDecoderFactoryTests.this.clientId, server.url("/moved.json")));
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(client, signed(claims())))
				.withMessageContaining("The JWK Set URL redirects (status 302), and redirects are not followed");
			assertThat(server.requests("/jwks.json")).isZero();
		}

		@Test
		void decodeWhenJwkSetHostResolvesToPrivateAddressThenRefusedWithoutConnection() throws Exception {
			try (ConnectionCounter listener = new ConnectionCounter()) {
				StubResolver resolver = new StubResolver().map("keys.attacker.test", "::ffff:10.0.0.1");
				ClientAssertionDecoderFactory factory = new ClientAssertionDecoderFactory(
						ClientIdMetadataDocumentSettings.defaults(), ISSUER, TOKEN_ENDPOINT, resolver,
						ClientAssertionDecoderFactoryTests.this.clock);
				RegisteredClient client = RegisteredClient.from(client())
					.clientSettings(ClientSettings.withSettings(client().getClientSettings().getSettings())
						.jwkSetUrl("https://keys.attacker.test:" + listener.port() + "/jwks.json")
						.build())
					.build();
				assertThatExceptionOfType(JwtException.class)
					.isThrownBy(() -> factory.createDecoder(client).decode(signed(claims())))
					.withMessageContaining("The JWK Set host has an address that is not public");
				assertThat(listener.connections()).isZero();
			}
		}

		@Test
		void decodeWhenJwkSetHoldsPrivateKeyThenRefused() {
			ClientAssertionDecoderFactoryTests.this.server.json("/jwks.json",
					new JWKSet(TestAssertions.KEY).toString(false));
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(signed(claims())))
				.withMessageContaining("The JWK Set is empty or holds private keys");
		}

		@Test
		void createDecoderWhenCimdClientHasNoKeysThenInvalidClient() {
			RegisteredClient client = RegisteredClient.from(client())
				.clientSettings(ClientSettings.builder()
					.setting("mcp.registration", "cimd")
					.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256)
					.build())
				.build();
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> ClientAssertionDecoderFactoryTests.this.factory.createDecoder(client))
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
		}

		@Test
		void createDecoderWhenNotCimdClientThenSpringFactoryDecides() {
			RegisteredClient configured = RegisteredClient.withId("static-id")
				.clientId("static-client")
				.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.clientSettings(ClientSettings.builder()
					.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256)
					.build())
				.build();
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> ClientAssertionDecoderFactoryTests.this.factory.createDecoder(configured))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.contains("Client: 'static-id'. Check to ensure you have configured the JWK Set URL."));
		}

	}

	/** As Spring Authorization Server calls the factory at the token endpoint. */
	@Nested
	class Provider {

		private JwtClientAssertionAuthenticationProvider provider() {
			JwtClientAssertionAuthenticationProvider provider = new JwtClientAssertionAuthenticationProvider(
					new InMemoryRegisteredClientRepository(client()), new InMemoryOAuth2AuthorizationService());
			provider.setJwtDecoderFactory(ClientAssertionDecoderFactoryTests.this.factory);
			return provider;
		}

		private OAuth2ClientAuthenticationToken request(String assertion) {
			return new OAuth2ClientAuthenticationToken(ClientAssertionDecoderFactoryTests.this.clientId,
					new ClientAuthenticationMethod("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), assertion,
					Map.of());
		}

		@Test
		void authenticateWhenValidAssertionThenPrivateKeyJwtClient() {
			Authentication result = provider().authenticate(request(signed(claims())));
			assertThat(result.isAuthenticated()).isTrue();
			assertThat(((OAuth2ClientAuthenticationToken) result).getClientAuthenticationMethod())
				.isEqualTo(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		}

		@Test
		void authenticateWhenAssertionReplayedThenInvalidClient() {
			JwtClientAssertionAuthenticationProvider provider = provider();
			String assertion = signed(claims());
			provider.authenticate(request(assertion));
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> provider.authenticate(request(assertion)))
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
		}

	}

}
