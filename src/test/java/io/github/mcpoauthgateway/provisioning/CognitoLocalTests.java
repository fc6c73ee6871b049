package io.github.mcpoauthgateway.provisioning;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import io.github.mcpoauthgateway.testsupport.CognitoLocal;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Provisioning and token validation against cognito-local, an emulator of the Cognito
 * user pools API (installed by {@code npm ci --prefix .ci}): setup for the operations it
 * implements, and an access token from its {@code InitiateAuth} accepted by the server
 * through the {@code client_id} allow-list, while another client's is refused.
 */
class CognitoLocalTests {

	static CognitoLocal emulator;

	static CognitoIdentityProviderClient cognito;

	@BeforeAll
	static void startEmulator() throws Exception {
		if (!CognitoLocal.installed()) {
			System.err.println("CognitoLocalTests skipped: run 'npm ci --prefix .ci' to install cognito-local");
			return;
		}
		emulator = CognitoLocal.start();
		cognito = emulator.client();
	}

	@AfterAll
	static void stopEmulator() throws InterruptedException {
		if (emulator != null) {
			emulator.close();
		}
	}

	static void requireEmulator() {
		assumeTrue(emulator != null, "cognito-local is not installed: run npm ci --prefix .ci");
	}

	@Test
	void setupWhenRunTwiceAgainstCognitoLocalThenSecondRunChangesNothing() {
		requireEmulator();
		ProvisioningPlan plan = new ProvisioningPlan("us-east-1", "setup-twice", "unused",
				"https://mcp.example.test/mcp", "mcp-clients", List.of(ProvisioningPlan.CLI_CALLBACK), false,
				new ProvisioningPlan.TestUser("tester@example.test", "Test-password-1"), false, "local-tests");
		// cognito-local implements neither domains, resource servers nor branding, and
		// drops refresh token rotation; and it records group members by an internal
		// username, so membership is left out too.
		EnumSet<CognitoSetup.Part> supported = EnumSet.noneOf(CognitoSetup.Part.class);
		List<ProvisioningStep> first = new ArrayList<>();
		ProvisioningResult created = new CognitoSetup(cognito, first::add, false).apply(plan, supported);
		List<ProvisioningStep> second = new ArrayList<>();
		ProvisioningResult again = new CognitoSetup(cognito, second::add, false).apply(plan, supported);

		assertThat(first).extracting(ProvisioningStep::outcome).containsOnly(ProvisioningStep.Outcome.CREATED);
		assertThat(first).extracting(ProvisioningStep::resource)
			.anySatisfy((step) -> assertThat(step).startsWith("user pool setup-twice"))
			.anySatisfy((step) -> assertThat(step).startsWith("app client mcp-clients"))
			.anySatisfy((step) -> assertThat(step).startsWith("user tester@example.test"));
		assertThat(second).extracting(ProvisioningStep::outcome).containsOnly(ProvisioningStep.Outcome.UNCHANGED);
		assertThat(again.userPoolId()).isEqualTo(created.userPoolId());
		assertThat(again.clientId()).isEqualTo(created.clientId());
	}

	@Test
	void setupWithBridgeAgainstCognitoLocalWhenRunTwiceThenUnchangedAndWhenUrlChangesThenOnlyBridgeUpdated() {
		requireEmulator();
		ProvisioningPlan base = new ProvisioningPlan("us-east-1", "bridge-setup", "unused",
				"https://mcp.example.test/mcp", "mcp-clients", List.of(ProvisioningPlan.CLI_CALLBACK), false, null,
				false, "local-tests");
		ProvisioningPlan plan = base
			.withBridge(new ProvisioningPlan.Bridge("https://mcp.example.test", "mcp-bridge", null));
		EnumSet<CognitoSetup.Part> supported = EnumSet.noneOf(CognitoSetup.Part.class);
		ProvisioningResult created = new CognitoSetup(cognito, (step) -> {
		}, false).apply(plan, supported);
		List<ProvisioningStep> second = new ArrayList<>();
		ProvisioningResult again = new CognitoSetup(cognito, second::add, false).apply(plan, supported);
		List<ProvisioningStep> third = new ArrayList<>();
		new CognitoSetup(cognito, third::add, false).apply(
				base.withBridge(new ProvisioningPlan.Bridge("https://gateway.example.test", "mcp-bridge", null)),
				supported);

		assertThat(created.bridgeClientSecret()).isNotBlank();
		assertThat(second).extracting(ProvisioningStep::outcome).containsOnly(ProvisioningStep.Outcome.UNCHANGED);
		assertThat(again.bridgeClientId()).isEqualTo(created.bridgeClientId());
		assertThat(again.bridgeClientSecret()).isEqualTo(created.bridgeClientSecret());
		assertThat(third).filteredOn((step) -> step.outcome() != ProvisioningStep.Outcome.UNCHANGED)
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.outcome()).isEqualTo(ProvisioningStep.Outcome.UPDATED);
				assertThat(step.resource()).startsWith("app client mcp-bridge");
			});
		UserPoolClientType bridge = cognito
			.describeUserPoolClient(
					(request) -> request.userPoolId(created.userPoolId()).clientId(created.bridgeClientId()))
			.userPoolClient();
		assertThat(bridge.callbackURLs()).containsExactly("https://gateway.example.test/login/oauth2/code/cognito");
		assertThat(bridge.allowedOAuthFlowsAsStrings()).containsExactly("code");
		assertThat(bridge.clientSecret()).isEqualTo(created.bridgeClientSecret());
	}

	@Test
	void setupWithGatewayClientAgainstCognitoLocalWhenRunTwiceThenClientCredentialsClientUnchanged() {
		requireEmulator();
		ProvisioningPlan plan = new ProvisioningPlan("us-east-1", "gateway-setup", "unused",
				"https://mcp.example.test/mcp", "mcp-clients", List.of(ProvisioningPlan.CLI_CALLBACK), false, null,
				false, "local-tests")
			.withGatewayClient(
					new ProvisioningPlan.GatewayClient("mcp-gateway", List.of("https://orders.example.test/api/read")));
		// cognito-local has no resource servers (CreateResourceServer is not one of its
		// operations) and its token endpoint has no client_credentials grant: this
		// checks the app client as the emulator stores it, not a token from it. The
		// resource server and the requests are checked against FakeCognito
		// (CognitoSetupTests).
		EnumSet<CognitoSetup.Part> supported = EnumSet.noneOf(CognitoSetup.Part.class);
		ProvisioningResult created = new CognitoSetup(cognito, (step) -> {
		}, false).apply(plan, supported);
		List<ProvisioningStep> second = new ArrayList<>();
		ProvisioningResult again = new CognitoSetup(cognito, second::add, false).apply(plan, supported);

		assertThat(second).extracting(ProvisioningStep::outcome).containsOnly(ProvisioningStep.Outcome.UNCHANGED);
		assertThat(again.gatewayClientId()).isEqualTo(created.gatewayClientId());
		assertThat(again.gatewayClientSecret()).isNotBlank().isEqualTo(created.gatewayClientSecret());
		UserPoolClientType gateway = cognito
			.describeUserPoolClient(
					(request) -> request.userPoolId(created.userPoolId()).clientId(created.gatewayClientId()))
			.userPoolClient();
		assertThat(gateway.allowedOAuthFlowsAsStrings()).containsExactly("client_credentials");
		assertThat(gateway.allowedOAuthFlowsUserPoolClient()).isTrue();
		assertThat(gateway.allowedOAuthScopes()).containsExactly("https://orders.example.test/api/read");
		assertThat(gateway.callbackURLs()).isEmpty();
	}

	@Test
	void tokenFromCognitoLocalWhenClientAllowedThenAcceptedAndOtherClientRefused() {
		requireEmulator();
		String poolId = cognito.createUserPool((request) -> request.poolName("token-test")).userPool().id();
		String allowed = passwordClient(poolId, "allowed-client");
		String other = passwordClient(poolId, "other-client");
		cognito.adminCreateUser((request) -> request.userPoolId(poolId)
			.username("alice@example.test")
			.temporaryPassword("Temp-pw-1")
			.messageAction(MessageActionType.SUPPRESS));
		cognito.adminSetUserPassword((request) -> request.userPoolId(poolId)
			.username("alice@example.test")
			.password("Alice-pw-1")
			.permanent(true));
		String issuer = emulator.issuer(poolId);

		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).run(
				"--server.port=0", "--mcp.resource-url=https://mcp.example.test/mcp", "--oauth.issuer-uri=" + issuer,
				"--oauth.allowed-client-ids=" + allowed,
				// cognito-local grants this scope only.
				"--mcp.required-scopes=aws.cognito.signin.user.admin")) {
			McpHttp http = new McpHttp(((WebServerApplicationContext) server).getWebServer().getPort());

			HttpResponse<String> accepted = McpHttp
				.send(http.post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + accessToken(allowed)));
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

			HttpResponse<String> refused = McpHttp
				.send(http.post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + accessToken(other)));
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
				.contains("error_description=\"The token has no audience and its client is not allowed\"");
		}
	}

	private static String passwordClient(String poolId, String name) {
		return cognito
			.createUserPoolClient((request) -> request.userPoolId(poolId)
				.clientName(name)
				.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
						ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
			.userPoolClient()
			.clientId();
	}

	private static String accessToken(String clientId) {
		return cognito
			.initiateAuth((request) -> request.clientId(clientId)
				.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
				.authParameters(Map.of("USERNAME", "alice@example.test", "PASSWORD", "Alice-pw-1")))
			.authenticationResult()
			.accessToken();
	}

}
