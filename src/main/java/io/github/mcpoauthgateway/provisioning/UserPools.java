package io.github.mcpoauthgateway.provisioning;

import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Finds the user pool that setup manages, by name.
 */
final class UserPools {

	private UserPools() {
	}

	static @Nullable UserPoolType find(CognitoIdentityProviderClient cognito, String name) {
		List<String> ids = cognito.listUserPoolsPaginator((request) -> request.maxResults(60))
			.userPools()
			.stream()
			.filter((pool) -> name.equals(pool.name()))
			.map(UserPoolDescriptionType::id)
			.toList();
		if (ids.size() > 1) {
			throw new ProvisioningException("There are " + ids.size() + " user pools named " + name + " (" + ids
					+ "): choose a unique --pool-name.");
		}
		return ids.isEmpty() ? null : cognito.describeUserPool((request) -> request.userPoolId(ids.get(0))).userPool();
	}

	/**
	 * The installation a pool belongs to.
	 * @param pool the pool
	 * @return the value of its {@link ProvisioningPlan#INSTALLATION_TAG} tag, or
	 * {@code null} for a pool that setup created before installation ids
	 */
	static @Nullable String installationOf(UserPoolType pool) {
		return pool.userPoolTags().get(ProvisioningPlan.INSTALLATION_TAG);
	}

	/**
	 * Refuses a pool of another installation, before anything changed. The message leaves
	 * that installation's id out, so that nobody passes it without looking.
	 * @param pool the pool
	 * @param installationId this installation's id, if known
	 * @return the exception to throw
	 */
	static ProvisioningException otherInstallation(UserPoolType pool, @Nullable String installationId) {
		return new ProvisioningException("The user pool " + pool.name() + " (" + pool.id() + ") belongs to another "
				+ "installation of mcp-oauth-gateway: its " + ProvisioningPlan.INSTALLATION_TAG + " tag is not "
				+ ((installationId != null) ? "this installation's id" : "given (no installation id was)")
				+ ". Nothing changed. If the pool is yours, pass its id with --installation-id, or --env-file with "
				+ "the file setup wrote it to (" + ProvisioningPlan.INSTALLATION_VARIABLE
				+ "); aws cognito-idp describe-user-pool shows the tag. If not, choose another --pool-name.");
	}

	/**
	 * Refuses to touch a pool that setup did not create.
	 * @param pool the pool
	 */
	static void requireManaged(UserPoolType pool) {
		if (!ProvisioningPlan.MANAGED_BY.equals(pool.userPoolTags().get(ProvisioningPlan.MANAGED_BY_TAG))) {
			throw new ProvisioningException("The name " + pool.name() + " is taken by user pool " + pool.id()
					+ ", which cognito setup did not create (it lacks the tag " + ProvisioningPlan.MANAGED_BY_TAG + "="
					+ ProvisioningPlan.MANAGED_BY + "): choose another --pool-name.");
		}
	}

}
