package io.github.mcpoauthgateway.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The local stack exactly as {@code ./mvnw spring-boot:run} starts it (profile
 * {@code local}): MCP endpoint and embedded authorization server in one server, on a port
 * chosen before startup because the issuer URL contains it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "dev.user-password=" + AbstractDevStackTests.USER_PASSWORD,
				"dev.admin-password=" + AbstractDevStackTests.ADMIN_PASSWORD,
				"dev.client-secret=" + AbstractDevStackTests.CLIENT_SECRET, "dev.clients[0].id=inspector",
				"dev.clients[0].redirect-uris=http://localhost:6274/oauth/callback", "dev.clients[0].scopes=mcp:tools",
				"dev.clients[1].id=web-app", "dev.clients[1].secret=web-secret",
				"dev.clients[1].redirect-uris=https://app.example.test/callback",
				// Client ID metadata documents served by the tests themselves, on
				// loopback.
				"authserver.allow-loopback-client-metadata=true" })
@ActiveProfiles("local")
public abstract class AbstractDevStackTests {

	public static final String USER_PASSWORD = "user-test-password";

	public static final String ADMIN_PASSWORD = "admin-test-password";

	public static final String CLIENT_SECRET = "confidential-test-secret";

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	protected int port() {
		return PORT;
	}

	protected String issuer() {
		return "http://localhost:" + PORT;
	}

	protected String resource() {
		return issuer() + "/mcp";
	}

	protected DevAuthorizationServer authorizationServer() {
		return new DevAuthorizationServer(issuer());
	}

}
