package io.github.mcpoauthgateway.cognito;

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
