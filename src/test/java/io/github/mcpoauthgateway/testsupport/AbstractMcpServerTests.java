package io.github.mcpoauthgateway.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on a random port, trusting tokens from {@link TestAccessTokens} whose
 * keys {@link JwksServer#shared()} publishes over loopback HTTP. Subclasses with the same
 * settings share one running server; a subclass adds settings with
 * {@code @TestPropertySource}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mcp.resource-url=" + TestAccessTokens.RESOURCE, "oauth.issuer-uri=" + TestAccessTokens.ISSUER,
				"oauth.allowed-client-ids=" + TestAccessTokens.CLIENT_ID,
				"mcp.required-scopes=" + TestAccessTokens.TOOLS_SCOPE, "mcp.allowed-origins=http://localhost:6274",
				"mcp.tool-access.server_status.scopes=" + TestAccessTokens.ADMIN_SCOPE,
				"mcp.tool-access.server_status.groups=admin", "mcp.max-request-size=64KB",
				"mcp.keep-alive-interval=1s" })
public abstract class AbstractMcpServerTests {

	public static final String METADATA_URL = "https://mcp.example.test/.well-known/oauth-protected-resource/mcp";

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void sharedJwks(DynamicPropertyRegistry registry) {
		registry.add("oauth.jwks-uri", () -> JwksServer.shared().uri().toString());
	}

	protected McpHttp http() {
		return new McpHttp(this.port);
	}

}
