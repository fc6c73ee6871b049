package io.github.mcpoauthgateway.cognito;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the server and the client need to use the provisioned user pool.
 *
 * @param plan the plan that was carried out
 * @param userPoolId the user pool's id ({@code <region>_<id>}); {@code null} in a dry run
 * that would create it
 * @param clientId the app client's id, likewise
 * @param clientSecret the app client's secret, if it has one
 * @param bridgeClientId the id of the bridge's app client, if the plan has one; likewise
 * {@code null} in a dry run that would create it
 * @param bridgeClientSecret the secret of the bridge's app client, likewise
 */
public record ProvisioningResult(ProvisioningPlan plan, @Nullable String userPoolId, @Nullable String clientId,
		@Nullable String clientSecret, @Nullable String bridgeClientId, @Nullable String bridgeClientSecret) {

	/** The variables of {@link #environment()} that hold secrets. */
	public static final Set<String> SECRETS = Set.of("MCP_CLIENT_SECRET", "BRIDGE_UPSTREAM_CLIENT_SECRET");

	public String issuer() {
		return "https://cognito-idp." + this.plan.region() + ".amazonaws.com/"
				+ ((this.userPoolId != null) ? this.userPoolId : "<user pool id>");
	}

	public String loginUrl() {
		return "https://" + this.plan.domainPrefix() + ".auth." + this.plan.region() + ".amazoncognito.com";
	}

	/**
	 * The settings for {@code .env}: the server's (with bridge mode's, if planned), then
	 * the command-line client's, then the installation's id.
	 * @return variable names and values, in a stable order
	 */
	public Map<String, String> environment() {
		String clientId = (this.clientId != null) ? this.clientId : "<client id>";
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("MCP_RESOURCE_URL", this.plan.resourceUrl());
		variables.put("OAUTH_ISSUER_URI", issuer());
		variables.put("OAUTH_ALLOWED_CLIENT_IDS", clientId);
		// Setup knows the pool's clients: tokens bound to this resource must come from
		// them
		// too, not from any other app client of the pool.
		variables.put("OAUTH_ENFORCE_ALLOWED_CLIENT_IDS", "true");
		variables.put("MCP_REQUIRED_SCOPES", this.plan.scope("tools"));
		ProvisioningPlan.Bridge bridge = this.plan.bridge();
		if (bridge != null) {
			variables.put("BRIDGE_ENABLED", "true");
			// The app client's callback is under this issuer: the bridge must use the
			// same.
			variables.put("BRIDGE_ISSUER", bridge.url());
			variables.put("BRIDGE_UPSTREAM_ISSUER_URI", issuer());
			variables.put("BRIDGE_UPSTREAM_CLIENT_ID",
					(this.bridgeClientId != null) ? this.bridgeClientId : "<bridge client id>");
			variables.put("BRIDGE_UPSTREAM_CLIENT_SECRET",
					(this.bridgeClientSecret != null) ? this.bridgeClientSecret : "<bridge client secret>");
		}
		variables.put("MCP_CLIENT_ID", clientId);
		if (this.plan.withSecret()) {
			variables.put("MCP_CLIENT_SECRET", (this.clientSecret != null) ? this.clientSecret : "<client secret>");
		}
		variables.put("MCP_SCOPES", "openid " + this.plan.scope("tools"));
		variables.put("MCP_REDIRECT_URI", ProvisioningPlan.CLI_CALLBACK);
		variables.put("COGNITO_LOGIN_URL", loginUrl());
		// What the next setup and teardown know this installation's user pool by.
		variables.put(ProvisioningPlan.INSTALLATION_VARIABLE, this.plan.installationId());
		return variables;
	}

	@Override
	public String toString() {
		return "ProvisioningResult[userPoolId=" + this.userPoolId + ", clientId=" + this.clientId + ", bridgeClientId="
				+ this.bridgeClientId + ", secrets=(hidden)]";
	}

}
