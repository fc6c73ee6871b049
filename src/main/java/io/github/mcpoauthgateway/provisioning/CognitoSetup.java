package io.github.mcpoauthgateway.provisioning;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.provisioning.ProvisioningStep.Outcome;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Creates, or brings up to date, everything an MCP deployment needs in Cognito. Running
 * it again changes nothing; a changed setting (such as a callback URL) is updated in
 * place. A dry run only reads.
 */
public final class CognitoSetup {

	/**
	 * The name of the resource servers setup makes for gateway targets (Cognito's names
	 * take no slash or colon, so not the identifier).
	 */
	static final String TARGET_RESOURCE_SERVER_NAME = "MCP gateway target";

	private final CognitoIdentityProviderClient cognito;

	private final Steps steps;

	private final boolean dryRun;

	private final UserAndGroupSetup users;

	private final AppClientSetup clients;

	public CognitoSetup(CognitoIdentityProviderClient cognito, Consumer<ProvisioningStep> progress, boolean dryRun) {
		this.cognito = cognito;
		this.steps = new Steps(progress, dryRun);
		this.dryRun = dryRun;
		this.users = new UserAndGroupSetup(cognito, this.steps);
		this.clients = new AppClientSetup(cognito, this.steps);
	}

	/**
	 * The parts of a deployment besides the user pool, app client, group and user, and a
	 * setting of the app clients that some emulators lack.
	 */
	enum Part {

		/** The managed login domain. */
		DOMAIN,
		/**
		 * The resource servers with the custom scopes: the MCP server's, the targets'.
		 */
		RESOURCE_SERVER,
		/** The managed login branding. */
		BRANDING,
		/** Refresh token rotation of the app clients. */
		REFRESH_TOKEN_ROTATION

	}

	public ProvisioningResult apply(ProvisioningPlan plan) {
		return apply(plan, EnumSet.allOf(Part.class));
	}

	/**
	 * Provisions the user pool, app client, group and user, and the given other parts.
	 * Leaving parts out serves emulators that lack their operations.
	 */
	ProvisioningResult apply(ProvisioningPlan plan, Set<Part> parts) {
		UserPoolType pool = UserPools.find(this.cognito, plan.poolName());
		String poolId = (pool != null) ? pool.id() : userPool(plan);
		if (pool != null) {
			UserPools.requireManaged(pool);
			String installation = UserPools.installationOf(pool);
			if (installation == null) {
				// Created by setup before installation ids: this installation claims it.
				change(Outcome.UPDATED,
						"user pool " + plan.poolName() + " (tagged " + ProvisioningPlan.INSTALLATION_TAG + "="
								+ plan.installationId() + ")",
						() -> this.cognito.tagResource((request) -> request.resourceArn(pool.arn())
							.tags(Map.of(ProvisioningPlan.INSTALLATION_TAG, plan.installationId()))));
			}
			else if (!installation.equals(plan.installationId())) {
				throw UserPools.otherInstallation(pool, plan.installationId());
			}
			else {
				report(Outcome.UNCHANGED,
						"user pool " + plan.poolName() + " (" + pool.id() + ", " + pool.userPoolTier() + " plan)");
			}
		}
		if (poolId == null) {
			// Dry run of a new pool: everything inside it would be created too.
			for (String resource : List.of("domain " + plan.domainPrefix() + " (managed login 2)",
					"resource server " + plan.resourceUrl(), "app client " + plan.clientName(),
					"managed login branding")) {
				report(Outcome.WOULD_CREATE, resource);
			}
			if (plan.bridge() != null) {
				report(Outcome.WOULD_CREATE, AppClientSetup.bridge(plan).description());
				report(Outcome.WOULD_CREATE, brandingOf(plan.bridge().clientName()));
			}
			if (plan.gatewayClient() != null) {
				plan.gatewayClient()
					.resourceServers()
					.forEach((identifier, names) -> report(Outcome.WOULD_CREATE,
							"resource server " + identifier + " (scopes " + names + ")"));
				report(Outcome.WOULD_CREATE, AppClientSetup.gateway(plan).description());
			}
			if (plan.adminGroup()) {
				report(Outcome.WOULD_CREATE, "group " + ProvisioningPlan.ADMIN_GROUP);
			}
			if (plan.testUser() != null) {
				report(Outcome.WOULD_CREATE, "user " + plan.testUser().username() + " (permanent password)");
				if (plan.adminGroup()) {
					report(Outcome.WOULD_CREATE,
							"user " + plan.testUser().username() + " in group " + ProvisioningPlan.ADMIN_GROUP);
				}
			}
			return new ProvisioningResult(plan, null, null, null, null, null, null, null);
		}
		if (parts.contains(Part.DOMAIN)) {
			domain(plan, poolId, (pool != null) ? pool.domain() : null);
		}
		if (parts.contains(Part.RESOURCE_SERVER)) {
			resourceServer(plan, poolId);
		}
		UserPoolClientType client = this.clients.apply(AppClientSetup.mcpClients(plan), poolId,
				parts.contains(Part.REFRESH_TOKEN_ROTATION));
		if (parts.contains(Part.BRANDING)) {
			branding(poolId, client, "managed login branding");
		}
		UserPoolClientType bridge = null;
		if (plan.bridge() != null) {
			bridge = this.clients.apply(AppClientSetup.bridge(plan), poolId,
					parts.contains(Part.REFRESH_TOKEN_ROTATION));
			if (parts.contains(Part.BRANDING)) {
				branding(poolId, bridge, brandingOf(plan.bridge().clientName()));
			}
		}
		UserPoolClientType gateway = null;
		if (plan.gatewayClient() != null) {
			// Cognito refuses an app client whose scopes do not exist yet.
			if (parts.contains(Part.RESOURCE_SERVER)) {
				plan.gatewayClient()
					.resourceServers()
					.forEach((identifier, names) -> targetResourceServer(identifier, names, poolId));
			}
			gateway = this.clients.apply(AppClientSetup.gateway(plan), poolId,
					parts.contains(Part.REFRESH_TOKEN_ROTATION));
		}
		if (plan.adminGroup()) {
			this.users.group(poolId);
		}
		if (plan.testUser() != null) {
			this.users.user(plan, poolId);
		}
		return new ProvisioningResult(plan, poolId, (client != null) ? client.clientId() : null,
				(client != null) ? client.clientSecret() : null, (bridge != null) ? bridge.clientId() : null,
				(bridge != null) ? bridge.clientSecret() : null, (gateway != null) ? gateway.clientId() : null,
				(gateway != null) ? gateway.clientSecret() : null);
	}

	private @Nullable String userPool(ProvisioningPlan plan) {
		if (this.dryRun) {
			report(Outcome.WOULD_CREATE, "user pool " + plan.poolName() + " (ESSENTIALS plan, deletion protection on)");
			return null;
		}
		UserPoolType created = this.cognito.createUserPool((request) -> request.poolName(plan.poolName())
			// Essentials: the plan with managed login and resource binding (RFC 8707).
			.userPoolTier(UserPoolTierType.ESSENTIALS)
			.userPoolTags(plan.tags())
			// Its users outlive mistakes: only teardown, after asking, turns this off.
			.deletionProtection(DeletionProtectionType.ACTIVE)
			// Users are invited by an administrator; nobody signs themselves up.
			.adminCreateUserConfig(AdminCreateUserConfigType.builder().allowAdminCreateUserOnly(true).build()))
			.userPool();
		report(Outcome.CREATED,
				"user pool " + plan.poolName() + " (" + created.id() + ", ESSENTIALS plan, deletion protection on)");
		return created.id();
	}

	private void domain(ProvisioningPlan plan, String poolId, @Nullable String current) {
		if (current == null) {
			change(Outcome.CREATED, "domain " + plan.domainPrefix() + " (managed login 2)", () -> this.cognito
				.createUserPoolDomain(
						(request) -> request.userPoolId(poolId).domain(plan.domainPrefix()).managedLoginVersion(2)));
			return;
		}
		DomainDescriptionType domain = this.cognito.describeUserPoolDomain((request) -> request.domain(current))
			.domainDescription();
		if (!current.equals(plan.domainPrefix())) {
			report(Outcome.UNCHANGED, "domain " + current + " (the pool already has this domain; a pool has one)");
		}
		if (!Objects.equals(domain.managedLoginVersion(), 2)) {
			change(Outcome.UPDATED, "domain " + current + " (managed login 1 -> 2)", () -> this.cognito
				.updateUserPoolDomain((request) -> request.userPoolId(poolId).domain(current).managedLoginVersion(2)));
		}
		else if (current.equals(plan.domainPrefix())) {
			report(Outcome.UNCHANGED, "domain " + current + " (managed login 2)");
		}
	}

	private void resourceServer(ProvisioningPlan plan, String poolId) {
		List<ResourceServerScopeType> scopes = new ArrayList<>();
		ProvisioningPlan.SCOPES.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((scope) -> scopes.add(ResourceServerScopeType.builder()
				.scopeName(scope.getKey())
				.scopeDescription(scope.getValue())
				.build()));
		ResourceServerType existing = describeResourceServer(poolId, plan.resourceUrl());
		String what = "resource server " + plan.resourceUrl() + " (scopes "
				+ ProvisioningPlan.SCOPES.keySet().stream().sorted().toList() + ")";
		if (existing == null) {
			change(Outcome.CREATED, what,
					() -> this.cognito.createResourceServer((request) -> request.userPoolId(poolId)
						.identifier(plan.resourceUrl())
						.name("MCP server")
						.scopes(scopes)));
		}
		else if (!new HashSet<>(existing.scopes()).equals(new HashSet<>(scopes))) {
			change(Outcome.UPDATED, what,
					() -> this.cognito.updateResourceServer((request) -> request.userPoolId(poolId)
						.identifier(plan.resourceUrl())
						.name(existing.name())
						.scopes(scopes)));
		}
		else {
			report(Outcome.UNCHANGED, what);
		}
	}

	/**
	 * A resource server of a gateway target, with at least the given scopes. Scopes it
	 * already has are kept: other app clients of the pool may be allowed them.
	 */
	private void targetResourceServer(String identifier, List<String> names, String poolId) {
		ResourceServerType existing = describeResourceServer(poolId, identifier);
		if (existing == null) {
			List<ResourceServerScopeType> scopes = names.stream().map(CognitoSetup::targetScope).toList();
			change(Outcome.CREATED, "resource server " + identifier + " (scopes " + names + ")",
					() -> this.cognito.createResourceServer((request) -> request.userPoolId(poolId)
						.identifier(identifier)
						.name(TARGET_RESOURCE_SERVER_NAME)
						.scopes(scopes)));
			return;
		}
		List<String> missing = names.stream()
			.filter((name) -> existing.scopes().stream().noneMatch((scope) -> name.equals(scope.scopeName())))
			.toList();
		if (missing.isEmpty()) {
			report(Outcome.UNCHANGED, "resource server " + identifier + " (has scopes " + names + ")");
			return;
		}
		List<ResourceServerScopeType> scopes = new ArrayList<>(existing.scopes());
		missing.forEach((name) -> scopes.add(targetScope(name)));
		// UpdateResourceServer replaces the scope list: the existing scopes are sent
		// back.
		change(Outcome.UPDATED, "resource server " + identifier + " (adds scopes " + missing + ")",
				() -> this.cognito.updateResourceServer((request) -> request.userPoolId(poolId)
					.identifier(identifier)
					.name(existing.name())
					.scopes(scopes)));
	}

	private static ResourceServerScopeType targetScope(String name) {
		return ResourceServerScopeType.builder().scopeName(name).scopeDescription("Called by the MCP gateway").build();
	}

	private @Nullable ResourceServerType describeResourceServer(String poolId, String identifier) {
		try {
			return this.cognito.describeResourceServer((request) -> request.userPoolId(poolId).identifier(identifier))
				.resourceServer();
		}
		catch (ResourceNotFoundException ex) {
			return null;
		}
	}

	/**
	 * Managed login shows no sign-in page for an app client without a style: each app
	 * client gets Cognito's default one.
	 */
	private void branding(String poolId, @Nullable UserPoolClientType client, String label) {
		String what = label + " (Cognito defaults)";
		if (client == null) {
			// Dry run of a new app client.
			report(Outcome.WOULD_CREATE, what);
			return;
		}
		String clientId = client.clientId();
		try {
			this.cognito
				.describeManagedLoginBrandingByClient((request) -> request.userPoolId(poolId).clientId(clientId));
			report(Outcome.UNCHANGED, what);
		}
		catch (ResourceNotFoundException ex) {
			change(Outcome.CREATED, what, () -> this.cognito.createManagedLoginBranding(
					(request) -> request.userPoolId(poolId).clientId(clientId).useCognitoProvidedValues(true)));
		}
	}

	private static String brandingOf(String clientName) {
		return "managed login branding of " + clientName;
	}

	private void change(Outcome outcome, String resource, Runnable call) {
		this.steps.change(outcome, resource, call);
	}

	private void report(Outcome outcome, String resource) {
		this.steps.report(outcome, resource);
	}

}
