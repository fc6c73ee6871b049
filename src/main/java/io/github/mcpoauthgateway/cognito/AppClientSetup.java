package io.github.mcpoauthgateway.cognito;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.github.mcpoauthgateway.cognito.ProvisioningStep.Outcome;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * The app client MCP clients sign in with: authorization code (PKCE), {@code openid} and
 * the resource server's scopes, the given callback URLs; created, or updated when a
 * setting differs.
 */
final class AppClientSetup {

	private final CognitoIdentityProviderClient cognito;

	private final Steps steps;

	AppClientSetup(CognitoIdentityProviderClient cognito, Steps steps) {
		this.cognito = cognito;
		this.steps = steps;
	}

	@Nullable UserPoolClientType apply(ProvisioningPlan plan, String poolId) {
		List<String> scopes = new ArrayList<>(List.of("openid"));
		ProvisioningPlan.SCOPES.keySet().stream().sorted().forEach((scope) -> scopes.add(plan.scope(scope)));
		String clientId = this.cognito
			.listUserPoolClientsPaginator((request) -> request.userPoolId(poolId).maxResults(60))
			.userPoolClients()
			.stream()
			.filter((client) -> plan.clientName().equals(client.clientName()))
			.map((client) -> client.clientId())
			.findFirst()
			.orElse(null);
		String what = "app client " + plan.clientName() + " (code + PKCE, " + (plan.withSecret() ? "with" : "no")
				+ " secret, callbacks " + plan.callbackUrls() + ")";
		if (clientId == null) {
			if (this.steps.isDryRun()) {
				this.steps.report(Outcome.WOULD_CREATE, what);
				return null;
			}
			UserPoolClientType created = this.cognito
				.createUserPoolClient((request) -> request.userPoolId(poolId)
					.clientName(plan.clientName())
					.generateSecret(plan.withSecret())
					.allowedOAuthFlowsUserPoolClient(true)
					.allowedOAuthFlows(OAuthFlowType.CODE)
					.allowedOAuthScopes(scopes)
					.callbackURLs(plan.callbackUrls())
					.supportedIdentityProviders("COGNITO")
					.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
					.preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
					.enableTokenRevocation(true))
				.userPoolClient();
			this.steps.report(Outcome.CREATED, what + " " + created.clientId());
			return created;
		}
		UserPoolClientType existing = this.cognito
			.describeUserPoolClient((request) -> request.userPoolId(poolId).clientId(clientId))
			.userPoolClient();
		if ((existing.clientSecret() != null) != plan.withSecret()) {
			throw new ProvisioningException("The app client " + plan.clientName() + " exists "
					+ ((existing.clientSecret() != null) ? "with" : "without")
					+ " a secret, and Cognito cannot change that: run cognito teardown, or choose another --client-name.");
		}
		boolean upToDate = new HashSet<>(existing.callbackURLs()).equals(new HashSet<>(plan.callbackUrls()))
				&& new HashSet<>(existing.allowedOAuthScopes()).equals(new HashSet<>(scopes))
				&& existing.allowedOAuthFlows().equals(List.of(OAuthFlowType.CODE))
				&& Boolean.TRUE.equals(existing.allowedOAuthFlowsUserPoolClient());
		if (upToDate) {
			this.steps.report(Outcome.UNCHANGED, what + " " + clientId);
			return existing;
		}
		// UpdateUserPoolClient resets whatever it is not given, so every setting is sent.
		this.steps.change(Outcome.UPDATED, what + " " + clientId,
				() -> this.cognito.updateUserPoolClient((request) -> request.userPoolId(poolId)
					.clientId(clientId)
					.clientName(plan.clientName())
					.allowedOAuthFlowsUserPoolClient(true)
					.allowedOAuthFlows(OAuthFlowType.CODE)
					.allowedOAuthScopes(scopes)
					.callbackURLs(plan.callbackUrls())
					.supportedIdentityProviders("COGNITO")
					.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
					.preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
					.enableTokenRevocation(true)
					.accessTokenValidity(existing.accessTokenValidity())
					.idTokenValidity(existing.idTokenValidity())
					.refreshTokenValidity(existing.refreshTokenValidity())
					.tokenValidityUnits(existing.tokenValidityUnits())));
		return existing;
	}

}
