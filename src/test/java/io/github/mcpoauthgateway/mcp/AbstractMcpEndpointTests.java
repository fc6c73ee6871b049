package io.github.mcpoauthgateway.mcp;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP endpoint driven by the SDK's own client over streamable HTTP, with
 * Cognito-shaped tokens; run once per transport by the subclasses.
 */
abstract class AbstractMcpEndpointTests extends AbstractMcpServerTests {

	static final String ADMIN_SUBJECT = "7d1e3c2b-0a9f-4e8d-b6c5-admin0000001";

	@Test
	void initializeWhenValidTokenThenServerIdentifiesItself() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign())) {
			assertThat(client.getServerInfo().name()).isEqualTo("MCP OAuth Gateway");
			assertThat(client.getServerCapabilities().tools()).isNotNull();
		}
	}

	@Test
	void listToolsWhenOrdinaryUserThenAdminToolHidden() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign())) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("whoami", "current_time", "hash_text");
		}
	}

	@Test
	void listToolsWhenAdminWithAdminScopeThenAdminToolListed() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, adminToken())) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("whoami", "current_time", "hash_text", "server_status");
		}
	}

	@Test
	void listToolsWhenAdminGroupWithoutAdminScopeThenAdminToolListedSoTheClientCanStepUp() {
		String token = TestAccessTokens.cognito()
			.subject(ADMIN_SUBJECT)
			.claim("scope", "mcp:tools")
			.claim("cognito:groups", List.of("admin"))
			.sign();
		try (McpSyncClient client = TestMcpClients.connect(this.port, token)) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("whoami", "current_time", "hash_text", "server_status");
		}
		// The call itself still needs the scope: 403 naming every scope to ask for.
		HttpResponse<String> call = McpHttp.send(new McpHttp(this.port).post(McpHttp.toolCall("server_status", "{}"))
			.header("Authorization", "Bearer " + token));
		assertThat(call.statusCode()).isEqualTo(403);
		assertThat(call.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"")
			.contains("scope=\"mcp:tools mcp:admin\"");
	}

	@Test
	void callWhoamiWhenValidTokenThenReturnsVerifiedClaims() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign())) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
			assertThat(result.isError()).isFalse();
			assertThat(result.structuredContent()).isInstanceOfSatisfying(Map.class, (claims) -> {
				assertThat(claims).containsEntry("subject", "2f0c6a5e-1b7d-4c39-9c55-alice0000001")
					.containsEntry("username", "alice")
					.containsEntry("client_id", TestAccessTokens.CLIENT_ID)
					.containsEntry("issuer", TestAccessTokens.ISSUER)
					.containsEntry("scopes", List.of("mcp:tools"))
					.containsEntry("groups", List.of("users"));
			});
		}
	}

	@Test
	void callWhoamiWhenTwoCallersShareTheServerThenEachSeesItself() {
		try (McpSyncClient alice = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign());
				McpSyncClient admin = TestMcpClients.connect(this.port, adminToken())) {
			for (int i = 0; i < 3; i++) {
				assertThat(subjectSeenBy(alice)).isEqualTo("2f0c6a5e-1b7d-4c39-9c55-alice0000001");
				assertThat(subjectSeenBy(admin)).isEqualTo(ADMIN_SUBJECT);
			}
		}
	}

	@Test
	void callAdminToolWhenAdminThenReportsStatus() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, adminToken())) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("server_status", Map.of()));
			assertThat(result.isError()).isFalse();
			assertThat(result.structuredContent()).isInstanceOfSatisfying(Map.class,
					(status) -> assertThat(status).containsKeys("uptime", "java_version", "heap_used_bytes"));
		}
	}

	@Test
	void callHashTextWhenTextThenSha256Hex() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign())) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("hash_text", Map.of("text", "abc")));
			assertThat(result.structuredContent()).isInstanceOfSatisfying(Map.class, (digest) -> assertThat(digest)
				.containsEntry("hex", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
		}
	}

	@Test
	void callCurrentTimeWhenUnknownZoneThenToolErrorWithoutStackTrace() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign())) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("current_time", Map.of("timezone", "Mars/Olympus")));
			assertThat(result.isError()).isTrue();
			String text = ((McpSchema.TextContent) result.content().get(0)).text();
			assertThat(text).startsWith("Invalid arguments: Unknown time zone").doesNotContain("Exception", "\tat ");
		}
	}

	@Test
	void callCurrentTimeWhenZoneThenTimeInThatZone() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TestAccessTokens.cognito().sign())) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("current_time", Map.of("timezone", "Asia/Tokyo")));
			assertThat(result.structuredContent()).isInstanceOfSatisfying(Map.class,
					(time) -> assertThat(time).containsEntry("timezone", "Asia/Tokyo")
						.containsEntry("utc_offset", "+09:00"));
		}
	}

	static String adminToken() {
		return TestAccessTokens.cognito()
			.subject(ADMIN_SUBJECT)
			.claim("username", "root")
			.claim("scope", "mcp:tools mcp:admin")
			.claim("cognito:groups", List.of("admin"))
			.sign();
	}

	private static Object subjectSeenBy(McpSyncClient client) {
		McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
		return ((Map<?, ?>) result.structuredContent()).get("subject");
	}

}
