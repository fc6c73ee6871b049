package io.github.mcpoauthgateway.provisioning;

import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauthgateway.provisioning.ProvisioningStep.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Setup and teardown with the real AWS SDK client against a loopback endpoint that speaks
 * Cognito's JSON protocol and records the calls.
 */
class CognitoSetupTests {

	static final String RESOURCE = "https://mcp.example.test/mcp";

	static final String BRIDGE = "https://mcp.example.test";

	static final String INSTALLATION = "3f6c1e0a-9d1b-4f7e-8a52-0c4b7d2e9f10";

	private final FakeCognito fake = new FakeCognito();

	private final CognitoIdentityProviderClient cognito = CognitoClients.create("us-east-1", this.fake.endpoint(),
			StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")));

	private final List<ProvisioningStep> steps = new ArrayList<>();

	@AfterEach
	void close() {
		this.cognito.close();
		this.fake.close();
	}

	static ProvisioningPlan plan(List<String> callbacks) {
		return new ProvisioningPlan("us-east-1", "mcp-oauth-gateway", "mcp-example", RESOURCE, "mcp-clients", callbacks,
				false, new ProvisioningPlan.TestUser("tester", "Test-password-1"), true, INSTALLATION);
	}

	ProvisioningResult setup(ProvisioningPlan plan, boolean dryRun) {
		this.steps.clear();
		return new CognitoSetup(this.cognito, this.steps::add, dryRun).apply(plan);
	}

	List<Outcome> outcomes() {
		return this.steps.stream().map(ProvisioningStep::outcome).distinct().toList();
	}

	@Test
	void setupWhenNothingExistsThenCreatesEverythingInOrder() {
		ProvisioningResult result = setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);

		assertThat(this.fake.changes()).containsExactly("CreateUserPool", "CreateUserPoolDomain",
				"CreateResourceServer", "CreateUserPoolClient", "CreateManagedLoginBranding", "CreateGroup",
				"AdminCreateUser", "AdminSetUserPassword", "AdminAddUserToGroup");
		assertThat(outcomes()).containsExactly(Outcome.CREATED);
		assertThat(this.fake.pool().path("UserPoolTier").asString()).isEqualTo("ESSENTIALS");
		assertThat(this.fake.pool().path("UserPoolTags").path("managed-by").asString()).isEqualTo("mcp-oauth-gateway");
		assertThat(this.fake.resourceServer().path("Identifier").asString()).isEqualTo(RESOURCE);
		assertThat(FakeCognito.texts(this.fake.client("mcp-clients").path("AllowedOAuthScopes")))
			.containsExactly("openid", RESOURCE + "/admin", RESOURCE + "/tools");
		assertThat(FakeCognito.texts(this.fake.client("mcp-clients").path("AllowedOAuthFlows")))
			.containsExactly("code");
		assertThat(result.environment()).containsEntry("MCP_RESOURCE_URL", RESOURCE)
			.containsEntry("OAUTH_ISSUER_URI", "https://cognito-idp.us-east-1.amazonaws.com/" + result.userPoolId())
			.containsEntry("OAUTH_ALLOWED_CLIENT_IDS", result.clientId())
			.containsEntry("OAUTH_ENFORCE_ALLOWED_CLIENT_IDS", "true")
			.containsEntry("MCP_CLIENT_ID", result.clientId())
			.containsEntry("MCP_REQUIRED_SCOPES", RESOURCE + "/tools")
			.containsEntry("COGNITO_LOGIN_URL", "https://mcp-example.auth.us-east-1.amazoncognito.com")
			.doesNotContainKey("MCP_CLIENT_SECRET");
	}

	@Test
	void setupWhenRunTwiceThenSecondRunChangesNothing() {
		ProvisioningResult first = setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();

		ProvisioningResult second = setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(outcomes()).containsExactly(Outcome.UNCHANGED);
		assertThat(second.userPoolId()).isEqualTo(first.userPoolId());
		assertThat(second.clientId()).isEqualTo(first.clientId());
	}

	@Test
	void setupWhenCallbackUrlAddedThenOnlyTheClientIsUpdated() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();
		List<String> callbacks = List.of(ProvisioningPlan.CLI_CALLBACK, "https://claude.ai/api/mcp/auth_callback");

		setup(plan(callbacks), false);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPoolClient");
		assertThat(FakeCognito.texts(this.fake.client("mcp-clients").path("CallbackURLs")))
			.containsExactlyElementsOf(callbacks);
		assertThat(FakeCognito.texts(this.fake.client("mcp-clients").path("AllowedOAuthScopes"))).contains("openid");
	}

	@Test
	void setupWhenNothingExistsThenEveryAppClientRotatesRefreshTokensAndHasNoSignInFlowOfItsOwn() {
		setup(bridgePlan(BRIDGE), false);

		for (String name : List.of("mcp-clients", "mcp-bridge")) {
			ObjectNode client = this.fake.client(name);
			assertThat(client.path("RefreshTokenRotation").path("Feature").asString()).as(name).isEqualTo("ENABLED");
			assertThat(client.path("RefreshTokenRotation").path("RetryGracePeriodSeconds").asInt()).as(name)
				.isEqualTo(10);
			// Sent, and empty: Cognito gives an app client without ExplicitAuthFlows
			// SRP, custom and refresh token authentication.
			assertThat(client.has("ExplicitAuthFlows")).as(name).isTrue();
			assertThat(FakeCognito.texts(client.path("ExplicitAuthFlows"))).as(name).isEmpty();
		}
	}

	@Test
	void setupWhenAppClientPredatesRotationThenUpdatedWithRotationAndEveryOtherSetting() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		ObjectNode old = this.fake.client("mcp-clients");
		old.remove("RefreshTokenRotation");
		old.putArray("ExplicitAuthFlows").add("ALLOW_REFRESH_TOKEN_AUTH");
		this.fake.clearCalls();

		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPoolClient");
		ObjectNode updated = this.fake.client("mcp-clients");
		assertThat(updated.path("RefreshTokenRotation").path("Feature").asString()).isEqualTo("ENABLED");
		assertThat(updated.path("RefreshTokenRotation").path("RetryGracePeriodSeconds").asInt()).isEqualTo(10);
		assertThat(FakeCognito.texts(updated.path("ExplicitAuthFlows"))).isEmpty();
		assertThat(FakeCognito.texts(updated.path("CallbackURLs"))).containsExactly(ProvisioningPlan.CLI_CALLBACK);
		assertThat(FakeCognito.texts(updated.path("AllowedOAuthFlows"))).containsExactly("code");
		assertThat(updated.path("EnableTokenRevocation").asBoolean()).isTrue();
		this.fake.clearCalls();
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenRotationGracePeriodDiffersThenTheClientIsUpdated() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		((ObjectNode) this.fake.client("mcp-clients").path("RefreshTokenRotation")).put("RetryGracePeriodSeconds", 60);
		this.fake.clearCalls();

		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPoolClient");
		assertThat(this.fake.client("mcp-clients").path("RefreshTokenRotation").path("RetryGracePeriodSeconds").asInt())
			.isEqualTo(10);
	}

	@Test
	void setupWhenDryRunThenOnlyReadsAndReportsThePlan() {
		ProvisioningResult result = setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), true);
		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.fake.isEmpty()).isTrue();
		assertThat(outcomes()).containsExactly(Outcome.WOULD_CREATE);
		assertThat(this.steps).hasSize(8);
		assertThat(result.userPoolId()).isNull();
	}

	@Test
	void setupWhenDryRunAfterSetupThenReportsWhatWouldChange() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK, "https://vscode.dev/redirect")), true);
		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.steps).filteredOn((step) -> step.outcome() == Outcome.WOULD_UPDATE)
			.singleElement()
			.satisfies((step) -> assertThat(step.resource()).startsWith("app client mcp-clients"));
	}

	@Test
	void setupWhenClientWithSecretThenSecretReturnedForEnvFile() {
		ProvisioningPlan plan = new ProvisioningPlan("us-east-1", "mcp-oauth-gateway", "mcp-example", RESOURCE,
				"mcp-clients", List.of(ProvisioningPlan.CLI_CALLBACK), true, null, false, INSTALLATION);
		ProvisioningResult result = setup(plan, false);
		assertThat(result.environment()).containsEntry("MCP_CLIENT_SECRET", "secret-" + result.clientId());
	}

	static ProvisioningPlan bridgePlan(String bridgeUrl) {
		return plan(List.of(ProvisioningPlan.CLI_CALLBACK))
			.withBridge(new ProvisioningPlan.Bridge(bridgeUrl, "mcp-bridge", null));
	}

	@Test
	void setupWhenBridgeUrlGivenThenCreatesConfidentialClientWithOnlyTheBridgeCallback() {
		ProvisioningResult result = setup(bridgePlan(BRIDGE), false);

		assertThat(this.fake.changes()).containsExactly("CreateUserPool", "CreateUserPoolDomain",
				"CreateResourceServer", "CreateUserPoolClient", "CreateManagedLoginBranding", "CreateUserPoolClient",
				"CreateManagedLoginBranding", "CreateGroup", "AdminCreateUser", "AdminSetUserPassword",
				"AdminAddUserToGroup");
		ObjectNode bridge = this.fake.client("mcp-bridge");
		assertThat(bridge.path("ClientSecret").asString()).isNotEmpty();
		assertThat(FakeCognito.texts(bridge.path("CallbackURLs")))
			.containsExactly(BRIDGE + "/login/oauth2/code/cognito");
		assertThat(bridge.has("LogoutURLs")).isFalse();
		assertThat(FakeCognito.texts(bridge.path("AllowedOAuthFlows"))).containsExactly("code");
		assertThat(bridge.path("AllowedOAuthFlowsUserPoolClient").asBoolean()).isTrue();
		assertThat(FakeCognito.texts(bridge.path("AllowedOAuthScopes"))).containsExactly("openid", "email", "profile",
				RESOURCE + "/admin", RESOURCE + "/tools");
		assertThat(FakeCognito.texts(bridge.path("SupportedIdentityProviders"))).containsExactly("COGNITO");
		// The MCP clients' app client stays public.
		assertThat(this.fake.client("mcp-clients").has("ClientSecret")).isFalse();
		assertThat(result.environment()).containsEntry("BRIDGE_ENABLED", "true")
			.containsEntry("BRIDGE_ISSUER", BRIDGE)
			.containsEntry("BRIDGE_UPSTREAM_ISSUER_URI", result.issuer())
			.containsEntry("BRIDGE_UPSTREAM_CLIENT_ID", bridge.path("ClientId").asString())
			.containsEntry("BRIDGE_UPSTREAM_CLIENT_SECRET", bridge.path("ClientSecret").asString())
			.containsEntry("OAUTH_ALLOWED_CLIENT_IDS", result.clientId());
		assertThat(result.toString()).doesNotContain(bridge.path("ClientSecret").asString());
	}

	@Test
	void setupWhenRunTwiceWithBridgeThenSecondRunChangesNothingAndKeepsTheSecret() {
		ProvisioningResult first = setup(bridgePlan(BRIDGE), false);
		this.fake.clearCalls();

		ProvisioningResult second = setup(bridgePlan(BRIDGE), false);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(outcomes()).containsExactly(Outcome.UNCHANGED);
		assertThat(second.bridgeClientId()).isEqualTo(first.bridgeClientId());
		assertThat(second.bridgeClientSecret()).isNotNull().isEqualTo(first.bridgeClientSecret());
	}

	@Test
	void setupWhenBridgeUrlChangedThenOnlyTheBridgeClientIsUpdated() {
		ProvisioningResult first = setup(bridgePlan(BRIDGE), false);
		ObjectNode mcpClients = this.fake.client("mcp-clients").deepCopy();
		this.fake.clearCalls();

		ProvisioningResult second = setup(bridgePlan("https://gateway.example.test"), false);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPoolClient");
		assertThat(this.steps).filteredOn((step) -> step.outcome() == Outcome.UPDATED)
			.singleElement()
			.satisfies((step) -> assertThat(step.resource()).startsWith("app client mcp-bridge"));
		assertThat(FakeCognito.texts(this.fake.client("mcp-bridge").path("CallbackURLs")))
			.containsExactly("https://gateway.example.test/login/oauth2/code/cognito");
		assertThat(FakeCognito.texts(this.fake.client("mcp-bridge").path("AllowedOAuthScopes"))).contains("openid",
				"email", "profile");
		assertThat(this.fake.client("mcp-clients")).isEqualTo(mcpClients);
		assertThat(second.bridgeClientId()).isEqualTo(first.bridgeClientId());
		assertThat(second.bridgeClientSecret()).isEqualTo(first.bridgeClientSecret());
		assertThat(second.environment()).containsEntry("BRIDGE_ISSUER", "https://gateway.example.test");
	}

	@Test
	void setupWhenBridgeLogoutUrlAddedThenTheBridgeClientIsUpdated() {
		setup(bridgePlan(BRIDGE), false);
		this.fake.clearCalls();

		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK))
			.withBridge(new ProvisioningPlan.Bridge(BRIDGE, "mcp-bridge", BRIDGE + "/logged-out")), false);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPoolClient");
		assertThat(FakeCognito.texts(this.fake.client("mcp-bridge").path("LogoutURLs")))
			.containsExactly(BRIDGE + "/logged-out");
	}

	@Test
	void setupWhenBridgeClientNameTakenByPublicClientThenRefusesWithoutChanges() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();
		ProvisioningPlan plan = plan(List.of(ProvisioningPlan.CLI_CALLBACK))
			.withBridge(new ProvisioningPlan.Bridge(BRIDGE, "mcp-clients", null));

		assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> setup(plan, false))
			.withMessage("The app client mcp-clients exists without a secret, and Cognito cannot change that: "
					+ "run cognito teardown, or choose another --bridge-client-name.");
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenDryRunWithBridgeThenReportsTheBridgeClientWithoutSecret() {
		ProvisioningResult result = setup(bridgePlan(BRIDGE), true);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(outcomes()).containsExactly(Outcome.WOULD_CREATE);
		assertThat(this.steps).extracting(ProvisioningStep::resource)
			.contains("app client mcp-bridge (bridge: code, with secret, callback " + BRIDGE
					+ "/login/oauth2/code/cognito)", "managed login branding of mcp-bridge");
		assertThat(result.environment()).containsEntry("BRIDGE_UPSTREAM_CLIENT_ID", "<bridge client id>")
			.containsEntry("BRIDGE_UPSTREAM_CLIENT_SECRET", "<bridge client secret>");
	}

	@Test
	void setupWhenDryRunAddsBridgeToExistingPoolThenReportsClientAndBranding() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();

		setup(bridgePlan(BRIDGE), true);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.steps).filteredOn((step) -> step.outcome() == Outcome.WOULD_CREATE)
			.extracting(ProvisioningStep::resource)
			.containsExactly("app client mcp-bridge (bridge: code, with secret, callback " + BRIDGE
					+ "/login/oauth2/code/cognito)", "managed login branding of mcp-bridge (Cognito defaults)");
	}

	@Test
	void teardownWhenBridgeSetUpThenRemovesItWithThePool() {
		setup(bridgePlan(BRIDGE), false);
		this.fake.clearCalls();

		new CognitoTeardown(this.cognito, this.steps::add, false).apply("mcp-oauth-gateway", INSTALLATION, null);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPool", "DeleteUserPoolDomain", "DeleteUserPool");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	static final String ORDERS = "https://orders.example.test/api";

	static ProvisioningPlan gatewayPlan(String... scopes) {
		return plan(List.of(ProvisioningPlan.CLI_CALLBACK))
			.withGatewayClient(new ProvisioningPlan.GatewayClient("mcp-gateway", List.of(scopes)));
	}

	@Test
	void setupWhenGatewayClientThenItsResourceServersAndAConfidentialClientCredentialsClient() {
		ProvisioningResult result = setup(
				gatewayPlan(ORDERS + "/read", ORDERS + "/write", "https://billing.example.test/invoices"), false);

		assertThat(this.fake.changes()).containsExactly("CreateUserPool", "CreateUserPoolDomain",
				"CreateResourceServer", "CreateUserPoolClient", "CreateManagedLoginBranding", "CreateResourceServer",
				"CreateResourceServer", "CreateUserPoolClient", "CreateGroup", "AdminCreateUser",
				"AdminSetUserPassword", "AdminAddUserToGroup");
		assertThat(this.fake.resourceServer(ORDERS).path("Name").asString()).isEqualTo("MCP gateway target");
		assertThat(this.fake.resourceServer(ORDERS).path("Scopes").findValuesAsString("ScopeName"))
			.containsExactly("read", "write");
		assertThat(
				this.fake.resourceServer("https://billing.example.test").path("Scopes").findValuesAsString("ScopeName"))
			.containsExactly("invoices");
		ObjectNode gateway = this.fake.client("mcp-gateway");
		assertThat(FakeCognito.texts(gateway.path("AllowedOAuthFlows"))).containsExactly("client_credentials");
		assertThat(gateway.path("AllowedOAuthFlowsUserPoolClient").asBoolean()).isTrue();
		assertThat(gateway.path("ClientSecret").asString()).isNotEmpty();
		assertThat(FakeCognito.texts(gateway.path("AllowedOAuthScopes"))).containsExactly(ORDERS + "/read",
				ORDERS + "/write", "https://billing.example.test/invoices");
		// Nobody signs in through it: no callback, no refresh tokens to rotate, no
		// sign-in flow of the user pools API.
		assertThat(gateway.has("CallbackURLs")).isFalse();
		assertThat(gateway.has("RefreshTokenRotation")).isFalse();
		assertThat(FakeCognito.texts(gateway.path("ExplicitAuthFlows"))).isEmpty();
		String secret = gateway.path("ClientSecret").asString();
		String tokenUri = "https://mcp-example.auth.us-east-1.amazoncognito.com/oauth2/token";
		assertThat(result.environment()).containsEntry("TARGETS_TOKEN_URI", tokenUri)
			.containsEntry("TARGETS_CLIENT_ID", gateway.path("ClientId").asString())
			.containsEntry("TARGETS_CLIENT_SECRET", secret)
			.containsEntry("OAUTH_ALLOWED_CLIENT_IDS", result.clientId());
		assertThat(result.targetCredentials()).containsExactly("credentials:", "  type: client-credentials",
				"  token-uri: " + tokenUri, "  client-id: " + gateway.path("ClientId").asString(),
				"  client-secret-env: TARGETS_CLIENT_SECRET",
				"  scopes: [" + ORDERS + "/read, " + ORDERS + "/write, https://billing.example.test/invoices]");
		assertThat(String.join("\n", result.targetCredentials())).doesNotContain(secret);
		assertThat(result.toString()).doesNotContain(secret);
	}

	@Test
	void setupWhenRunTwiceWithGatewayClientThenSecondRunChangesNothingAndKeepsTheSecret() {
		ProvisioningResult first = setup(gatewayPlan(ORDERS + "/read"), false);
		this.fake.clearCalls();

		ProvisioningResult second = setup(gatewayPlan(ORDERS + "/read"), false);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(outcomes()).containsExactly(Outcome.UNCHANGED);
		assertThat(second.gatewayClientId()).isEqualTo(first.gatewayClientId());
		assertThat(second.gatewayClientSecret()).isNotNull().isEqualTo(first.gatewayClientSecret());
	}

	@Test
	void setupWhenTargetResourceServerHasOtherScopesThenKeepsThemAndAddsTheMissingOnes() {
		ProvisioningResult first = setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.cognito.createResourceServer((request) -> request.userPoolId(first.userPoolId())
			.identifier(ORDERS)
			.name("Orders API")
			.scopes((scope) -> scope.scopeName("admin").scopeDescription("Used by another client")));
		this.fake.clearCalls();

		setup(gatewayPlan(ORDERS + "/read"), false);

		assertThat(this.fake.changes()).containsExactly("UpdateResourceServer", "CreateUserPoolClient");
		assertThat(this.fake.resourceServer(ORDERS).path("Name").asString()).isEqualTo("Orders API");
		assertThat(this.fake.resourceServer(ORDERS).path("Scopes").findValuesAsString("ScopeName"))
			.containsExactly("admin", "read");
		assertThat(this.steps).extracting(ProvisioningStep::resource)
			.contains("resource server " + ORDERS + " (adds scopes [read])");
	}

	@Test
	void setupWhenGatewayScopesChangeThenTheGatewayClientIsUpdatedAndKeepsItsGrant() {
		ProvisioningResult first = setup(gatewayPlan(ORDERS + "/read"), false);
		this.fake.clearCalls();

		ProvisioningResult second = setup(gatewayPlan(ORDERS + "/read", ORDERS + "/write"), false);

		assertThat(this.fake.changes()).containsExactly("UpdateResourceServer", "UpdateUserPoolClient");
		ObjectNode gateway = this.fake.client("mcp-gateway");
		assertThat(FakeCognito.texts(gateway.path("AllowedOAuthScopes"))).containsExactly(ORDERS + "/read",
				ORDERS + "/write");
		assertThat(FakeCognito.texts(gateway.path("AllowedOAuthFlows"))).containsExactly("client_credentials");
		assertThat(second.gatewayClientSecret()).isEqualTo(first.gatewayClientSecret());
	}

	@Test
	void setupWhenDryRunWithGatewayClientThenReportsItsResourceServersAndClient() {
		ProvisioningResult result = setup(gatewayPlan(ORDERS + "/read"), true);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(outcomes()).containsExactly(Outcome.WOULD_CREATE);
		assertThat(this.steps).extracting(ProvisioningStep::resource)
			.contains("resource server " + ORDERS + " (scopes [read])",
					"app client mcp-gateway (gateway: client credentials, with secret, scopes [" + ORDERS + "/read])");
		assertThat(result.environment()).containsEntry("TARGETS_CLIENT_ID", "<gateway client id>")
			.containsEntry("TARGETS_CLIENT_SECRET", "<gateway client secret>");
	}

	@Test
	void setupWhenGatewayClientNameTakenByPublicClientThenRefusesWithoutChanges() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();
		ProvisioningPlan plan = plan(List.of(ProvisioningPlan.CLI_CALLBACK))
			.withGatewayClient(new ProvisioningPlan.GatewayClient("mcp-clients", List.of(ORDERS + "/read")));

		assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> setup(plan, false))
			.withMessage("The app client mcp-clients exists without a secret, and Cognito cannot change that: "
					+ "run cognito teardown, or choose another --gateway-client.");
		// The target's resource server is in place; the client is refused before any
		// change to it.
		assertThat(this.fake.changes()).containsExactly("CreateResourceServer");
	}

	@Test
	void gatewayClientWhenScopeIsNotAResourceServerScopeThenRefused() {
		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> new ProvisioningPlan.GatewayClient("mcp-gateway", List.of("orders:read")))
			.withMessageStartingWith("--gateway-scopes: orders:read is not <resource server identifier>/<scope name>");
		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> new ProvisioningPlan.GatewayClient("mcp-gateway", List.of(ORDERS + "/")));
		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> new ProvisioningPlan.GatewayClient("mcp-gateway", List.of()))
			.withMessageStartingWith("--gateway-client needs --gateway-scopes");
	}

	@Test
	void gatewayClientWhenScopeOfTheMcpServerItselfThenRefused() {
		assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> gatewayPlan(RESOURCE + "/tools"))
			.withMessageStartingWith("--gateway-scopes names the MCP server's own resource server (" + RESOURCE + ")");
	}

	@Test
	void teardownWhenGatewayClientSetUpThenRemovesItWithThePool() {
		setup(gatewayPlan(ORDERS + "/read"), false);
		this.fake.clearCalls();

		new CognitoTeardown(this.cognito, this.steps::add, false).apply("mcp-oauth-gateway", INSTALLATION, null);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPool", "DeleteUserPoolDomain", "DeleteUserPool");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	@Test
	void setupWhenPoolNameTakenByAnotherPoolThenRefusesWithoutChanges() {
		this.fake.foreignPool("mcp-oauth-gateway");
		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false))
			.withMessageContaining("is taken by user pool")
			.withMessageContaining("choose another --pool-name");
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenDomainPrefixTakenThenSaysToChooseAnother() {
		this.fake.failNext("CreateUserPoolDomain", 400, "InvalidParameterException", "Domain already exists.");
		assertThatExceptionOfType(SdkException.class)
			.isThrownBy(() -> setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false))
			.satisfies((ex) -> assertThat(AwsErrors.explain(ex).getMessage())
				.startsWith("The domain prefix is already taken (InvalidParameterException: Domain already exists.)")
				.contains("--domain-prefix"));
	}

	@Test
	void setupWhenAccessDeniedThenNamesThePermissions() {
		this.fake.failNext("ListUserPools", 400, "AccessDeniedException",
				"User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cognito-idp:ListUserPools");
		assertThatExceptionOfType(SdkException.class)
			.isThrownBy(() -> setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false))
			.satisfies((ex) -> assertThat(AwsErrors.explain(ex).getMessage()).startsWith("AWS denied the request")
				.contains("cognito-idp:ListUserPools")
				.contains("infra/README.md"));
	}

	@Test
	void setupWhenQuotaReachedThenSaysSo() {
		this.fake.failNext("CreateUserPool", 400, "LimitExceededException", "User pool limit exceeded.");
		assertThatExceptionOfType(SdkException.class)
			.isThrownBy(() -> setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false))
			.satisfies((ex) -> assertThat(AwsErrors.explain(ex).getMessage()).startsWith("An AWS quota was reached"));
	}

	@Test
	void teardownWhenSetupRanThenRemovesEverythingItCreated() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();
		List<ProvisioningStep> removed = new ArrayList<>();

		new CognitoTeardown(this.cognito, removed::add, false).apply("mcp-oauth-gateway", INSTALLATION, null);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPool", "DeleteUserPoolDomain", "DeleteUserPool");
		assertThat(this.fake.isEmpty()).isTrue();
		assertThat(removed).extracting(ProvisioningStep::outcome)
			.containsExactly(Outcome.UPDATED, Outcome.DELETED, Outcome.DELETED);
	}

	@Test
	void teardownWhenPoolNotCreatedBySetupThenRefuses() {
		this.fake.foreignPool("mcp-oauth-gateway");
		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> new CognitoTeardown(this.cognito, this.steps::add, false).apply("mcp-oauth-gateway",
					INSTALLATION, null))
			.withMessageContaining("which cognito setup did not create");
		assertThat(this.fake.changes()).isEmpty();
	}

	void teardown(String installationId, String poolId) {
		this.steps.clear();
		new CognitoTeardown(this.cognito, this.steps::add, false).apply("mcp-oauth-gateway", installationId, poolId);
	}

	@Test
	void setupWhenNothingExistsThenThePoolCarriesTheInstallationAndDeletionProtection() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);

		assertThat(this.fake.pool().path("UserPoolTags").path("installation-id").asString()).isEqualTo(INSTALLATION);
		assertThat(this.fake.pool().path("UserPoolTags").path("managed-by").asString()).isEqualTo("mcp-oauth-gateway");
		assertThat(this.fake.pool().path("DeletionProtection").asString()).isEqualTo("ACTIVE");
		assertThat(this.fake.pool().path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean())
			.isTrue();
		assertThat(this.steps).extracting(ProvisioningStep::resource)
			.anySatisfy((step) -> assertThat(step).startsWith("user pool mcp-oauth-gateway")
				.contains("deletion protection on"));
	}

	@Test
	void setupWhenPoolOfAnotherInstallationThenRefusesWithoutChanges() {
		this.fake.managedPool("mcp-oauth-gateway", "another-installation");

		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false))
			.withMessageContaining("another installation of mcp-oauth-gateway")
			.withMessageContaining("--installation-id")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("another-installation"));
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void setupWhenPoolPredatesInstallationIdsThenTagsItWithThisInstallation() {
		this.fake.managedPool("mcp-oauth-gateway", null);

		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);

		assertThat(this.fake.changes()).first().isEqualTo("TagResource");
		assertThat(this.fake.lastRequest("TagResource").path("Tags").properties()).singleElement()
			.satisfies((tag) -> assertThat(tag.getKey() + "=" + tag.getValue().asString())
				.isEqualTo("installation-id=" + INSTALLATION));
		assertThat(this.fake.pool().path("UserPoolTags").path("managed-by").asString()).isEqualTo("mcp-oauth-gateway");
		assertThat(this.steps).filteredOn((step) -> step.outcome() == Outcome.UPDATED)
			.extracting(ProvisioningStep::resource)
			.containsExactly("user pool mcp-oauth-gateway (tagged installation-id=" + INSTALLATION + ")");
		this.fake.clearCalls();
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		assertThat(this.fake.changes()).isEmpty();
	}

	@Test
	void teardownWhenPoolOfAnotherInstallationThenRefusesEvenWithItsPoolId() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		String poolId = this.fake.pool().path("Id").asString();
		this.fake.clearCalls();

		assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> teardown("another-installation", null))
			.withMessageContaining("another installation of mcp-oauth-gateway");
		assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> teardown(null, poolId))
			.withMessageContaining("another installation of mcp-oauth-gateway");
		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.fake.isEmpty()).isFalse();
	}

	@Test
	void teardownWhenProtectedThenTurnsProtectionOffKeepingEverySettingThenDeletes() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();

		teardown(INSTALLATION, null);

		assertThat(this.fake.changes()).containsExactly("UpdateUserPool", "DeleteUserPoolDomain", "DeleteUserPool");
		JsonNode update = this.fake.lastRequest("UpdateUserPool");
		assertThat(update.path("DeletionProtection").asString()).isEqualTo("INACTIVE");
		// UpdateUserPool resets what it is not given: what setup set is sent back.
		assertThat(update.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean()).isTrue();
		assertThat(update.path("UserPoolTier").asString()).isEqualTo("ESSENTIALS");
		assertThat(update.path("UserPoolTags").path("managed-by").asString()).isEqualTo("mcp-oauth-gateway");
		assertThat(update.path("UserPoolTags").path("installation-id").asString()).isEqualTo(INSTALLATION);
		assertThat(this.steps).extracting(ProvisioningStep::toString)
			.first()
			.asString()
			.startsWith("updated            user pool mcp-oauth-gateway")
			.endsWith("deletion protection off");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	@Test
	void teardownWhenDeletionFailsAfterProtectionIsOffThenThePoolKeepsItsSettingsAndARetryEnds() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.failNext("DeleteUserPool", 400, "InvalidParameterException", "Simulated failure.");

		assertThatExceptionOfType(SdkException.class).isThrownBy(() -> teardown(INSTALLATION, null));

		ObjectNode pool = this.fake.pool();
		assertThat(pool.path("DeletionProtection").asString()).isEqualTo("INACTIVE");
		assertThat(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean()).isTrue();
		assertThat(pool.path("UserPoolTags").path("installation-id").asString()).isEqualTo(INSTALLATION);
		assertThat(pool.path("UserPoolTier").asString()).isEqualTo("ESSENTIALS");
		this.fake.clearCalls();
		teardown(INSTALLATION, null);
		assertThat(this.fake.changes()).containsExactly("DeleteUserPool");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	@Test
	void teardownWhenPoolPredatesInstallationIdsThenOnlyWithItsPoolId() {
		String poolId = this.fake.managedPool("mcp-oauth-gateway", null);

		assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> teardown(INSTALLATION, null))
			.withMessageContaining("--pool-id " + poolId);
		assertThatExceptionOfType(ProvisioningException.class)
			.isThrownBy(() -> teardown(INSTALLATION, "us-east-1_other"))
			.withMessageContaining("--pool-id us-east-1_other is not the user pool mcp-oauth-gateway (" + poolId + ")");
		assertThat(this.fake.changes()).isEmpty();

		teardown(null, poolId);

		assertThat(this.fake.changes()).containsExactly("DeleteUserPool");
		assertThat(this.fake.isEmpty()).isTrue();
	}

	@Test
	void teardownWhenDryRunThenReportsProtectionOffAndDeletionOnly() {
		setup(plan(List.of(ProvisioningPlan.CLI_CALLBACK)), false);
		this.fake.clearCalls();
		this.steps.clear();

		new CognitoTeardown(this.cognito, this.steps::add, true).apply("mcp-oauth-gateway", INSTALLATION, null);

		assertThat(this.fake.changes()).isEmpty();
		assertThat(this.steps).extracting(ProvisioningStep::outcome)
			.containsExactly(Outcome.WOULD_UPDATE, Outcome.WOULD_DELETE, Outcome.WOULD_DELETE);
	}

	@Test
	void teardownWhenNothingThereThenReportsAbsent() {
		new CognitoTeardown(this.cognito, this.steps::add, false).apply("mcp-oauth-gateway", INSTALLATION, null);
		assertThat(this.steps).extracting(ProvisioningStep::outcome).containsExactly(Outcome.ABSENT);
	}

}
