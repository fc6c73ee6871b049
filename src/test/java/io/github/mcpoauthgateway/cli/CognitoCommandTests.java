package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mcpoauthgateway.cognito.FakeCognitoAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void teardownWhenConfirmedThenDeletesWhatSetupCreated() {
		this.cli.run(setup());
		CliRun.Result result = this.cli.typing("y\n", "cognito", "teardown", "--region", "us-east-1", "--endpoint-url",
				this.fake.endpoint());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("deleted            domain mcp-example")
			.contains("deleted            user pool mcp-oauth-gateway");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	@Test
	void teardownWhenNotConfirmedThenNothingDeleted() {
		this.cli.run(setup());
		CliRun.Result result = this.cli.typing("n\n", "cognito", "teardown", "--region", "us-east-1", "--endpoint-url",
				this.fake.endpoint());
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("Nothing deleted.");
		assertThat(this.fake.isEmpty()).isFalse();
	}

}
