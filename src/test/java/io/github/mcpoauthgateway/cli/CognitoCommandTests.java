package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.provisioning.FakeCognitoAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code cognito setup} and {@code cognito teardown} as a user runs them, against a
 * loopback endpoint that speaks Cognito's protocol; AWS credentials come from the
 * standard provider chain (here its system properties).
 */
class CognitoCommandTests {

	@TempDir
	Path directory;

	FakeCognitoAccess fake;

	CliRun cli;

	@BeforeEach
	void setUp() {
		this.fake = FakeCognitoAccess.start();
		this.cli = new CliRun(this.directory, (uri) -> false);
		System.setProperty("aws.accessKeyId", "AKIDTEST");
		System.setProperty("aws.secretAccessKey", "test-secret");
		// Never ask an instance metadata service, whatever machine the tests run on.
		System.setProperty("aws.disableEc2Metadata", "true");
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		System.clearProperty("aws.disableEc2Metadata");
	}

	String[] setup(String... extra) {
		String[] base = { "cognito", "setup", "--region", "us-east-1", "--endpoint-url", this.fake.endpoint(),
				"--resource-url", "https://mcp.example.test/mcp", "--domain-prefix", "mcp-example", "--env-file",
				this.directory.resolve(".env").toString() };
		String[] all = new String[base.length + extra.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(extra, 0, all, base.length, extra.length);
		return all;
	}

	@Test
	void setupThenPrintsEachStepAndWritesEnvFileKeepingOtherLines() throws IOException {
		Files.writeString(this.directory.resolve(".env"), "SERVER_PORT=9090\nMCP_CLIENT_ID=old\n");

		CliRun.Result result = this.cli.run(setup("--callback-url", "https://vscode.dev/redirect"));

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("Setting up Cognito in us-east-1:")
			.contains("created            user pool mcp-oauth-gateway")
			.contains("created            domain mcp-example (managed login 2)")
			.contains("created            resource server https://mcp.example.test/mcp")
			.contains("created            app client mcp-clients")
			.contains("Managed login: https://mcp-example.auth.us-east-1.amazoncognito.com");
		String env = Files.readString(this.directory.resolve(".env"));
		assertThat(env).startsWith("SERVER_PORT=9090\nMCP_CLIENT_ID=")
			.doesNotContain("MCP_CLIENT_ID=old")
			.contains("MCP_RESOURCE_URL=https://mcp.example.test/mcp")
			.contains("OAUTH_ISSUER_URI=https://cognito-idp.us-east-1.amazonaws.com/us-east-1_")
			.contains("MCP_REDIRECT_URI=http://localhost:8765/callback");
		assertThat(result.out()).contains("OAUTH_ALLOWED_CLIENT_IDS=");

		CliRun.Result again = this.cli.run(setup("--callback-url", "https://vscode.dev/redirect"));
		assertThat(again.err()).doesNotContain("created").contains("already up to date");
		assertThat(Files.readString(this.directory.resolve(".env"))
			.lines()
			.filter((line) -> line.startsWith("MCP_"))
			.count()).isEqualTo(env.lines().filter((line) -> line.startsWith("MCP_")).count());
	}

	@Test
	void setupWhenBridgeUrlThenSecretWrittenToEnvFileOnly() throws IOException {
		Path envFile = this.directory.resolve(".env");

		CliRun.Result result = this.cli.run(setup("--bridge-url", "https://mcp.example.test"));

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err())
			.contains("created            app client mcp-bridge (bridge: code, with secret, "
					+ "callback https://mcp.example.test/login/oauth2/code/cognito)")
			.contains("created            managed login branding of mcp-bridge")
			.contains("BRIDGE_UPSTREAM_CLIENT_SECRET written to " + envFile + ", not shown (--show-secrets prints it)")
			.contains("keys generate");
		Map<String, String> written = CliEnvironment.dotEnv(envFile);
		String secret = written.get("BRIDGE_UPSTREAM_CLIENT_SECRET");
		assertThat(secret).startsWith("secret-");
		assertThat(written).containsEntry("BRIDGE_ENABLED", "true")
			.containsEntry("BRIDGE_ISSUER", "https://mcp.example.test")
			.containsEntry("BRIDGE_UPSTREAM_CLIENT_ID", secret.substring("secret-".length()))
			.containsEntry("BRIDGE_UPSTREAM_ISSUER_URI", written.get("OAUTH_ISSUER_URI"));
		assertThat(result.out()).contains("BRIDGE_ENABLED=true", "BRIDGE_UPSTREAM_CLIENT_ID=")
			.doesNotContain(secret)
			.doesNotContain("BRIDGE_UPSTREAM_CLIENT_SECRET");
		if (envFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(Files.getPosixFilePermissions(envFile)).isSubsetOf(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
		}

		CliRun.Result shown = this.cli.run(setup("--bridge-url", "https://mcp.example.test", "--show-secrets"));
		assertThat(shown.err()).doesNotContain("created");
		assertThat(shown.out()).contains("BRIDGE_UPSTREAM_CLIENT_SECRET=" + secret);
	}

	@Test
	void setupWhenWithSecretThenSecretMaskedAndEnvFileReadableByOthersBecomesOwnerOnly() throws IOException {
		Path envFile = this.directory.resolve(".env");
		Files.writeString(envFile, "SERVER_PORT=9090\n");
		boolean posix = envFile.getFileSystem().supportedFileAttributeViews().contains("posix");
		if (posix) {
			Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));
		}

		CliRun.Result result = this.cli.run(setup("--with-secret"));

		assertThat(result.exitCode()).as(result.toString()).isZero();
		String secret = CliEnvironment.dotEnv(envFile).get("MCP_CLIENT_SECRET");
		assertThat(secret).startsWith("secret-");
		assertThat(result.out()).contains("MCP_CLIENT_ID=").doesNotContain(secret).doesNotContain("MCP_CLIENT_SECRET");
		assertThat(result.err()).doesNotContain(secret)
			.contains("MCP_CLIENT_SECRET written to " + envFile + ", not shown (--show-secrets prints it)");
		assertThat(Files.readString(envFile)).startsWith("SERVER_PORT=9090\n");
		if (posix) {
			assertThat(result.err()).contains("Settings written to " + envFile + " (now readable by you only)");
			assertThat(Files.getPosixFilePermissions(envFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
	}

	@Test
	void setupWhenNoSecretThenEnvFilePermissionsLeftAsTheyWere() throws IOException {
		Path envFile = this.directory.resolve(".env");
		Files.writeString(envFile, "SERVER_PORT=9090\n");
		assumeTrue(envFile.getFileSystem().supportedFileAttributeViews().contains("posix"));
		Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));

		CliRun.Result result = this.cli.run(setup());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).doesNotContain("readable by you only");
		assertThat(Files.getPosixFilePermissions(envFile)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
	}

	@Test
	void setupWhenDryRunWithBridgeThenNoSecretPrintedAndEnvFileUnchanged() throws IOException {
		Path envFile = this.directory.resolve(".env");
		this.cli.run(setup("--bridge-url", "https://mcp.example.test"));
		String before = Files.readString(envFile);

		CliRun.Result result = this.cli.run(setup("--bridge-url", "https://gateway.example.test", "--dry-run"));

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("would update       app client mcp-bridge")
			.contains("BRIDGE_UPSTREAM_CLIENT_SECRET would be written to " + envFile);
		assertThat(result.out()).doesNotContain("secret-").contains("BRIDGE_ISSUER=https://gateway.example.test");
		assertThat(Files.readString(envFile)).isEqualTo(before);
		// Only the first run's.
		assertThat(this.fake.changes()).containsExactly("CreateUserPool", "CreateUserPoolDomain",
				"CreateResourceServer", "CreateUserPoolClient", "CreateManagedLoginBranding", "CreateUserPoolClient",
				"CreateManagedLoginBranding");
	}

	@Test
	void setupWhenGatewayClientThenPrintsTheCredentialsBlockAndWritesTheSecretToTheEnvFileOnly() throws IOException {
		Path envFile = this.directory.resolve(".env");

		CliRun.Result result = this.cli.run(setup("--gateway-client", "mcp-gateway", "--gateway-scopes",
				"https://orders.example.test/api/read,https://orders.example.test/api/write"));

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err())
			.contains("created            resource server https://orders.example.test/api (scopes [read, write])")
			.contains("created            app client mcp-gateway (gateway: client credentials, with secret, scopes "
					+ "[https://orders.example.test/api/read, https://orders.example.test/api/write])")
			.contains("TARGETS_CLIENT_SECRET written to " + envFile + ", not shown (--show-secrets prints it)")
			.contains("For a gateway target calling with mcp-gateway (the secret is read from TARGETS_CLIENT_SECRET):");
		Map<String, String> written = CliEnvironment.dotEnv(envFile);
		String secret = written.get("TARGETS_CLIENT_SECRET");
		String clientId = secret.substring("secret-".length());
		assertThat(written).containsEntry("TARGETS_CLIENT_ID", clientId)
			.containsEntry("TARGETS_TOKEN_URI", "https://mcp-example.auth.us-east-1.amazoncognito.com/oauth2/token");
		assertThat(result.out()).contains("""
				credentials:
				  type: client-credentials
				  token-uri: https://mcp-example.auth.us-east-1.amazoncognito.com/oauth2/token
				  client-id: %s
				  client-secret-env: TARGETS_CLIENT_SECRET
				  scopes: [https://orders.example.test/api/read, https://orders.example.test/api/write]
				""".formatted(clientId)).doesNotContain(secret);
		assertThat(this.fake.appClient("mcp-gateway")).containsEntry("AllowedOAuthFlows",
				List.of("client_credentials"));
		if (envFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(Files.getPosixFilePermissions(envFile)).isSubsetOf(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
		}
	}

	@Test
	void setupWhenGatewayScopesWithoutGatewayClientThenClearErrorAndNothingChanged() {
		CliRun.Result result = this.cli.run(setup("--gateway-scopes", "https://orders.example.test/api/read"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("--gateway-scopes needs --gateway-client");
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenGatewayClientWithoutScopesThenClearErrorAndNothingChanged() {
		CliRun.Result result = this.cli.run(setup("--gateway-client", "mcp-gateway"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("--gateway-client needs --gateway-scopes");
		assertThat(this.fake.changes()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://mcp.example.test", "https://mcp.example.test/", "https://mcp.example.test?x=1",
			"https://user@mcp.example.test", "mcp.example.test" })
	void setupWhenBridgeUrlInvalidThenClearErrorAndNothingChanged(String url) {
		CliRun.Result result = this.cli.run(setup("--bridge-url", url));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("--bridge-url must be an https URL (http only for localhost or 127.0.0.1)");
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenBridgeLogoutUrlWithoutBridgeUrlThenClearError() {
		CliRun.Result result = this.cli.run(setup("--bridge-logout-url", "https://mcp.example.test/bye"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("--bridge-logout-url needs --bridge-url");
	}

	@Test
	void setupWhenDryRunThenPlanOnlyAndNoEnvFile() {
		CliRun.Result result = this.cli.run(setup("--dry-run"));
		assertThat(result.exitCode()).isZero();
		assertThat(result.err()).contains("Plan (dry run, nothing changes)").contains("would create");
		assertThat(this.directory.resolve(".env")).doesNotExist();
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenResourceUrlNotHttpsThenClearError() {
		CliRun.Result result = this.cli.run("cognito", "setup", "--region", "us-east-1", "--endpoint-url",
				this.fake.endpoint(), "--resource-url", "http://mcp.example.test/mcp/", "--domain-prefix", "x");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("must be the public https URL of the MCP endpoint");
	}

	@Test
	void setupWhenDomainPrefixMissingThenUsage() {
		CliRun.Result result = this.cli.run("cognito", "setup", "--resource-url", "https://mcp.example.test/mcp");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("Missing required option: '--domain-prefix=PREFIX'");
	}

	@Test
	void setupWhenNoCredentialsThenSaysHowToProvideThem() {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		CliRun isolated = new CliRun(this.directory, (uri) -> false);
		System.setProperty("aws.sharedCredentialsFile", this.directory.resolve("no-credentials").toString());
		System.setProperty("aws.configFile", this.directory.resolve("no-config").toString());
		try {
			CliRun.Result result = isolated.run(setup());
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("No AWS credentials found");
		}
		finally {
			System.clearProperty("aws.sharedCredentialsFile");
			System.clearProperty("aws.configFile");
		}
	}

	String[] teardown(String... extra) {
		String[] base = { "cognito", "teardown", "--region", "us-east-1", "--endpoint-url", this.fake.endpoint(),
				"--env-file", this.directory.resolve(".env").toString() };
		String[] all = new String[base.length + extra.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(extra, 0, all, base.length, extra.length);
		return all;
	}

	@Test
	void teardownWhenConfirmedThenDeletesWhatSetupCreated() {
		this.cli.run(setup());
		String poolId = CliEnvironment.dotEnv(this.directory.resolve(".env"))
			.get("OAUTH_ISSUER_URI")
			.replaceAll(".*/", "");
		CliRun.Result result = this.cli.typing("y\n", teardown());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("Delete the user pool mcp-oauth-gateway (" + poolId + ") in us-east-1")
			.contains("updated            user pool mcp-oauth-gateway (" + poolId + "): deletion protection off")
			.contains("deleted            domain mcp-example")
			.contains("deleted            user pool mcp-oauth-gateway");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	@Test
	void teardownWhenNotConfirmedThenNothingChanged() {
		this.cli.run(setup());
		this.fake.clearCalls();
		CliRun.Result result = this.cli.typing("n\n", teardown());
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("Nothing deleted.");
		// Not even deletion protection turned off.
		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.fake.isEmpty()).isFalse();
	}

	@Test
	void setupThenWritesTheInstallationIdAndKeepsItOnTheNextRun() throws IOException {
		CliRun.Result first = this.cli.run(setup());
		String installation = CliEnvironment.dotEnv(this.directory.resolve(".env")).get("COGNITO_INSTALLATION_ID");
		assertThat(installation).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
		assertThat(first.out()).contains("COGNITO_INSTALLATION_ID=" + installation);

		CliRun.Result second = this.cli.run(setup());

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.err()).doesNotContain("created").doesNotContain("updated");
		assertThat(CliEnvironment.dotEnv(this.directory.resolve(".env"))).containsEntry("COGNITO_INSTALLATION_ID",
				installation);
	}

	@Test
	void setupWhenPoolOfAnotherInstallationThenRefusesWithoutChanges() throws IOException {
		this.cli.run(setup());
		String before = Files.readString(this.directory.resolve(".env"));
		this.fake.clearCalls();

		CliRun.Result result = this.cli.run(setup("--installation-id", "someone-else"));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("another installation of mcp-oauth-gateway");
		assertThat(this.fake.changes()).isEmpty();
		assertThat(Files.readString(this.directory.resolve(".env"))).isEqualTo(before);
	}

	@Test
	void teardownWhenPoolOfAnotherInstallationThenRefusedBeforeAsking() {
		this.cli.run(setup());
		this.fake.clearCalls();

		CliRun.Result result = this.cli.typing("y\n", teardown("--installation-id", "someone-else", "--yes"));

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("another installation of mcp-oauth-gateway").doesNotContain("[y/N]");
		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.fake.isEmpty()).isFalse();
	}

}
