package io.github.mcpoauthgateway.provisioning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import io.github.mcpoauthgateway.provisioning.ProvisioningStep.Outcome;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RefreshTokenRotationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * The app clients of a deployment, each for one grant only: for the authorization code
 * grant, the one MCP clients sign in with (PKCE, {@code openid} and the resource server's
 * scopes, the given callback URLs) and in bridge mode the bridge's confidential one, both
 * rotating their refresh tokens; for the client credentials grant, the gateway's
 * confidential one for its targets. Each is created, or updated when a setting differs.
 */
final class AppClientSetup {

	/**
	 * Refresh token rotation: each refresh at the token endpoint returns a new refresh
	 * token and invalidates the one it was given, after a grace period for a client that
	 * retries a refresh whose answer it lost. A stolen refresh token thus stops working
	 * once either holder uses it, which OAuth 2.1 asks for public clients.
	 */
	static final RefreshTokenRotationType REFRESH_TOKEN_ROTATION = RefreshTokenRotationType.builder()
		.feature(FeatureType.ENABLED)
		.retryGracePeriodSeconds(10)
		.build();

	/**
	 * No sign-in through the user pools API: users sign in at managed login only. Sent as
	 * an empty list, never left out, because Cognito gives an app client without
	 * {@code ExplicitAuthFlows} SRP, custom and refresh token authentication.
	 * {@code ALLOW_REFRESH_TOKEN_AUTH}, which this list held before rotation, is left out
	 * too: it enables {@code REFRESH_TOKEN_AUTH} in {@code InitiateAuth}, which AWS
	 * documents as unusable with rotation (a rotating client refreshes at the token
	 * endpoint or with {@code GetTokensFromRefreshToken}); reports say Cognito refuses
	 * the two together, which was not tried here. The token endpoint's
	 * {@code refresh_token} grant does not depend on this list.
	 */
	static final List<ExplicitAuthFlowsType> EXPLICIT_AUTH_FLOWS = List.of();

	private final CognitoIdentityProviderClient cognito;

	private final Steps steps;

	AppClientSetup(CognitoIdentityProviderClient cognito, Steps steps) {
		this.cognito = cognito;
		this.steps = steps;
	}

	/**
	 * What an app client should be.
	 *
	 * @param name its name, which setup finds it by
	 * @param nameOption the option that chooses the name, for error messages
	 * @param withSecret whether it has a secret
	 * @param scopes the scopes it may ask for
	 * @param callbackUrls its callback URLs
	 * @param logoutUrls its sign-out URLs
	 * @param description how progress names it
	 * @param flow the one OAuth grant it may use
	 */
	record Client(String name, String nameOption, boolean withSecret, List<String> scopes, List<String> callbackUrls,
			List<String> logoutUrls, String description, OAuthFlowType flow) {

		/**
		 * An app client for the authorization code grant.
		 */
		Client(String name, String nameOption, boolean withSecret, List<String> scopes, List<String> callbackUrls,
				List<String> logoutUrls, String description) {
			this(name, nameOption, withSecret, scopes, callbackUrls, logoutUrls, description, OAuthFlowType.CODE);
		}

		/**
		 * Whether it gets refresh tokens, and so rotates them: the client credentials
		 * grant issues none.
		 */
		boolean refreshTokens() {
			return this.flow == OAuthFlowType.CODE;
		}

	}

	/**
	 * The app client MCP clients sign in with.
	 * @param plan the plan
	 * @return its settings
	 */
	static Client mcpClients(ProvisioningPlan plan) {
		List<String> scopes = new ArrayList<>(List.of("openid"));
		scopes.addAll(customScopes(plan));
		return new Client(plan.clientName(), "--client-name", plan.withSecret(), scopes, plan.callbackUrls(), List.of(),
				"app client " + plan.clientName() + " (code + PKCE, " + (plan.withSecret() ? "with" : "no")
						+ " secret, callbacks " + plan.callbackUrls() + ")");
	}

	/**
	 * The bridge's app client: confidential, with the bridge's callback as its only one.
	 * Besides the OpenID scopes it may ask for the resource server's, which the bridge
	 * requests only when told to; its Cognito tokens never leave the server.
	 * @param plan the plan, with a bridge
	 * @return its settings
	 */
	static Client bridge(ProvisioningPlan plan) {
		ProvisioningPlan.Bridge bridge = Objects.requireNonNull(plan.bridge(), "The plan has no bridge");
		List<String> scopes = new ArrayList<>(ProvisioningPlan.Bridge.OPENID_SCOPES);
		scopes.addAll(customScopes(plan));
		List<String> logoutUrls = (bridge.logoutUrl() != null) ? List.of(bridge.logoutUrl()) : List.of();
		return new Client(bridge.clientName(), "--bridge-client-name", true, scopes, List.of(bridge.callbackUrl()),
				logoutUrls,
				"app client " + bridge.clientName() + " (bridge: code, with secret, callback " + bridge.callbackUrl()
						+ ((bridge.logoutUrl() != null) ? ", sign-out " + bridge.logoutUrl() : "") + ")");
	}

	/**
	 * The gateway's app client: confidential, for the client credentials grant only, with
	 * the scopes of its targets' resource servers; no user ever signs in through it, so
	 * it has no callback URL.
	 * @param plan the plan, with a gateway client
	 * @return its settings
	 */
	static Client gateway(ProvisioningPlan plan) {
		ProvisioningPlan.GatewayClient gateway = Objects.requireNonNull(plan.gatewayClient(),
				"The plan has no gateway client");
		return new Client(gateway.clientName(), "--gateway-client", true, gateway.scopes(), List.of(), List.of(),
				"app client " + gateway.clientName() + " (gateway: client credentials, with secret, scopes "
						+ gateway.scopes() + ")",
				OAuthFlowType.CLIENT_CREDENTIALS);
	}

	private static List<String> customScopes(ProvisioningPlan plan) {
		return ProvisioningPlan.SCOPES.keySet().stream().sorted().map(plan::scope).toList();
	}

	/**
	 * Creates the app client, or updates it when a setting differs.
	 * @param client what it should be
	 * @param poolId its user pool
	 * @param rotation whether to turn refresh token rotation on (and compare it); off
	 * only for emulators that lack it
	 * @return the app client, or {@code null} in a dry run that would create it
	 */
	@Nullable UserPoolClientType apply(Client client, String poolId, boolean rotation) {
		boolean rotate = rotation && client.refreshTokens();
		@Nullable RefreshTokenRotationType refreshTokenRotation = rotate ? REFRESH_TOKEN_ROTATION : null;
		String clientId = this.cognito
			.listUserPoolClientsPaginator((request) -> request.userPoolId(poolId).maxResults(60))
			.userPoolClients()
			.stream()
			.filter((existing) -> client.name().equals(existing.clientName()))
			.map((existing) -> existing.clientId())
			.findFirst()
			.orElse(null);
		if (clientId == null) {
			if (this.steps.isDryRun()) {
				this.steps.report(Outcome.WOULD_CREATE, client.description());
				return null;
			}
			UserPoolClientType created = this.cognito
				.createUserPoolClient((request) -> request.userPoolId(poolId)
					.clientName(client.name())
					.generateSecret(client.withSecret())
					.allowedOAuthFlowsUserPoolClient(true)
					.allowedOAuthFlows(client.flow())
					.allowedOAuthScopes(client.scopes())
					.callbackURLs(client.callbackUrls().isEmpty() ? null : client.callbackUrls())
					.logoutURLs(client.logoutUrls().isEmpty() ? null : client.logoutUrls())
					.supportedIdentityProviders("COGNITO")
					.explicitAuthFlows(EXPLICIT_AUTH_FLOWS)
					.refreshTokenRotation(refreshTokenRotation)
					.preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
					.enableTokenRevocation(true))
				.userPoolClient();
			this.steps.report(Outcome.CREATED, client.description() + " " + created.clientId());
			return created;
		}
		UserPoolClientType existing = this.cognito
			.describeUserPoolClient((request) -> request.userPoolId(poolId).clientId(clientId))
			.userPoolClient();
		if ((existing.clientSecret() != null) != client.withSecret()) {
			throw new ProvisioningException("The app client " + client.name() + " exists "
					+ ((existing.clientSecret() != null) ? "with" : "without") + " a secret, and Cognito cannot "
					+ "change that: run cognito teardown, or choose another " + client.nameOption() + ".");
		}
		boolean upToDate = new HashSet<>(existing.callbackURLs()).equals(new HashSet<>(client.callbackUrls()))
				&& new HashSet<>(existing.logoutURLs()).equals(new HashSet<>(client.logoutUrls()))
				&& new HashSet<>(existing.allowedOAuthScopes()).equals(new HashSet<>(client.scopes()))
				&& existing.allowedOAuthFlows().equals(List.of(client.flow()))
				&& Boolean.TRUE.equals(existing.allowedOAuthFlowsUserPoolClient())
				&& new HashSet<>(existing.explicitAuthFlows()).equals(new HashSet<>(EXPLICIT_AUTH_FLOWS))
				&& (!rotate || REFRESH_TOKEN_ROTATION.equals(existing.refreshTokenRotation()));
		if (upToDate) {
			this.steps.report(Outcome.UNCHANGED, client.description() + " " + clientId);
			return existing;
		}
		// UpdateUserPoolClient resets whatever it is not given, so every setting is sent.
		this.steps.change(Outcome.UPDATED, client.description() + " " + clientId,
				() -> this.cognito.updateUserPoolClient((request) -> request.userPoolId(poolId)
					.clientId(clientId)
					.clientName(client.name())
					.allowedOAuthFlowsUserPoolClient(true)
					.allowedOAuthFlows(client.flow())
					.allowedOAuthScopes(client.scopes())
					.callbackURLs(client.callbackUrls().isEmpty() ? null : client.callbackUrls())
					.logoutURLs(client.logoutUrls().isEmpty() ? null : client.logoutUrls())
					.supportedIdentityProviders("COGNITO")
					.explicitAuthFlows(EXPLICIT_AUTH_FLOWS)
					.refreshTokenRotation(refreshTokenRotation)
					.preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
					.enableTokenRevocation(true)
					.accessTokenValidity(existing.accessTokenValidity())
					.idTokenValidity(existing.idTokenValidity())
					.refreshTokenValidity(existing.refreshTokenValidity())
					.tokenValidityUnits(existing.tokenValidityUnits())));
		return existing;
	}

}
