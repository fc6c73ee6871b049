package io.github.mcpoauthgateway.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.github.mcpoauthgateway.testsupport.NoEcho.assertNoEcho;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad request to the MCP endpoint, one attack per test, each asserting the
 * exact status and challenge and that nothing the client sent, nor any internal detail,
 * comes back.
 */
class McpEndpointSecurityTests extends AbstractMcpServerTests {

	static final String CHALLENGE = "Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:tools\"";

	static String invalidToken(String description) {
		return "Bearer error=\"invalid_token\", error_description=\"" + description + "\", resource_metadata=\""
				+ METADATA_URL + "\", scope=\"mcp:tools\"";
	}

	static final String UNDECODABLE = invalidToken(ResourceMetadataAuthenticationEntryPoint.UNDECODABLE);

	HttpResponse<String> postWithToken(String token, String body) {
		return McpHttp.send(http().post(body).header("Authorization", "Bearer " + token));
	}

	HttpResponse<String> initializeWith(String token) {
		return postWithToken(token, McpHttp.INITIALIZE);
	}

	static void assertChallenge(HttpResponse<String> response, int status, String challenge) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
	}

	static void assertNoChallenge(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
	}

	@Nested
	class MissingOrMisplacedCredentials {

		@Test
		void postWhenNoAuthorizationHeaderThen401WithResourceMetadataAndScope() {
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.INITIALIZE));
			assertChallenge(response, 401, CHALLENGE);
			assertNoEcho(response, McpHttp.INITIALIZE);
		}

		@Test
		void getWhenNoAuthorizationHeaderThen401WithResourceMetadata() {
			HttpResponse<String> response = McpHttp.send(http().get("/mcp").header("Accept", "text/event-stream"));
			assertChallenge(response, 401, CHALLENGE);
		}

		@Test
		void deleteWhenNoAuthorizationHeaderThen401WithResourceMetadata() {
			HttpResponse<String> response = McpHttp
				.send(http().get("/mcp").DELETE().header("Mcp-Session-Id", "anything"));
			assertChallenge(response, 401, CHALLENGE);
			assertNoEcho(response, "anything-not-echoed".substring(0, 8));
		}

		@Test
		void postWhenBasicSchemeThen401WithoutError() {
			String credentials = Base64.getEncoder().encodeToString("alice:secret-password".getBytes());
			HttpResponse<String> response = McpHttp
				.send(http().post(McpHttp.INITIALIZE).header("Authorization", "Basic " + credentials));
			assertChallenge(response, 401, CHALLENGE);
			assertNoEcho(response, credentials);
		}

		@Test
		void postWhenBearerSchemeWithoutTokenThen401InvalidToken() {
			HttpResponse<String> response = McpHttp
				.send(http().post(McpHttp.INITIALIZE).header("Authorization", "Bearer "));
			assertChallenge(response, 401, invalidToken("Bearer token is malformed"));
		}

		@Test
		void postWhenTokenHasCharactersOutsideTheBearerSyntaxThen401InvalidToken() {
			String token = TestAccessTokens.cognito().sign() + "$\"<script>";
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("Bearer token is malformed"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenTokenFollowedBySecondWordThen401InvalidToken() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = McpHttp
				.send(http().post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + token + " extra"));
			assertChallenge(response, 401, invalidToken("Bearer token is malformed"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenTokenInQueryStringThen401AsIfNoToken() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = McpHttp
				.send(http().post(McpHttp.INITIALIZE).uri(URI.create(http().url("/mcp?access_token=" + token))));
			assertChallenge(response, 401, CHALLENGE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenTokenInFormBodyThen401AsIfNoToken() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = McpHttp
				.send(http().post("access_token=" + token).header("Content-Type", "application/x-www-form-urlencoded"));
			assertChallenge(response, 401, CHALLENGE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenTwoAuthorizationHeadersThen400InvalidRequest() {
			String first = TestAccessTokens.cognito().sign();
			String second = TestAccessTokens.cognito().subject("someone-else").sign();
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.INITIALIZE)
				.header("Authorization", "Bearer " + first)
				.header("Authorization", "Bearer " + second));
			assertChallenge(response, 400,
					"Bearer error=\"invalid_request\", error_description=\"Found multiple Authorization headers in the request\", resource_metadata=\""
							+ METADATA_URL + "\", scope=\"mcp:tools\"");
			assertNoEcho(response, first);
			assertNoEcho(response, second);
		}

		@Test
		void postWhenTokenOf64KibThen400WithoutProcessingIt() {
			String token = "a".repeat(64 * 1024);
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertNoChallenge(response, 400);
			assertNoEcho(response, token.substring(0, 64));
		}

	}

	@Nested
	class UnverifiableTokens {

		@Test
		void postWhenGarbageTokenThen401InvalidToken() {
			HttpResponse<String> response = postWithToken("garbage-not-a-jwt", McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, "garbage-not-a-jwt");
		}

		@Test
		void postWhenThreePartsOfGarbageThen401InvalidToken() {
			String token = "eyJub3QiOiJqc29u.eyJhbHNvIjoibm90IGpzb24.c2lnbmF0dXJlLWdhcmJhZ2U";
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenUnsignedTokenWithAlgNoneThen401InvalidToken() {
			String token = new PlainJWT(TestAccessTokens.cognito().claimsSet()).serialize();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenHs256SignedWithThePublicKeyThen401InvalidToken() throws Exception {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key-1").build(),
					TestAccessTokens.cognito().claimsSet());
			jwt.sign(new MACSigner(TestKeys.DEFAULT.toRSAPublicKey().getEncoded()));
			String token = jwt.serialize();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenRs512InsteadOfRs256Then401InvalidToken() throws Exception {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("test-key-1").build(),
					TestAccessTokens.cognito().claimsSet());
			jwt.sign(new RSASSASigner(TestKeys.DEFAULT));
			String token = jwt.serialize();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenSignedByUnpublishedKeyThen401InvalidToken() {
			String token = TestAccessTokens.cognito().signedWith(TestKeys.UNPUBLISHED).sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenKeyIdOfPublishedKeyButOtherSignatureThen401InvalidToken() {
			String token = TestAccessTokens.cognito().signedWith(TestKeys.UNPUBLISHED).keyId("test-key-1").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenPayloadTamperedThen401InvalidToken() {
			String[] parts = TestAccessTokens.cognito().sign().split("\\.");
			String forged = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(TestAccessTokens.cognito()
					.claim("scope", "mcp:tools mcp:admin")
					.claim("cognito:groups", List.of("admin"))
					.claimsSet()
					.toString()
					.getBytes(StandardCharsets.UTF_8));
			String token = parts[0] + "." + forged + "." + parts[2];
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

		@Test
		void postWhenSignatureStrippedThen401InvalidToken() {
			String[] parts = TestAccessTokens.cognito().sign().split("\\.");
			String token = parts[0] + "." + parts[1] + ".";
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, UNDECODABLE);
			assertNoEcho(response, token);
		}

	}

	@Nested
	class RejectedClaims {

		@Test
		void postWhenExpiredThen401InvalidToken() {
			Instant expired = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
			String token = TestAccessTokens.cognito().expiresAt(expired).sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("Jwt expired at " + expired));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenNotBeforeInTheFutureThen401InvalidToken() {
			Instant notBefore = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
			String token = TestAccessTokens.cognito().claim("nbf", notBefore.getEpochSecond()).sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("Jwt used before " + notBefore));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenNoExpiryThen401InvalidToken() {
			String token = TestAccessTokens.cognito().without("exp").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The exp claim is not valid"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenNoSubjectThen401InvalidToken() {
			String token = TestAccessTokens.cognito().without("sub").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The sub claim is not valid"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenOtherIssuerThen401InvalidToken() {
			String token = TestAccessTokens.cognito()
				.claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool")
				.sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The iss claim is not valid"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenIssuerHasTrailingSlashThen401InvalidToken() {
			String token = TestAccessTokens.cognito().claim("iss", TestAccessTokens.ISSUER + "/").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The iss claim is not valid"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenIssuerInjectsQuotesThen401WithoutBreakingTheHeader() {
			String token = TestAccessTokens.cognito().claim("iss", "\", error=\"none").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The iss claim is not valid"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenIdTokenThen401InvalidToken() {
			String token = TestAccessTokens.cognito()
				.claim("token_use", "id")
				.claim("aud", TestAccessTokens.CLIENT_ID)
				.without("client_id")
				.without("scope")
				.sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401,
					invalidToken("The token is not an access token; The token was issued for another resource"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenNoTokenUseThen401InvalidToken() {
			String token = TestAccessTokens.cognito().without("token_use").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The token is not an access token"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenClientNotAllowedAndNoAudienceThen401InvalidToken() {
			String token = TestAccessTokens.cognito().claim("client_id", "another-app-client").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The token has no audience and its client is not allowed"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenAudienceIsAnotherResourceThen401InvalidToken() {
			String token = TestAccessTokens.cognito().claim("aud", "https://other.example.test/mcp").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The token was issued for another resource"));
			assertNoEcho(response, token);
		}

		@Test
		void postWhenAudienceIsResourceWithTrailingSlashThen401InvalidToken() {
			String token = TestAccessTokens.cognito().claim("aud", TestAccessTokens.RESOURCE + "/").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 401, invalidToken("The token was issued for another resource"));
		}

		@Test
		void postWhenAudienceIsThisResourceAndClientUnlistedThen200() {
			String token = TestAccessTokens.cognito()
				.claim("aud", TestAccessTokens.RESOURCE)
				.claim("client_id", "resource-bound-client")
				.sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertThat(response.statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class InsufficientAuthority {

		@Test
		void postWhenRequiredScopeMissingThen403InsufficientScope() {
			String token = TestAccessTokens.cognito().claim("scope", "openid profile").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.INITIALIZE);
			assertChallenge(response, 403,
					"Bearer error=\"insufficient_scope\", error_description=\"The token lacks the scopes this endpoint requires\", resource_metadata=\""
							+ METADATA_URL + "\", scope=\"mcp:tools\"");
			assertNoEcho(response, token);
		}

		@Test
		void callToolWhenToolScopeMissingThen403ListingEveryNeededScope() {
			String token = TestAccessTokens.cognito().claim("cognito:groups", List.of("admin")).sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.toolCall("server_status", "{}"));
			assertChallenge(response, 403,
					"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow calling this tool\", resource_metadata=\""
							+ METADATA_URL + "\", scope=\"mcp:tools mcp:admin\"");
			assertNoEcho(response, token);
		}

		@Test
		void callToolWhenScopePresentButNotInGroupThen403() {
			String token = TestAccessTokens.cognito().claim("scope", "mcp:tools mcp:admin").sign();
			HttpResponse<String> response = postWithToken(token, McpHttp.toolCall("server_status", "{}"));
			assertChallenge(response, 403,
					"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow calling this tool\", resource_metadata=\""
							+ METADATA_URL + "\", scope=\"mcp:tools mcp:admin\"");
			assertNoEcho(response, token);
		}

	}

	@Nested
	class TransportAbuse {

		@Test
		void postWhenOriginNotAllowedThen403BeforeAuthentication() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.INITIALIZE)
				.header("Authorization", "Bearer " + token)
				.header("Origin", "http://evil.example"));
			assertNoChallenge(response, 403);
			assertThat(response.body()).isEqualTo(
					"{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Origin not allowed\"}}");
			assertNoEcho(response, token);
		}

		@Test
		void postWhenOriginIsRebindingLookalikeOfLocalhostThen403() {
			HttpResponse<String> response = McpHttp
				.send(http().post(McpHttp.INITIALIZE).header("Origin", "http://localhost:6274.evil.example"));
			assertNoChallenge(response, 403);
			assertThat(response.body()).doesNotContain("evil");
		}

		@Test
		void postWhenOriginAllowedThen200WithCorsHeaders() {
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.INITIALIZE)
				.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign())
				.header("Origin", "http://localhost:6274"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
		}

		@Test
		void postWhenProtocolVersionUnsupportedThen400WithoutEcho() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.TOOLS_LIST)
				.header("Authorization", "Bearer " + token)
				.header("MCP-Protocol-Version", "1999-01-01-injected"));
			assertNoChallenge(response, 400);
			assertThat(response.body()).startsWith(
					"{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Unsupported MCP-Protocol-Version; supported: ");
			assertNoEcho(response, "1999-01-01-injected");
		}

		@Test
		void postWhenMalformedJsonThen400ParseError() {
			String token = TestAccessTokens.cognito().sign();
			String body = "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\", secret-payload-not-json";
			HttpResponse<String> response = postWithToken(token, body);
			assertNoChallenge(response, 400);
			assertThat(response.body()).isEqualTo(
					"{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: the body is not valid JSON\"}}");
			assertNoEcho(response, "secret-payload-not-json");
		}

		@Test
		void postWhenJsonButNotJsonRpcThen400InvalidRequest() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = postWithToken(token, "{\"hello\":\"secret-field-value\"}");
			assertNoChallenge(response, 400);
			assertThat(response.body()).isEqualTo(
					"{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: expected one JSON-RPC 2.0 message object\"}}");
			assertNoEcho(response, "secret-field-value");
		}

		@Test
		void postWhenBatchArrayThen400InvalidRequest() {
			String token = TestAccessTokens.cognito().sign();
			HttpResponse<String> response = postWithToken(token,
					"[" + McpHttp.INITIALIZE + "," + McpHttp.TOOLS_LIST + "]");
			assertNoChallenge(response, 400);
			assertThat(response.body()).contains("\"code\":-32600");
		}

		@Test
		void postWhenBodyLargerThanLimitThen413() {
			String token = TestAccessTokens.cognito().sign();
			String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
					+ "x".repeat(70_000) + "\"}}";
			HttpResponse<String> response = postWithToken(token, body);
			assertNoChallenge(response, 413);
			assertThat(response.body()).contains("\"code\":-32600").contains("larger than 65536 bytes");
		}

		@Test
		void postWhenBodyLargerThanLimitAndNoTokenThen401WithoutReadingIt() {
			String body = "x".repeat(70_000);
			HttpResponse<String> response = McpHttp.send(http().post(body));
			assertChallenge(response, 401, CHALLENGE);
		}

		@Test
		void postWhenSessionIdOfAnotherPrincipalThen404AndOwnerUnaffected() {
			String alice = TestAccessTokens.cognito().sign();
			String bob = TestAccessTokens.cognito().subject("bob-subject").claim("username", "bob").sign();
			String session = startSession(alice);

			HttpResponse<String> hijack = McpHttp.send(http().post(McpHttp.TOOLS_LIST)
				.header("Authorization", "Bearer " + bob)
				.header("Mcp-Session-Id", session));
			assertNoChallenge(hijack, 404);
			assertThat(hijack.body()).isEqualTo(
					"{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}");
			assertNoEcho(hijack, session);

			HttpResponse<String> delete = McpHttp.send(http().get("/mcp")
				.DELETE()
				.header("Authorization", "Bearer " + bob)
				.header("Mcp-Session-Id", session));
			assertNoChallenge(delete, 404);

			HttpResponse<String> owner = McpHttp.send(http().post(McpHttp.TOOLS_LIST)
				.header("Authorization", "Bearer " + alice)
				.header("Mcp-Session-Id", session));
			assertThat(owner.statusCode()).isEqualTo(200);
			assertThat(owner.body()).contains("whoami");
		}

		@Test
		void getEventStreamWhenSessionIdOfAnotherPrincipalThen404() {
			String session = startSession(TestAccessTokens.cognito().sign());
			String bob = TestAccessTokens.cognito().subject("bob-subject").sign();
			HttpResponse<String> response = McpHttp.send(http().get("/mcp")
				.header("Accept", "text/event-stream")
				.header("Authorization", "Bearer " + bob)
				.header("Mcp-Session-Id", session));
			assertNoChallenge(response, 404);
		}

		@Test
		void postWhenSessionIdForgedThen404() {
			String token = TestAccessTokens.cognito().sign();
			String session = startSession(token);
			String forged = session.substring(0, session.indexOf('.')) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.TOOLS_LIST)
				.header("Authorization", "Bearer " + token)
				.header("Mcp-Session-Id", forged));
			assertNoChallenge(response, 404);
		}

		@Test
		void postWhenSessionIdWithoutBindingThen404() {
			String token = TestAccessTokens.cognito().sign();
			String session = startSession(token);
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.TOOLS_LIST)
				.header("Authorization", "Bearer " + token)
				.header("Mcp-Session-Id", session.substring(0, session.indexOf('.'))));
			assertNoChallenge(response, 404);
		}

		private String startSession(String token) {
			HttpResponse<String> initialized = initializeWith(token);
			assertThat(initialized.statusCode()).isEqualTo(200);
			String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
			HttpResponse<String> ready = McpHttp
				.send(http().post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
					.header("Authorization", "Bearer " + token)
					.header("Mcp-Session-Id", session));
			assertThat(ready.statusCode()).isEqualTo(202);
			return session;
		}

	}

	@Nested
	class AcceptedVariants {

		@Test
		void postWhenLowercaseBearerSchemeThen200() {
			HttpResponse<String> response = McpHttp.send(http().post(McpHttp.INITIALIZE)
				.header("Authorization", "bearer " + TestAccessTokens.cognito().sign()));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
		}

		@Test
		void postWhenTokenExpiredWithinClockSkewThen200() {
			String token = TestAccessTokens.cognito().expiresAt(Instant.now().minusSeconds(5)).sign();
			HttpResponse<String> response = initializeWith(token);
			assertThat(response.statusCode()).as(response.headers().map().toString()).isEqualTo(200);
		}

	}

}
