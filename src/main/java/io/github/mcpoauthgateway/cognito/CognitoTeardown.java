package io.github.mcpoauthgateway.cognito;

import java.util.function.Consumer;

import io.github.mcpoauthgateway.cognito.ProvisioningStep.Outcome;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Deletes what setup created: its user pool (with the clients, resource server, groups,
 * users and branding inside it) and the pool's domain, which must go first. A pool that
 * setup did not create is never touched.
 */
public final class CognitoTeardown {

	private final CognitoIdentityProviderClient cognito;

	private final Steps steps;

	public CognitoTeardown(CognitoIdentityProviderClient cognito, Consumer<ProvisioningStep> progress, boolean dryRun) {
		this.cognito = cognito;
		this.steps = new Steps(progress, dryRun);
	}

	public void apply(String poolName) {
		UserPoolType pool = UserPools.find(this.cognito, poolName);
		if (pool == null) {
			this.steps.report(Outcome.ABSENT, "user pool " + poolName);
			return;
		}
		UserPools.requireManaged(pool);
		if (pool.domain() != null) {
			this.steps.change(Outcome.DELETED, "domain " + pool.domain(), () -> this.cognito
				.deleteUserPoolDomain((request) -> request.userPoolId(pool.id()).domain(pool.domain())));
		}
		this.steps.change(Outcome.DELETED,
				"user pool " + poolName + " (" + pool.id() + ") with its clients, resource server, groups and users",
				() -> this.cognito.deleteUserPool((request) -> request.userPoolId(pool.id())));
	}

}
