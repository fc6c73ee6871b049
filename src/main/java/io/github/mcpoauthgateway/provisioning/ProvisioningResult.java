package io.github.mcpoauthgateway.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauthgateway.cognito.CognitoIssuer;
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
 * @param gatewayClientId the id of the gateway's machine-to-machine app client, if the
 * plan has one; likewise {@code null} in a dry run that would create it
 * @param gatewayClientSecret the secret of that app client, likewise
 */
public record ProvisioningResult(ProvisioningPlan plan, @Nullable String userPoolId, @Nullable String clientId,
		@Nullable String clientSecret, @Nullable String bridgeClientId, @Nullable String bridgeClientSecret,
		@Nullable String gatewayClientId, @Nullable String gatewayClientSecret) {

	/**
	 * The variable that holds the gateway client's secret, which a target's
	 * {@code credentials.client-secret-env} names.
	 */
	public static final String GATEWAY_CLIENT_SECRET = "TARGETS_CLIENT_SECRET";

	/** The variables of {@link #environment()} that hold secrets. */
	public static final Set<String> SECRETS = Set.of("MCP_CLIENT_SECRET", "BRIDGE_UPSTREAM_CLIENT_SECRET",
			GATEWAY_CLIENT_SECRET);

	public String issuer() {
		return CognitoIssuer.of(this.plan.region(), (this.userPoolId != null) ? this.userPoolId : "<user pool id>");
	}

	public String loginUrl() {
		return "https://" + this.plan.domainPrefix() + ".auth." + this.plan.region() + ".amazoncognito.com";
	}

	/**
	 * Where the gateway client gets its tokens: the managed login domain's token endpoint
	 * (the issuer's discovery document names the same).
	 * @return the token endpoint's URL
	 */
	public String tokenUri() {
		return loginUrl() + "/oauth2/token";
	}

	/**
	 * The {@code credentials} block of a gateway target that calls with the gateway
	 * client, as YAML lines; the secret stays in {@link #GATEWAY_CLIENT_SECRET}.
	 * @return the lines, empty when the plan has no gateway client
	 */
	public List<String> targetCredentials() {
		ProvisioningPlan.GatewayClient gateway = this.plan.gatewayClient();
		if (gateway == null) {
			return List.of();
		}
		return List.of("credentials:", "  type: client-credentials", "  token-uri: " + tokenUri(),
				"  client-id: " + ((this.gatewayClientId != null) ? this.gatewayClientId : "<gateway client id>"),
				"  client-secret-env: " + GATEWAY_CLIENT_SECRET,
				"  scopes: [" + String.join(", ", gateway.scopes()) + "]");
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
		if (this.plan.gatewayClient() != null) {
			// For the targets file: ${TARGETS_TOKEN_URI} and ${TARGETS_CLIENT_ID} work as
			// placeholders there, and client-secret-env names the secret's variable.
			variables.put("TARGETS_TOKEN_URI", tokenUri());
			variables.put("TARGETS_CLIENT_ID",
					(this.gatewayClientId != null) ? this.gatewayClientId : "<gateway client id>");
			variables.put(GATEWAY_CLIENT_SECRET,
					(this.gatewayClientSecret != null) ? this.gatewayClientSecret : "<gateway client secret>");
		}
		// What the next setup and teardown know this installation's user pool by.
		variables.put(ProvisioningPlan.INSTALLATION_VARIABLE, this.plan.installationId());
		return variables;
	}

	@Override
	public String toString() {
		return "ProvisioningResult[userPoolId=" + this.userPoolId + ", clientId=" + this.clientId + ", bridgeClientId="
				+ this.bridgeClientId + ", gatewayClientId=" + this.gatewayClientId + ", secrets=(hidden)]";
	}

}
