package io.github.mcpoauthgateway.provisioning;

import java.util.Objects;

import io.github.mcpoauthgateway.provisioning.ProvisioningStep.Outcome;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * The optional part of setup: the {@code admin} group, and a test user with a permanent
 * password who joins it.
 */
final class UserAndGroupSetup {

	private final CognitoIdentityProviderClient cognito;

	private final Steps steps;

	UserAndGroupSetup(CognitoIdentityProviderClient cognito, Steps steps) {
		this.cognito = cognito;
		this.steps = steps;
	}

	void group(String poolId) {
		boolean exists = this.cognito.listGroupsPaginator((request) -> request.userPoolId(poolId))
			.groups()
			.stream()
			.anyMatch((group) -> ProvisioningPlan.ADMIN_GROUP.equals(group.groupName()));
		if (exists) {
			this.steps.report(Outcome.UNCHANGED, "group " + ProvisioningPlan.ADMIN_GROUP);
			return;
		}
		this.steps.change(Outcome.CREATED, "group " + ProvisioningPlan.ADMIN_GROUP,
				() -> this.cognito.createGroup((request) -> request.userPoolId(poolId)
					.groupName(ProvisioningPlan.ADMIN_GROUP)
					.description("Operators of the MCP server")));
	}

	void user(ProvisioningPlan plan, String poolId) {
		ProvisioningPlan.TestUser user = Objects.requireNonNull(plan.testUser(), "The plan has no test user");
		boolean exists;
		try {
			this.cognito.adminGetUser((request) -> request.userPoolId(poolId).username(user.username()));
			exists = true;
		}
		catch (UserNotFoundException ex) {
			exists = false;
		}
		if (!exists) {
			this.steps.change(Outcome.CREATED, "user " + user.username() + " (permanent password)", () -> {
				this.cognito.adminCreateUser((request) -> request.userPoolId(poolId)
					.username(user.username())
					.messageAction(MessageActionType.SUPPRESS));
				this.cognito.adminSetUserPassword((request) -> request.userPoolId(poolId)
					.username(user.username())
					.password(user.password())
					.permanent(true));
			});
		}
		else {
			this.steps.report(Outcome.UNCHANGED, "user " + user.username() + " (password not changed)");
		}
		if (plan.adminGroup()) {
			boolean member = exists && this.cognito
				.adminListGroupsForUser((request) -> request.userPoolId(poolId).username(user.username()))
				.groups()
				.stream()
				.anyMatch((group) -> ProvisioningPlan.ADMIN_GROUP.equals(group.groupName()));
			if (member) {
				this.steps.report(Outcome.UNCHANGED,
						"user " + user.username() + " in group " + ProvisioningPlan.ADMIN_GROUP);
			}
			else {
				this.steps.change(Outcome.CREATED,
						"user " + user.username() + " in group " + ProvisioningPlan.ADMIN_GROUP,
						() -> this.cognito.adminAddUserToGroup((request) -> request.userPoolId(poolId)
							.username(user.username())
							.groupName(ProvisioningPlan.ADMIN_GROUP)));
			}
		}
	}

}
