package io.github.mcpoauthgateway.provisioning;

import java.util.function.Consumer;

import io.github.mcpoauthgateway.provisioning.ProvisioningStep.Outcome;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Deletes what setup created: its user pool (with the clients, resource servers, groups,
 * users and branding inside it) and the pool's domain, which must go first. Only a pool
 * that setup created for this installation is touched: it carries the project's tag and
 * this installation's id, or, for a pool from before installation ids, the caller names
 * it by its id. Finding it changes nothing, so the caller can ask for confirmation
 * between {@link #find} and {@link #delete}.
 */
public final class CognitoTeardown {

	private final CognitoIdentityProviderClient cognito;

	private final Steps steps;

	public CognitoTeardown(CognitoIdentityProviderClient cognito, Consumer<ProvisioningStep> progress, boolean dryRun) {
		this.cognito = cognito;
		this.steps = new Steps(progress, dryRun);
	}

	/**
	 * Finds the pool and deletes it.
	 * @param poolName the pool's name
	 * @param installationId this installation's id, if known
	 * @param poolId the pool's id, if given
	 * @see #find(String, String, String)
	 */
	public void apply(String poolName, @Nullable String installationId, @Nullable String poolId) {
		UserPoolType pool = find(poolName, installationId, poolId);
		if (pool != null) {
			delete(pool);
		}
	}

	/**
	 * The pool to delete, after checking that it is this installation's; only reads.
	 * @param poolName the pool's name
	 * @param installationId this installation's id, if known
	 * @param poolId the pool's id, if given: required for a pool that setup created
	 * before installation ids, and compared otherwise
	 * @return the pool, or {@code null} when there is none (reported)
	 * @throws ProvisioningException for a pool that is not this installation's
	 */
	public @Nullable UserPoolType find(String poolName, @Nullable String installationId, @Nullable String poolId) {
		UserPoolType pool = UserPools.find(this.cognito, poolName);
		if (pool == null) {
			this.steps.report(Outcome.ABSENT, "user pool " + poolName);
			return null;
		}
		UserPools.requireManaged(pool);
		if (poolId != null && !poolId.equals(pool.id())) {
			throw new ProvisioningException("--pool-id " + poolId + " is not the user pool " + poolName + " ("
					+ pool.id() + "). Nothing changed.");
		}
		String installation = UserPools.installationOf(pool);
		if (installation == null) {
			if (poolId == null) {
				throw new ProvisioningException("The user pool " + poolName + " (" + pool.id() + ") was created by "
						+ "cognito setup before installation ids, so nothing shows that it is this installation's. "
						+ "Nothing changed. If it is, name it: --pool-id " + pool.id() + ".");
			}
		}
		else if (!installation.equals(installationId)) {
			throw UserPools.otherInstallation(pool, installationId);
		}
		return pool;
	}

	/**
	 * Deletes a pool that {@link #find} returned: turns its deletion protection off, then
	 * deletes its domain and the pool.
	 * @param pool the pool
	 */
	public void delete(UserPoolType pool) {
		String what = "user pool " + pool.name() + " (" + pool.id() + ")";
		if (pool.deletionProtection() == DeletionProtectionType.ACTIVE) {
			this.steps.change(Outcome.UPDATED, what + ": deletion protection off",
					() -> this.cognito.updateUserPool(protectionOff(pool)));
		}
		if (pool.domain() != null) {
			this.steps.change(Outcome.DELETED, "domain " + pool.domain(), () -> this.cognito
				.deleteUserPoolDomain((request) -> request.userPoolId(pool.id()).domain(pool.domain())));
		}
		this.steps.change(Outcome.DELETED, what + " with its clients, resource servers, groups and users",
				() -> this.cognito.deleteUserPool((request) -> request.userPoolId(pool.id())));
	}

	/**
	 * UpdateUserPool with deletion protection off. It resets every setting it is not
	 * given to its default (self sign-up allowed, no tags, no triggers, ...), which
	 * matters if the deletion then fails: so every setting it takes is sent back as
	 * DescribeUserPool returned it. The one left out, the invitation's deprecated
	 * {@code UnusedAccountValidityDays}, is refused by UpdateUserPool; the password
	 * policy's {@code TemporaryPasswordValidityDays} holds its value.
	 */
	static UpdateUserPoolRequest protectionOff(UserPoolType pool) {
		AdminCreateUserConfigType invitations = pool.adminCreateUserConfig();
		return UpdateUserPoolRequest.builder()
			.userPoolId(pool.id())
			.deletionProtection(DeletionProtectionType.INACTIVE)
			.poolName(pool.name())
			.userPoolTier(pool.userPoolTierAsString())
			.userPoolTags(pool.userPoolTags())
			.adminCreateUserConfig(
					(invitations != null) ? invitations.toBuilder().unusedAccountValidityDays(null).build() : null)
			.policies(pool.policies())
			.lambdaConfig(pool.lambdaConfig())
			.autoVerifiedAttributesWithStrings(pool.autoVerifiedAttributesAsStrings())
			.smsVerificationMessage(pool.smsVerificationMessage())
			.emailVerificationMessage(pool.emailVerificationMessage())
			.emailVerificationSubject(pool.emailVerificationSubject())
			.verificationMessageTemplate(pool.verificationMessageTemplate())
			.smsAuthenticationMessage(pool.smsAuthenticationMessage())
			.userAttributeUpdateSettings(pool.userAttributeUpdateSettings())
			.mfaConfiguration(pool.mfaConfigurationAsString())
			.deviceConfiguration(pool.deviceConfiguration())
			.emailConfiguration(pool.emailConfiguration())
			.smsConfiguration(pool.smsConfiguration())
			.userPoolAddOns(pool.userPoolAddOns())
			.accountRecoverySetting(pool.accountRecoverySetting())
			.keyConfiguration(pool.keyConfiguration())
			.issuerConfiguration(pool.issuerConfiguration())
			.acrConfiguration(pool.acrConfiguration())
			.build();
	}

}
