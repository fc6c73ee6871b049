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

	private final Consumer<ProvisioningStep> progress;

	private final boolean dryRun;

	public CognitoTeardown(CognitoIdentityProviderClient cognito, Consumer<ProvisioningStep> progress, boolean dryRun) {
		this.cognito = cognito;
		this.progress = progress;
		this.dryRun = dryRun;
	}

	public void apply(String poolName) {
		UserPoolType pool = UserPools.find(this.cognito, poolName);
		if (pool == null) {
			this.progress.accept(new ProvisioningStep(Outcome.ABSENT, "user pool " + poolName));
			return;
		}
		UserPools.requireManaged(pool);
		if (pool.domain() != null) {
			delete("domain " + pool.domain(), () -> this.cognito
				.deleteUserPoolDomain((request) -> request.userPoolId(pool.id()).domain(pool.domain())));
		}
		delete("user pool " + poolName + " (" + pool.id() + ") with its clients, resource server, groups and users",
				() -> this.cognito.deleteUserPool((request) -> request.userPoolId(pool.id())));
	}

	private void delete(String resource, Runnable call) {
		if (this.dryRun) {
			this.progress.accept(new ProvisioningStep(Outcome.WOULD_DELETE, resource));
			return;
		}
		call.run();
		this.progress.accept(new ProvisioningStep(Outcome.DELETED, resource));
	}

}
