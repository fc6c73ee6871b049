package io.github.mcpoauthgateway.authserver.cimd;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientIdMetadataDocumentTests {

	private static final String CLIENT_ID = "https://app.example.com/oauth/client-metadata.json";

	private static final String JWKS_URI = "https://app.example.com/oauth/jwks.json";

	private final ClientIdMetadataDocumentSettings settings = ClientIdMetadataDocumentSettings.defaults();

	private ClientIdMetadataDocument parse(Map<String, Object> document) {
		return parse(TestDocuments.json(document));
	}

	private ClientIdMetadataDocument parse(String json) {
		return ClientIdMetadataDocument.parse(json.getBytes(StandardCharsets.UTF_8), CLIENT_ID, this.settings);
	}

	private String problem(Map<String, Object> document) {
		return problem(TestDocuments.json(document));
	}

	private String problem(String json) {
		return assertThatExceptionOfType(ClientMetadataException.class).isThrownBy(() -> parse(json))
			.actual()
			.getMessage();
	}

	private static Map<String, Object> document() {
		return TestDocuments.publicClient(CLIENT_ID);
	}

	@Nested
	class Parse {

		@Test
		void parseWhenPublicClientDocumentThenAccepted() {
			ClientIdMetadataDocument document = parse(document());
			assertThat(document.clientId()).isEqualTo(CLIENT_ID);
			assertThat(document.clientName()).isEqualTo("Example MCP Client");
			assertThat(document.host()).isEqualTo("app.example.com");
			assertThat(document.redirectUris()).containsExactly("http://127.0.0.1/callback",
					"https://app.example.com/oauth/callback");
			assertThat(document.authenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
		}

		@Test
		void parseWhenOnlyClientIdAndRedirectUrisThenAcceptedAsPublicClient() {
			ClientIdMetadataDocument document = parse(
					Map.of("client_id", CLIENT_ID, "redirect_uris", List.of("https://app.example.com/cb")));
			assertThat(document.authenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
			assertThat(document.clientName()).isEqualTo("app.example.com");
		}

		@ParameterizedTest
		@ValueSource(strings = { CLIENT_ID + "/", "https://app.example.com/oauth/client-metadata.json#",
				"https://APP.example.com/oauth/client-metadata.json",
				"https://app.example.com:443/oauth/client-metadata.json",
				"https://app.example.com/oauth/./client-metadata.json",
				"https://app.example.com/oauth/client-metadata.JSON",
				"https://app.example.com/oauth/client%2Dmetadata.json",
				"https://evil.example/oauth/client-metadata.json",
				" https://app.example.com/oauth/client-metadata.json" })
		void parseWhenClientIdNotExactlyTheUrlThenRefused(String clientId) {
			Map<String, Object> document = document();
			document.put("client_id", clientId);
			assertThat(problem(document))
				.isEqualTo("The client metadata document has a client_id other than its own URL");
		}

		@Test
		void parseWhenClientIdMissingThenRefused() {
			Map<String, Object> document = document();
			document.remove("client_id");
			assertThat(problem(document))
				.isEqualTo("The client metadata document has a client_id other than its own URL");
		}

		@Test
		void parseWhenClientIdNotStringThenRefused() {
			Map<String, Object> document = document();
			document.put("client_id", List.of(CLIENT_ID));
			assertThat(problem(document))
				.isEqualTo("The client metadata document has a client_id that is not a string");
		}

		@ParameterizedTest
		@ValueSource(strings = { "not json", "{", "{\"client_id\":}", "\u0000" })
		void parseWhenNotJsonThenRefused(String json) {
			assertThat(problem(json)).isEqualTo("The client metadata document is not valid JSON");
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "[]", "\"https://app.example.com/oauth/client-metadata.json\"", "null", "42" })
		void parseWhenJsonButNotObjectThenRefused(String json) {
			assertThat(problem(json)).isEqualTo("The client metadata document is not a JSON object");
		}

		@Test
		void parseWhenTrailingContentThenRefused() {
			assertThat(problem(TestDocuments.json(document()) + "{}"))
				.isEqualTo("The client metadata document is not valid JSON");
		}

		@Test
		void parseWhenDuplicateClientIdKeyThenRefused() {
			String json = "{\"client_id\":\"https://evil.example/c\",\"client_id\":\"" + CLIENT_ID
					+ "\",\"redirect_uris\":[\"https://app.example.com/cb\"]}";
			assertThat(problem(json)).isEqualTo("The client metadata document is not valid JSON");
		}

		@Test
		void parseWhenRedirectUrisMissingThenRefused() {
			Map<String, Object> document = document();
			document.remove("redirect_uris");
			assertThat(problem(document)).isEqualTo("The client metadata document must list redirect_uris");
		}

		@Test
		void parseWhenRedirectUrisEmptyThenRefused() {
			Map<String, Object> document = document();
			document.put("redirect_uris", List.of());
			assertThat(problem(document)).isEqualTo("The client metadata document must list redirect_uris");
		}

		@Test
		void parseWhenRedirectUrisAStringThenRefused() {
			Map<String, Object> document = document();
			document.put("redirect_uris", "https://app.example.com/cb");
			assertThat(problem(document)).isEqualTo("The client metadata document must list redirect_uris");
		}

		@Test
		void parseWhenRedirectUriNotStringThenRefused() {
			Map<String, Object> document = document();
			document.put("redirect_uris", List.of("https://app.example.com/cb", 42));
			assertThat(problem(document))
				.isEqualTo("The client metadata document has a redirect_uris entry that is not a string");
		}

		@Test
		void parseWhenMoreThanMaxRedirectUrisThenRefused() {
			Map<String, Object> document = document();
			document.put("redirect_uris",
					IntStream.rangeClosed(1, 11).mapToObj((i) -> "https://app.example.com/cb" + i).toList());
			assertThat(problem(document)).isEqualTo("The client metadata document lists more than 10 redirect_uris");
		}

		@ParameterizedTest
		@ValueSource(strings = { "javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
				"file:///etc/passwd", "http://evil.example/cb", "https://evil.example/cb#x",
				"https://user@evil.example/cb", "https://app.example.com/a/%2e%2e/cb" })
		void parseWhenUnsafeRedirectUriThenRefusedWithoutQuotingIt(String redirectUri) {
			Map<String, Object> document = document();
			document.put("redirect_uris", List.of("https://app.example.com/cb", redirectUri));
			String problem = problem(document);
			assertThat(problem).startsWith("The client metadata document has a redirect URI (number 2) that ");
			assertThat(problem).doesNotContain("evil", "script", "passwd", "%2e");
		}

		@ParameterizedTest
		@ValueSource(strings = { "client_secret_basic", "client_secret_post", "client_secret_jwt" })
		void parseWhenSecretAuthenticationMethodThenRefused(String method) {
			Map<String, Object> document = document();
			document.put("token_endpoint_auth_method", method);
			assertThat(problem(document)).isEqualTo(
					"The client metadata document uses a client secret, which a public document cannot keep secret");
		}

		@ParameterizedTest
		@ValueSource(strings = { "tls_client_auth", "self_signed_tls_client_auth", "NONE", "" })
		void parseWhenOtherAuthenticationMethodThenRefused(String method) {
			Map<String, Object> document = document();
			document.put("token_endpoint_auth_method", method);
			assertThat(problem(document)).isEqualTo(
					"The client metadata document has a token_endpoint_auth_method other than none and private_key_jwt");
		}

		@ParameterizedTest
		@ValueSource(strings = { "client_secret", "client_secret_expires_at" })
		void parseWhenClientSecretGivenThenRefused(String field) {
			Map<String, Object> document = document();
			document.put(field, "s3cr3t");
			String problem = problem(document);
			assertThat(problem).isEqualTo(
					"The client metadata document holds a client secret, which a public document cannot keep secret");
			assertThat(problem).doesNotContain("s3cr3t");
		}

		@ParameterizedTest
		@ValueSource(strings = { "client_credentials", "implicit", "password",
				"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange" })
		void parseWhenGrantTypeOtherThanCodeAndRefreshThenRefused(String grantType) {
			Map<String, Object> document = document();
			document.put("grant_types", List.of("authorization_code", grantType));
			assertThat(problem(document)).isEqualTo(
					"The client metadata document has grant_types other than authorization_code and refresh_token");
		}

		@ParameterizedTest
		@ValueSource(strings = { "token", "code token", "id_token", "none" })
		void parseWhenResponseTypeOtherThanCodeThenRefused(String responseType) {
			Map<String, Object> document = document();
			document.put("response_types", List.of(responseType));
			assertThat(problem(document)).isEqualTo("The client metadata document has response_types other than code");
		}

		@Test
		void parseWhenResponseTypesEmptyThenRefused() {
			Map<String, Object> document = document();
			document.put("response_types", List.of());
			assertThat(problem(document)).isEqualTo("The client metadata document has response_types other than code");
		}

		@Test
		void parseWhenClientNameHasControlCharactersThenRefused() {
			Map<String, Object> document = document();
			document.put("client_name", "Claude\u202e\nAdmin");
			assertThat(problem(document)).startsWith("The client metadata document has a client_name longer than");
		}

		@Test
		void parseWhenClientNameBlankThenHost() {
			Map<String, Object> document = document();
			document.put("client_name", "  ");
			assertThat(parse(document).clientName()).isEqualTo("app.example.com");
		}

	}

	@Nested
	class PrivateKeyJwt {

		private Map<String, Object> document() {
			return TestDocuments.privateKeyJwtClient(CLIENT_ID, JWKS_URI);
		}

		@Test
		void parseWhenPrivateKeyJwtWithJwksUriThenAccepted() {
			ClientIdMetadataDocument document = parse(document());
			assertThat(document.authenticationMethod()).isEqualTo(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			assertThat(document.jwksUri()).isEqualTo(JWKS_URI);
			assertThat(document.signingAlgorithm()).isEqualTo(SignatureAlgorithm.RS256);
		}

		@ParameterizedTest
		@ValueSource(strings = { "ES256", "PS256" })
		void parseWhenSigningAlgorithmSupportedThenKept(String algorithm) {
			Map<String, Object> document = document();
			document.put("token_endpoint_auth_signing_alg", algorithm);
			assertThat(parse(document).signingAlgorithm()).isEqualTo(SignatureAlgorithm.from(algorithm));
		}

		@Test
		void parseWhenSigningAlgorithmAbsentThenRs256() {
			Map<String, Object> document = document();
			document.remove("token_endpoint_auth_signing_alg");
			assertThat(parse(document).signingAlgorithm()).isEqualTo(SignatureAlgorithm.RS256);
		}

		@ParameterizedTest
		@ValueSource(strings = { "HS256", "none", "RS384", "rs256" })
		void parseWhenSigningAlgorithmUnsupportedThenRefused(String algorithm) {
			Map<String, Object> document = document();
			document.put("token_endpoint_auth_signing_alg", algorithm);
			assertThat(problem(document)).isEqualTo(
					"The client metadata document has a token_endpoint_auth_signing_alg other than RS256, ES256 and PS256");
		}

		@Test
		void parseWhenNoJwksUriThenRefused() {
			Map<String, Object> document = document();
			document.remove("jwks_uri");
			assertThat(problem(document)).isEqualTo(
					"The client metadata document must give exactly one of jwks_uri and jwks for private_key_jwt");
		}

		@Test
		void parseWhenBothJwksUriAndJwksThenRefused() {
			Map<String, Object> document = document();
			document.put("jwks", new JWKSet(TestAssertions.KEY.toPublicJWK()).toJSONObject());
			assertThat(problem(document)).isEqualTo(
					"The client metadata document must give exactly one of jwks_uri and jwks for private_key_jwt");
		}

		@ParameterizedTest
		@ValueSource(strings = { "http://app.example.com/jwks.json", "https://app.example.com/",
				"https://app.example.com/jwks.json?x=1", "https://user@app.example.com/jwks.json",
				"https://app.example.com/a/../jwks.json" })
		void parseWhenJwksUriMalformedThenRefused(String jwksUri) {
			Map<String, Object> document = document();
			document.put("jwks_uri", jwksUri);
			assertThat(problem(document)).startsWith("The client metadata document has a jwks_uri that ");
		}

		@Test
		void parseWhenInlinePublicJwksThenAccepted() {
			Map<String, Object> document = document();
			document.remove("jwks_uri");
			document.put("jwks", new JWKSet(TestAssertions.KEY.toPublicJWK()).toJSONObject());
			assertThat(parse(document).jwks()).contains(TestAssertions.KEY.getKeyID());
		}

		@Test
		void parseWhenInlineJwksHoldsPrivateKeyThenRefused() {
			Map<String, Object> document = document();
			document.remove("jwks_uri");
			document.put("jwks", new JWKSet(TestAssertions.KEY).toJSONObject(false));
			assertThat(problem(document))
				.isEqualTo("The client metadata document has a jwks that is empty or holds private keys");
		}

	}

}
