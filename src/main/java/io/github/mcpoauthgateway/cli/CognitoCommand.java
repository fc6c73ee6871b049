package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.provisioning.AwsErrors;
import io.github.mcpoauthgateway.provisioning.CognitoClients;
import io.github.mcpoauthgateway.provisioning.CognitoSetup;
import io.github.mcpoauthgateway.provisioning.CognitoTeardown;
import io.github.mcpoauthgateway.provisioning.ProvisioningException;
import io.github.mcpoauthgateway.provisioning.ProvisioningPlan;
import io.github.mcpoauthgateway.provisioning.ProvisioningResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * {@code cognito setup} and {@code cognito teardown}: provision Amazon Cognito for an MCP
 * deployment with the AWS SDK, idempotently, and remove it again.
 */
@Command(name = "cognito", mixinStandardHelpOptions = true, version = "mcp-oauth-gateway cognito",
		description = "Provision Amazon Cognito for an MCP deployment (credentials and region from the AWS defaults).",
		subcommands = { CognitoCommand.Setup.class, CognitoCommand.Teardown.class })
final class CognitoCommand {

	static final String DEFAULT_POOL_NAME = "mcp-oauth-gateway";

	/**
	 * Options shared by both subcommands.
	 */
	static final class Common {

		@Option(names = "--region", paramLabel = "REGION",
				description = "AWS region (default: the AWS default chain's)")
		@Nullable String region;

		// picocli sets the options that have a default value or are required before
		// call(), so
		// they are never null there; @SuppressWarnings("NullAway.Init") says so where
		// NullAway
		// cannot see it.
		@Option(names = "--pool-name", paramLabel = "NAME", defaultValue = DEFAULT_POOL_NAME,
				description = "User pool name (default: ${DEFAULT-VALUE})")
		@SuppressWarnings("NullAway.Init")
		String poolName;

		@Option(names = "--dry-run", description = "Print the plan without changing anything")
		boolean dryRun;

		@Option(names = "--endpoint-url", paramLabel = "URL", hidden = true,
				description = "Another Cognito endpoint, such as a local emulator")
		@Nullable URI endpoint;

		@Option(names = "--installation-id", paramLabel = "ID",
				description = "This installation's id, which setup tags the user pool with (default: "
						+ ProvisioningPlan.INSTALLATION_VARIABLE + " of the env file, else of the environment)")
		@Nullable String installationId;

		CognitoIdentityProviderClient client(String region) {
			return CognitoClients.create(region, this.endpoint, null);
		}

		/**
		 * This installation's id: the option's, else the env file's, else the
		 * environment's.
		 * @return the id, or {@code null} when none of them has one
		 */
		@Nullable String installationId(Path envFile, CliEnvironment environment) {
			String id = this.installationId;
			if (id == null) {
				id = CliEnvironment.dotEnv(envFile).get(ProvisioningPlan.INSTALLATION_VARIABLE);
			}
			if (id == null || id.isBlank()) {
				id = environment.variable(ProvisioningPlan.INSTALLATION_VARIABLE);
			}
			if (id != null && !INSTALLATION_ID.matcher(id.strip()).matches()) {
				throw new ProvisioningException(
						"The installation id (--installation-id or " + ProvisioningPlan.INSTALLATION_VARIABLE
								+ ") must be 1 to 128 letters, digits and . _ : / = + @ -");
			}
			return (id != null) ? id.strip() : null;
		}

	}

	/** What a tag value may hold, as Cognito takes it. */
	static final Pattern INSTALLATION_ID = Pattern.compile("[A-Za-z0-9._:/=+@-]{1,128}");

	@Command(name = "setup", mixinStandardHelpOptions = true, sortOptions = false,
			description = {
					"Create or update the user pool, managed login domain and branding, resource server, "
							+ "app client, and optionally a test user, the admin group, the bridge's app client and "
							+ "the gateway's machine-to-machine app client.",
					"Ends by writing the settings the server and the client need to an env file." })
	static final class Setup implements Callable<Integer> {

		private final CliEnvironment environment;

		@Mixin
		Common common = new Common();

		@Option(names = "--resource-url", paramLabel = "URL",
				description = "Public URL of the MCP endpoint (default: MCP_RESOURCE_URL)")
		@Nullable String resourceUrl;

		// picocli sets the options that have a default value or are required before
		// call(), so
		// they are never null there; @SuppressWarnings("NullAway.Init") says so where
		// NullAway
		// cannot see it.
		@Option(names = "--domain-prefix", paramLabel = "PREFIX", required = true,
				description = "Managed login domain prefix: <prefix>.auth.<region>.amazoncognito.com")
		@SuppressWarnings("NullAway.Init")
		String domainPrefix;

		@Option(names = "--client-name", paramLabel = "NAME", defaultValue = "mcp-clients",
				description = "App client name (default: ${DEFAULT-VALUE})")
		@SuppressWarnings("NullAway.Init")
		String clientName;

		@Option(names = "--callback-url", paramLabel = "URL",
				description = "Another callback URL for an MCP client; repeatable (the CLI's "
						+ ProvisioningPlan.CLI_CALLBACK + " is always registered)")
		List<String> callbackUrls = new ArrayList<>();

		@Option(names = "--with-secret", description = "Give the app client a secret (a confidential client)")
		boolean withSecret;

		@Option(names = "--test-user", paramLabel = "NAME", description = "Create this user with a permanent password")
		@Nullable String testUser;

		@Option(names = "--test-password", paramLabel = "PASSWORD",
				description = "The test user's password (default: COGNITO_TEST_PASSWORD)")
		@Nullable String testPassword;

		@Option(names = "--admin-group", description = "Create the admin group (the test user joins it)")
		boolean adminGroup;

		@Option(names = "--bridge-url", paramLabel = "URL",
				description = "Also create or update the bridge's confidential app client for bridge mode; URL is "
						+ "the bridge's public origin, its issuer (e.g. https://mcp.example.com), and the client's "
						+ "only callback is <URL>" + ProvisioningPlan.Bridge.CALLBACK_PATH)
		@Nullable String bridgeUrl;

		@Option(names = "--bridge-client-name", paramLabel = "NAME", defaultValue = "mcp-bridge",
				description = "Name of the bridge's app client (default: ${DEFAULT-VALUE})")
		@SuppressWarnings("NullAway.Init")
		String bridgeClientName;

		@Option(names = "--bridge-logout-url", paramLabel = "URL",
				description = "A sign-out URL for the bridge's app client (default: none)")
		@Nullable String bridgeLogoutUrl;

		@Option(names = "--gateway-client", paramLabel = "NAME",
				description = "Also create or update a confidential app client for the client credentials grant "
						+ "only, which gateway targets' client-credentials credentials use (needs --gateway-scopes)")
		@Nullable String gatewayClient;

		@Option(names = "--gateway-scopes", paramLabel = "SCOPE", split = ",",
				description = "The gateway client's scopes, <resource server identifier>/<scope name>, comma-separated "
						+ "or repeated; setup creates each resource server, or adds the scopes it lacks")
		List<String> gatewayScopes = new ArrayList<>();

		@Option(names = "--show-secrets",
				description = "Also print client secrets (they are always written to the env file only)")
		boolean showSecrets;

		@Option(names = "--env-file", paramLabel = "FILE", defaultValue = ".env",
				description = "Where to write the settings (default: ${DEFAULT-VALUE}); existing lines for the same "
						+ "variables are replaced, others kept")
		@SuppressWarnings("NullAway.Init")
		Path envFile;

		Setup(CliEnvironment environment) {
			this.environment = environment;
		}

		@Override
		public Integer call() {
			String resource = (this.resourceUrl != null) ? this.resourceUrl
					: this.environment.variable("MCP_RESOURCE_URL");
			if (resource == null || !resource.startsWith("https://") || resource.endsWith("/")) {
				throw new ProvisioningException("--resource-url (or MCP_RESOURCE_URL) must be the public https URL of "
						+ "the MCP endpoint, without a trailing slash, e.g. https://mcp.example.com/mcp");
			}
			ProvisioningPlan.TestUser user = null;
			if (this.testUser != null) {
				String password = (this.testPassword != null) ? this.testPassword
						: this.environment.variable("COGNITO_TEST_PASSWORD");
				if (password == null) {
					throw new ProvisioningException("--test-user needs --test-password or COGNITO_TEST_PASSWORD");
				}
				user = new ProvisioningPlan.TestUser(this.testUser, password);
			}
			List<String> callbacks = new ArrayList<>(List.of(ProvisioningPlan.CLI_CALLBACK));
			this.callbackUrls.stream().filter((url) -> !callbacks.contains(url)).forEach(callbacks::add);
			String known = this.common.installationId(this.envFile, this.environment);
			String installation = (known != null) ? known : UUID.randomUUID().toString();
			String region = CognitoClients.region(this.common.region);
			ProvisioningPlan plan = new ProvisioningPlan(region, this.common.poolName,
					this.domainPrefix.toLowerCase(Locale.ROOT), resource, this.clientName, callbacks, this.withSecret,
					user, this.adminGroup, installation)
				.withBridge(bridge())
				.withGatewayClient(gatewayClient());
			this.environment.err()
				.println((this.common.dryRun ? "Plan (dry run, nothing changes)" : "Setting up Cognito") + " in "
						+ region + ":");
			ProvisioningResult result;
			try (CognitoIdentityProviderClient cognito = this.common.client(region)) {
				result = new CognitoSetup(cognito, (step) -> this.environment.err().println("  " + step),
						this.common.dryRun)
					.apply(plan);
			}
			catch (SdkException ex) {
				throw AwsErrors.explain(ex);
			}
			Map<String, String> variables = result.environment();
			if (this.common.dryRun) {
				this.environment.err().println("The settings it would write to " + this.envFile + ":");
			}
			else {
				boolean restricted = writeEnvFile(this.envFile, variables);
				this.environment.err()
					.println("Settings written to " + this.envFile + (restricted ? " (now readable by you only)" : "")
							+ ":");
			}
			variables.forEach((name, value) -> {
				if (this.showSecrets || !ProvisioningResult.SECRETS.contains(name)) {
					this.environment.out().println(name + "=" + value);
				}
				else {
					this.environment.err()
						.println(name + " " + (this.common.dryRun ? "would be written" : "written") + " to "
								+ this.envFile + ", not shown (--show-secrets prints it)");
				}
			});
			if (plan.gatewayClient() != null) {
				this.environment.err()
					.println("For a gateway target calling with " + plan.gatewayClient().clientName() + " (the secret "
							+ "is read from " + ProvisioningResult.GATEWAY_CLIENT_SECRET + "):");
				result.targetCredentials().forEach(this.environment.out()::println);
			}
			this.environment.err().println("Managed login: " + result.loginUrl());
			if (known == null && !this.common.dryRun) {
				this.environment.err()
					.println("New installation id " + installation + " (" + ProvisioningPlan.INSTALLATION_VARIABLE
							+ "): the user pool carries it, and cognito setup and teardown touch only a pool that "
							+ "carries theirs; keep " + this.envFile + ", or pass it with --installation-id.");
			}
			if (plan.bridge() != null) {
				this.environment.err()
					.println("Bridge mode also needs BRIDGE_SIGNING_KEYS and BRIDGE_TOKEN_ENCRYPTION_KEY: "
							+ "java -jar <jar> keys generate prints them for your secrets store.");
			}
			return 0;
		}

		private ProvisioningPlan.@Nullable GatewayClient gatewayClient() {
			if (this.gatewayClient == null) {
				if (!this.gatewayScopes.isEmpty()) {
					throw new ProvisioningException("--gateway-scopes needs --gateway-client");
				}
				return null;
			}
			return new ProvisioningPlan.GatewayClient(this.gatewayClient,
					this.gatewayScopes.stream().map(String::strip).filter((scope) -> !scope.isEmpty()).toList());
		}

		private ProvisioningPlan.@Nullable Bridge bridge() {
			if (this.bridgeUrl == null) {
				if (this.bridgeLogoutUrl != null) {
					throw new ProvisioningException("--bridge-logout-url needs --bridge-url");
				}
				return null;
			}
			String url = requireBridgeUrl("--bridge-url", this.bridgeUrl);
			String logout = (this.bridgeLogoutUrl != null)
					? requireBridgeUrl("--bridge-logout-url", this.bridgeLogoutUrl) : null;
			return new ProvisioningPlan.Bridge(url, this.bridgeClientName, logout);
		}

		/**
		 * Cognito takes https URLs, and http only for a loopback host; a trailing slash
		 * would put a double slash into the callback.
		 */
		private static String requireBridgeUrl(String option, String value) {
			URI uri;
			try {
				uri = new URI(value);
			}
			catch (URISyntaxException ex) {
				uri = null;
			}
			boolean valid = uri != null && uri.getHost() != null && uri.getRawUserInfo() == null
					&& uri.getRawQuery() == null && uri.getRawFragment() == null && !value.endsWith("/")
					&& ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
							&& List.of("localhost", "127.0.0.1").contains(uri.getHost()));
			if (!valid) {
				throw new ProvisioningException(option + " must be an https URL (http only for localhost or "
						+ "127.0.0.1) without a trailing slash, query or fragment, e.g. https://mcp.example.com");
			}
			return value;
		}

	}

	@Command(name = "teardown", mixinStandardHelpOptions = true,
			description = { "Delete what setup created: its user pool, with everything in it, and the pool's domain.",
					"Only a pool that setup tagged with this installation's id is deleted, after asking; its "
							+ "deletion protection is turned off first." })
	static final class Teardown implements Callable<Integer> {

		private final CliEnvironment environment;

		@Mixin
		Common common = new Common();

		// picocli sets envFile, which has a default value, before call().
		@Option(names = "--env-file", paramLabel = "FILE", defaultValue = ".env",
				description = "The env file setup wrote, for " + ProvisioningPlan.INSTALLATION_VARIABLE
						+ " (default: ${DEFAULT-VALUE})")
		@SuppressWarnings("NullAway.Init")
		Path envFile;

		@Option(names = "--pool-id", paramLabel = "ID",
				description = "The user pool's id: required for a pool that setup created before installation ids, "
						+ "compared otherwise")
		@Nullable String poolId;

		@Option(names = "--yes", description = "Do not ask for confirmation")
		boolean yes;

		Teardown(CliEnvironment environment) {
			this.environment = environment;
		}

		@Override
		public Integer call() throws IOException {
			String region = CognitoClients.region(this.common.region);
			String installation = this.common.installationId(this.envFile, this.environment);
			try (CognitoIdentityProviderClient cognito = this.common.client(region)) {
				CognitoTeardown teardown = new CognitoTeardown(cognito,
						(step) -> this.environment.err().println("  " + step), this.common.dryRun);
				// Refusals come before the question, and nothing changes before the
				// answer.
				UserPoolType pool = teardown.find(this.common.poolName, installation, this.poolId);
				if (pool == null) {
					return 0;
				}
				if (!this.common.dryRun && !this.yes) {
					this.environment.err()
						.print("Delete the user pool " + pool.name() + " (" + pool.id() + ") in " + region
								+ " with all its users and clients? [y/N] ");
					this.environment.err().flush();
					String answer = this.environment.in().readLine();
					if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
						this.environment.err().println("Nothing deleted.");
						return 1;
					}
				}
				teardown.delete(pool);
			}
			catch (SdkException ex) {
				throw AwsErrors.explain(ex);
			}
			return 0;
		}

	}

	/**
	 * Writes the variables into an env file, replacing their old lines and keeping the
	 * rest, so a second setup does not duplicate them. A file that receives a secret is
	 * made readable by its owner only, where the file system has POSIX permissions,
	 * before the secret is written into it (a new one is created so).
	 * @return whether it received a secret and was made readable by its owner only
	 */
	static boolean writeEnvFile(Path file, Map<String, String> variables) {
		try {
			boolean restricted = variables.keySet().stream().anyMatch(ProvisioningResult.SECRETS::contains)
					&& ownerOnly(file);
			List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
					: new ArrayList<>();
			Map<String, String> pending = new LinkedHashMap<>(variables);
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				int equals = line.indexOf('=');
				String name = (equals > 0) ? line.substring(0, equals).strip() : "";
				if (pending.containsKey(name)) {
					lines.set(i, name + "=" + pending.remove(name));
				}
			}
			if (!pending.isEmpty()) {
				lines.add("# Written by cognito setup");
				pending.forEach((name, value) -> lines.add(name + "=" + value));
			}
			Files.write(file, lines, StandardCharsets.UTF_8);
			return restricted;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static boolean ownerOnly(Path file) throws IOException {
		if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return false;
		}
		if (!Files.exists(file)) {
			Files.createFile(file, PosixFilePermissions
				.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
			return true;
		}
		Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(file));
		permissions.removeAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_EXECUTE));
		Files.setPosixFilePermissions(file, permissions);
		return true;
	}

}
