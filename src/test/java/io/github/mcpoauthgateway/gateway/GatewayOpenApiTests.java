package io.github.mcpoauthgateway.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauthgateway.gateway.credentials.CallerTokens;
import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenAPI targets end to end: the SDK's MCP client with a token, this server, and a
 * loopback API that records what it received.
 */
class GatewayOpenApiTests extends AbstractMcpServerTests {

	static final TestUpstream upstream = new TestUpstream();

	static final String API_KEY = "api-key-value-1";

	static final String TOKEN_WITH_PETS = TestAccessTokens.cognito().claim("scope", "mcp:tools pets:read").sign();

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) throws IOException {
		String spec = new ClassPathResource("gateway/pets.yaml").getFile().getAbsolutePath();
		registry.add("PETS_API_KEY", () -> API_KEY);
		registry.add("CC_SECRET", () -> "cc-secret-1");
		registry.add("management.endpoint.health.group.gateway.show-details", () -> "always");
		registry.add("gateway.targets[0].name", () -> "pets");
		registry.add("gateway.targets[0].kind", () -> "openapi");
		registry.add("gateway.targets[0].openapi.spec", () -> spec);
		registry.add("gateway.targets[0].openapi.base-url", upstream::url);
		registry.add("gateway.targets[0].openapi.exclude-tags", () -> "admin");
		registry.add("gateway.targets[0].required-scopes", () -> "pets:read");
		registry.add("gateway.targets[0].credentials.type", () -> "header");
		registry.add("gateway.targets[0].credentials.header-name", () -> "X-Api-Key");
		registry.add("gateway.targets[0].credentials.value-env", () -> "PETS_API_KEY");
		registry.add("gateway.targets[0].send-caller", () -> "true");
		registry.add("gateway.targets[0].timeout", () -> "1s");
		registry.add("gateway.targets[0].max-response-bytes", () -> "4KB");
		registry.add("gateway.targets[1].name", () -> "cc");
		registry.add("gateway.targets[1].kind", () -> "openapi");
		registry.add("gateway.targets[1].openapi.spec", () -> spec);
		registry.add("gateway.targets[1].openapi.base-url", upstream::url);
		registry.add("gateway.targets[1].openapi.include-operations", () -> "getPet");
		registry.add("gateway.targets[1].credentials.type", () -> "client-credentials");
		registry.add("gateway.targets[1].credentials.token-uri", () -> upstream.url() + "/token");
		registry.add("gateway.targets[1].credentials.client-id", () -> "gateway-client");
		registry.add("gateway.targets[1].credentials.client-secret-env", () -> "CC_SECRET");
		registry.add("gateway.targets[1].credentials.scopes", () -> "pets/read");
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		registry.add("gateway.targets[2].name", () -> "down");
		registry.add("gateway.targets[2].kind", () -> "openapi");
		registry.add("gateway.targets[2].openapi.spec", () -> "http://127.0.0.1:" + closedPort + "/openapi.yaml");
		registry.add("gateway.targets[2].timeout", () -> "1s");
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN_WITH_PETS)) {
			return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
		}
	}

	static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@Test
	void listToolsWhenTargetsServedThenNamespacedToolsWithSchemasBesideBuiltIns() {
		List<McpSchema.Tool> tools;
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN_WITH_PETS)) {
			tools = client.listTools().tools();
		}
		Map<String, McpSchema.Tool> byName = tools.stream()
			.collect(Collectors.toMap(McpSchema.Tool::name, (tool) -> tool));
		assertThat(byName.keySet())
			.contains("whoami", "pets___listPets", "pets___createPet", "pets___getPet", "pets___missing", "cc___getPet")
			.doesNotContain("pets___internal", "cc___listPets")
			.noneMatch((name) -> name.startsWith("down___"));
		McpSchema.Tool getPet = byName.get("pets___getPet");
		assertThat(getPet.description()).isEqualTo("Reads one pet\n\nBy its id.");
		assertThat(getPet.inputSchema()).containsEntry("required", List.of("petId"));
		McpSchema.Tool createPet = byName.get("pets___createPet");
		assertThat(createPet.inputSchema()).containsEntry("required", List.of("body"));
		assertThat(createPet.inputSchema().get("properties").toString()).contains("body", "name", "tag");
		McpSchema.Tool listPets = byName.get("pets___listPets");
		assertThat(listPets.inputSchema().get("properties").toString()).contains("limit", "X-Request-Id",
				"Correlation id");
	}

	@Test
	void callToolWhenUpstreamAnswersJsonThenStructuredContentAndUpstreamGetsTargetCredentialsOnly() throws Exception {
		McpSchema.CallToolResult result = call("pets___getPet", Map.of("petId", "a b/c"));

		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(Map.of("id", "a%20b%2Fc", "name", "Rex"));
		TestUpstream.Received received = upstream.received("/pets/a%20b").get(0);
		assertThat(received.path()).isEqualTo("/pets/a%20b%2Fc");
		assertThat(received.header("X-Api-Key")).isEqualTo(API_KEY);
		assertThat(received.header("Authorization")).isNull();
		assertThat(received.allHeaderValues()).noneMatch((value) -> value.contains(TOKEN_WITH_PETS));
		String callerJwt = received.header("X-MCP-Caller");
		HttpResponse<String> jwks = McpHttp.send(http().get(CallerTokens.JWKS_PATH));
		assertThat(jwks.statusCode()).isEqualTo(200);
		RSAKey key = (RSAKey) JWKSet.parse(jwks.body()).getKeys().get(0);
		assertThat(key.isPrivate()).isFalse();
		SignedJWT jwt = SignedJWT.parse(callerJwt);
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://mcp.example.test");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("pets");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("2f0c6a5e-1b7d-4c39-9c55-alice0000001");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(TestAccessTokens.CLIENT_ID);
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("mcp:tools pets:read");
		assertThat(jwt.getJWTClaimsSet().getStringListClaim("groups")).containsExactly("users");
		assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime())
			.isEqualTo(60_000L);
	}

	@Test
	void callToolWhenQueryHeaderAndBodyArgumentsThenSentWhereTheDocumentSays() {
		McpSchema.CallToolResult list = call("pets___listPets", Map.of("limit", 5, "X-Request-Id", "r-1"));
		McpSchema.CallToolResult created = call("pets___createPet", Map.of("body", Map.of("name", "Tom")));

		assertThat(list.isError()).isFalse();
		assertThat(list.structuredContent()).isEqualTo(Map.of("result", List.of(Map.of("id", "p1"))));
		TestUpstream.Received listed = upstream.received()
			.stream()
			.filter((r) -> "/pets".equals(r.path()) && "GET".equals(r.method()))
			.findFirst()
			.orElseThrow();
		assertThat(listed.query()).isEqualTo("limit=5");
		assertThat(listed.header("X-Request-Id")).isEqualTo("r-1");
		assertThat(created.isError()).isFalse();
		assertThat(created.structuredContent()).extracting((content) -> ((Map<?, ?>) content).get("created"))
			.isEqualTo(Map.of("name", "Tom"));
	}

	@Test
	void callToolWhenUpstreamAnswers404ThenToolErrorWithStatusAndBody() {
		McpSchema.CallToolResult result = call("pets___missing", Map.of());

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo("Target pets: HTTP 404 from missing: {\"message\":\"no such thing\"}");
	}

	@Test
	void callToolWhenUpstreamHangsThenTimeoutToolErrorAndServerStaysHealthy() {
		McpSchema.CallToolResult result = call("pets___slow", Map.of());

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo("Target pets did not answer within 1 s; the call was abandoned.");
		assertThat(McpHttp.send(http().get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		assertThat(call("pets___getPet", Map.of("petId", "after")).isError()).isFalse();
	}

	@Test
	void callToolWhenUpstreamAnswersMalformedJsonThenToolError() {
		McpSchema.CallToolResult result = call("pets___malformed", Map.of());

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).isEqualTo("Target pets: HTTP 200 with malformed JSON");
	}

	@Test
	void callToolWhenAnswerLargerThanCapThenToolError() {
		McpSchema.CallToolResult result = call("pets___huge", Map.of());

		assertThat(result.isError()).isTrue();
		assertThat(text(result))
			.isEqualTo("Target pets: the answer is larger than 4096 bytes (max-response-bytes); it was not read");
	}

	@Test
	void callToolWhenRequiredArgumentMissingThenInputValidationError() {
		McpSchema.CallToolResult result = call("pets___getPet", Map.of());

		// The SDK checks the arguments against the input schema built from the document.
		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("required property 'petId' not found");
		assertThat(upstream.received("/pets/")).noneMatch((received) -> "/pets/".equals(received.path()));
	}

	@Test
	void callToolWhenTokenLacksTargetScopeThen403InsufficientScopeWithEveryNeededScope() {
		String token = TestAccessTokens.cognito().sign();
		HttpResponse<String> response = McpHttp.send(http().post(McpHttp.toolCall("pets___getPet", "{\"petId\":\"x\"}"))
			.header("Authorization", "Bearer " + token));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow calling this tool\", resource_metadata=\""
						+ METADATA_URL + "\", scope=\"mcp:tools pets:read\"");
	}

	@Test
	void callToolWhenClientCredentialsTargetThenUpstreamGetsItsOwnTokenObtainedOnce() {
		int before = upstream.received("/token").size();
		assertThat(call("cc___getPet", Map.of("petId", "cc1")).isError()).isFalse();
		assertThat(call("cc___getPet", Map.of("petId", "cc2")).isError()).isFalse();

		assertThat(upstream.received("/token")).hasSize(before + ((before == 0) ? 1 : 0));
		TestUpstream.Received token = upstream.received("/token").get(0);
		assertThat(token.body()).contains("grant_type=client_credentials").contains("scope=pets%2Fread");
		assertThat(token.header("Authorization")).startsWith("Basic ");
		assertThat(upstream.received("/pets/cc")).allSatisfy((received) -> {
			assertThat(received.header("Authorization")).isEqualTo("Bearer " + TestUpstream.CLIENT_TOKEN);
			assertThat(received.header("X-MCP-Caller")).isNull();
			assertThat(received.allHeaderValues()).noneMatch((value) -> value.contains(TOKEN_WITH_PETS));
		});
	}

	@Test
	void healthWhenATargetCouldNotStartThenGatewayGroupDownAndReadinessUp() {
		HttpResponse<String> gateway = McpHttp.send(http().get("/actuator/health/gateway"));

		assertThat(gateway.statusCode()).isEqualTo(503);
		assertThat(gateway.body())
			.contains("\"down\":{\"status\":\"DOWN\",\"detail\":\"did not start: the document at http://127.0.0.1:")
			.contains("could not be fetched (ConnectException)")
			.contains("\"pets\":{\"status\":\"UP\",\"detail\":\"7 operations at " + upstream.url() + "\"}");
		assertThat(McpHttp.send(http().get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		assertThat(McpHttp.send(http().get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
	}

	@Test
	void metadataWhenTargetRequiresScopesThenScopesSupportedListsThem() {
		HttpResponse<String> metadata = McpHttp.send(http().get("/.well-known/oauth-protected-resource/mcp"));

		assertThat(metadata.body()).contains("\"scopes_supported\":[\"mcp:tools\",\"mcp:admin\",\"pets:read\"]");
	}

}
