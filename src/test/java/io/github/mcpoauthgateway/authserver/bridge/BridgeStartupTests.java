package io.github.mcpoauthgateway.authserver.bridge;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How bridge mode starts: never without its keys and its app client, never with the demo
 * users, and without needing Cognito to be reachable.
 */
class BridgeStartupTests {

	@Test
	void runWhenBridgeSettingsMissingThenRefusesNamingEach() {
		SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run("--server.port=0", "--bridge.enabled=true",
					"--mcp.resource-url=https://mcp.example.test/mcp", "--mcp.required-scopes=mcp:tools",
					"--cognito.region=us-east-1", "--cognito.user-pool-id=us-east-1_TestPool1"))
			.satisfies((ex) -> {
				Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
				assertThat(root).isInstanceOf(InvalidSettingsException.class);
				assertThat(((InvalidSettingsException) root).getProblems())
					.anySatisfy((problem) -> assertThat(problem)
						.startsWith("BRIDGE_UPSTREAM_CLIENT_ID and BRIDGE_UPSTREAM_CLIENT_SECRET"))
					.anySatisfy((problem) -> assertThat(problem)
						.startsWith("BRIDGE_SIGNING_KEYS (bridge.signing-keys) is not set"));
			});
	}

	@Test
	void runWhenSigningKeysArePublicOnlyThenRefusesWithoutEchoingThem() throws Exception {
		String publicOnly = new JWKSet(key()).toString(true);
		SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run("--server.port=0", "--bridge.enabled=true",
					"--mcp.resource-url=https://mcp.example.test/mcp", "--mcp.required-scopes=mcp:tools",
					"--cognito.region=us-east-1", "--cognito.user-pool-id=us-east-1_TestPool1",
					"--bridge.upstream.client-id=bridge", "--bridge.upstream.client-secret=s3cret",
					"--bridge.signing-keys=" + publicOnly))
			.satisfies((ex) -> {
				InvalidSettingsException root = (InvalidSettingsException) NestedExceptionUtils
					.getMostSpecificCause(ex);
				assertThat(root.getProblems()).singleElement()
					.asString()
					.startsWith("BRIDGE_SIGNING_KEYS (bridge.signing-keys) must hold RSA private keys")
					.doesNotContain(publicOnly.substring(20, 60));
			});
	}

	@Test
	void runWhenSharedDatabaseWithoutTokenEncryptionKeyThenRefuses() throws Exception {
		String keys = new JWKSet(key()).toString(false);
		SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run("--server.port=0", "--bridge.enabled=true",
					"--mcp.resource-url=https://mcp.example.test/mcp", "--mcp.required-scopes=mcp:tools",
					"--cognito.region=us-east-1", "--cognito.user-pool-id=us-east-1_TestPool1",
					"--bridge.upstream.client-id=bridge", "--bridge.upstream.client-secret=s3cret",
					"--bridge.signing-keys=" + keys,
					// Never reached: the settings are refused before any connection.
					"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/mcp", "--spring.flyway.enabled=false"))
			.satisfies((ex) -> assertThat(
					((InvalidSettingsException) NestedExceptionUtils.getMostSpecificCause(ex)).getProblems())
				.singleElement()
				.asString()
				.startsWith("BRIDGE_TOKEN_ENCRYPTION_KEY (bridge.token-encryption-key) must be set with a shared "
						+ "database"));
	}

	@Test
	void runWhenBridgeIssuerNotAnOriginLikeUrlThenRefuses() throws Exception {
		String keys = new JWKSet(key()).toString(false);
		for (String issuer : new String[] { "https://mcp.example.test/", "ftp://mcp.example.test",
				"https://mcp.example.test?x=1", "https://", "not a url" }) {
			SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> application.run("--server.port=0", "--bridge.enabled=true",
						"--bridge.issuer=" + issuer, "--mcp.resource-url=https://mcp.example.test/mcp",
						"--mcp.required-scopes=mcp:tools", "--cognito.region=us-east-1",
						"--cognito.user-pool-id=us-east-1_TestPool1", "--bridge.upstream.client-id=bridge",
						"--bridge.upstream.client-secret=s3cret", "--bridge.signing-keys=" + keys))
				.satisfies((ex) -> assertThat(
						((InvalidSettingsException) NestedExceptionUtils.getMostSpecificCause(ex)).getProblems())
					.as(issuer)
					.singleElement()
					.asString()
					.startsWith("BRIDGE_ISSUER (bridge.issuer) must be an http(s) URL"));
		}
	}

	@Test
	void runWhenDemoUsersAlsoEnabledThenRefuses() throws Exception {
		SpringApplication application = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).build();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run("--server.port=0", "--bridge.enabled=true", "--dev.enabled=true",
					"--mcp.resource-url=http://localhost:1/mcp", "--mcp.required-scopes=mcp:tools",
					"--oauth.issuer-uri=http://localhost:1", "--bridge.upstream.client-id=bridge",
					"--bridge.upstream.client-secret=s3cret",
					"--bridge.signing-keys=" + new JWKSet(key()).toString(false)))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.hasMessageContaining("cannot run together"));
	}

	@Test
	void runWhenCognitoUnreachableThenStartsAndPublishesBridgeMetadata() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		RSAKey key = key();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(McpOAuthGatewayApplication.class)
			.run("--server.port=0", "--bridge.enabled=true", "--bridge.issuer=https://mcp.example.test",
					"--mcp.resource-url=https://mcp.example.test/mcp", "--mcp.required-scopes=mcp:tools",
					"--bridge.upstream.issuer-uri=http://127.0.0.1:" + closed + "/pool",
					"--oauth.issuer-uri=http://127.0.0.1:" + closed + "/pool", "--bridge.upstream.client-id=bridge",
					"--bridge.upstream.client-secret=s3cret",
					"--bridge.signing-keys=" + new JWKSet(key).toString(false))) {
			McpHttp http = new McpHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			HttpResponse<String> jwks = McpHttp.send(http.get("/oauth2/jwks"));
			assertThat(jwks.statusCode()).isEqualTo(200);
			assertThat(JWKSet.parse(jwks.body()).getKeys()).singleElement()
				.satisfies((published) -> assertThat(published.isPrivate()).isFalse())
				.satisfies((published) -> assertThat(published.getKeyID()).isEqualTo(key.getKeyID()));
			assertThat(McpHttp.send(http.get("/.well-known/oauth-protected-resource/mcp")).body())
				.contains("\"authorization_servers\":[\"https://mcp.example.test\"]");
		}
	}

	private static RSAKey key() throws Exception {
		return TestKeys.generate("k-" + UUID.randomUUID());
	}

}
