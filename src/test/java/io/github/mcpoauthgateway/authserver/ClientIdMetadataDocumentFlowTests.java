package io.github.mcpoauthgateway.authserver;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.github.mcpoauthgateway.testsupport.AbstractDevStackTests;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import io.github.mcpoauthgateway.testsupport.NoEcho;
import io.github.mcpoauthgateway.cli.oauth.Pkce;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client identified by a client ID metadata document, end to end on the local stack:
 * the server fetches the document (from loopback, which only a development setting
 * allows: the test stack turns it on), shows its host on the consent page, and issues
 * tokens to the URL as client.
 */
class ClientIdMetadataDocumentFlowTests extends AbstractDevStackTests {

	HttpServer documents;

	RSAKey assertionKey;

	final AtomicInteger fetches = new AtomicInteger();

	String clientId;

	@BeforeEach
	void serveDocuments() throws Exception {
		this.documents = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.clientId = "http://127.0.0.1:" + this.documents.getAddress().getPort() + "/client.json";
		serve("/client.json", """
				{"client_id":"%s","client_name":"Document Client","redirect_uris":["http://127.0.0.1/callback"],
				 "token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"]}"""
			.formatted(this.clientId));
		serve("/mismatch.json", """
				{"client_id":"%s","client_name":"Mismatch","redirect_uris":["http://127.0.0.1/callback"]}"""
			.formatted(this.clientId + "/"));
		this.assertionKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
		serve("/pkjwt.json", """
				{"client_id":"%s","client_name":"Key Client","redirect_uris":["http://127.0.0.1/callback"],
				 "token_endpoint_auth_method":"private_key_jwt","token_endpoint_auth_signing_alg":"RS256",
				 "jwks_uri":"%s"}""".formatted(origin() + "/pkjwt.json", origin() + "/jwks.json"));
		serve("/jwks.json", new JWKSet(this.assertionKey.toPublicJWK()).toString());
		this.documents.start();
	}

	String origin() {
		return "http://127.0.0.1:" + this.documents.getAddress().getPort();
	}

	String assertion(String clientId, String audience) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("client-key").build(),
				new JWTClaimsSet.Builder().issuer(clientId)
					.subject(clientId)
					.audience(audience)
					.jwtID(UUID.randomUUID().toString())
					.issueTime(new Date())
					.expirationTime(new Date(System.currentTimeMillis() + 60_000))
					.build());
		jwt.sign(new RSASSASigner(this.assertionKey));
		return jwt.serialize();
	}

	void serve(String path, String json) {
		this.documents.createContext(path, (exchange) -> {
			this.fetches.incrementAndGet();
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Cache-Control", "max-age=300");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	@AfterEach
	void stopDocuments() {
		this.documents.stop(0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void authorizeWhenClientIdIsDocumentUrlThenConsentShowsHostAndTokenWorksAtMcp() throws Exception {
		String redirectUri = "http://127.0.0.1:47001/callback";
		Pkce pkce = Pkce.generate();
		String url = authorizationServer().authorizationUrl(this.clientId, redirectUri, "mcp:tools", pkce, "st",
				resource());
		HttpClient browser = DevAuthorizationServer.newUserAgent();
		HttpResponse<String> page = authorizationServer().get(browser,
				DevAuthorizationServer.location(authorizationServer().get(browser, url)));
		assertThat(page.body()).contains("Document Client").contains("id=\"verified-host\">127.0.0.1<");
		HttpResponse<String> done = authorizationServer().signIn(browser, url, "user", USER_PASSWORD, "approve");
		Map<String, String> response = DevAuthorizationServer.query(DevAuthorizationServer.location(done));
		assertThat(response).containsEntry("iss", issuer()).containsKey("code");
		HttpResponse<String> tokens = authorizationServer()
			.token(Map.of("grant_type", "authorization_code", "client_id", this.clientId, "code", response.get("code"),
					"redirect_uri", redirectUri, "code_verifier", pkce.verifier()), null);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		String accessToken = (String) JsonMapper.shared().readValue(tokens.body(), Map.class).get("access_token");
		assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(this.clientId);
		try (McpSyncClient client = TestMcpClients.connect(port(), accessToken)) {
			McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
			assertThat((Map<String, Object>) whoami.structuredContent()).containsEntry("client_id", this.clientId);
		}
		// Cached by its Cache-Control header: one fetch for the whole flow.
		assertThat(this.fetches.get()).isEqualTo(1);
	}

	@Test
	void tokenWhenDocumentClientAuthenticatesWithPrivateKeyJwtThenTokensAndReplayedAssertionRefused() throws Exception {
		String keyClient = origin() + "/pkjwt.json";
		String redirectUri = "http://127.0.0.1:47003/callback";
		Pkce pkce = Pkce.generate();
		Map<String, String> response = authorizationServer().authorize(
				authorizationServer().authorizationUrl(keyClient, redirectUri, "mcp:tools", pkce, "s", resource()),
				"user", USER_PASSWORD);
		assertThat(response).containsKey("code");
		// ChatGPT names the token endpoint as audience; the issuer is accepted as well.
		String assertion = assertion(keyClient, issuer() + "/oauth2/token");
		Map<String, String> form = Map.of("grant_type", "authorization_code", "code", response.get("code"),
				"redirect_uri", redirectUri, "code_verifier", pkce.verifier(), "client_id", keyClient,
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
				assertion);
		HttpResponse<String> tokens = authorizationServer().token(form, null);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		HttpResponse<String> replayed = authorizationServer().token(form, null);
		assertThat(replayed.statusCode()).isEqualTo(401);
		assertThat(replayed.body()).contains("invalid_client");
		NoEcho.assertNoEcho(replayed, assertion);
	}

	@Test
	void authorizeWhenDocumentClientIdDiffersFromUrlThenUnknownApplicationPage() {
		String mismatch = this.clientId.replace("client.json", "mismatch.json");
		HttpResponse<String> response = authorizationServer().signIn(authorizationServer().authorizationUrl(mismatch,
				"http://127.0.0.1:47002/callback", "mcp:tools", Pkce.generate(), "s", resource()), "user",
				USER_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown application");
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void authorizeWhenRedirectUriNotInDocumentThenRefusedWithoutRedirect() {
		HttpResponse<String> response = authorizationServer()
			.signIn(authorizationServer().authorizationUrl(this.clientId, "https://evil.example/callback", "mcp:tools",
					Pkce.generate(), "s", resource()), "user", USER_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Return address not allowed");
	}

}
