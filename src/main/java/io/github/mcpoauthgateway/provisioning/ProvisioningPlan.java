package io.github.mcpoauthgateway.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What {@code cognito setup} makes sure exists.
 *
 * @param region the AWS region
 * @param poolName the user pool's name
 * @param domainPrefix the managed login domain prefix
 * ({@code <prefix>.auth.<region>.amazoncognito.com})
 * @param resourceUrl the MCP resource URL, used as the resource server identifier (RFC
 * 8707 resource binding)
 * @param clientName the app client's name
 * @param callbackUrls the app client's callback URLs
 * @param withSecret whether the app client has a secret (a confidential client)
 * @param testUser a user to create with a permanent password, or {@code null}
 * @param adminGroup whether to create the {@code admin} group (the test user joins it)
 * @param installationId the id of this installation, which the user pool carries as a tag
 * so that setup and teardown touch no other installation's pool
 * @param bridge the bridge's confidential app client, or {@code null} for none
 * @param gatewayClient the machine-to-machine app client the gateway calls its targets
 * with, or {@code null} for none
 */
public record ProvisioningPlan(String region, String poolName, String domainPrefix, String resourceUrl,
		String clientName, List<String> callbackUrls, boolean withSecret, @Nullable TestUser testUser,
		boolean adminGroup, String installationId, @Nullable Bridge bridge, @Nullable GatewayClient gatewayClient) {

	/**
	 * Tag on every user pool that setup creates; setup and teardown touch only pools
	 * carrying it, and {@link #INSTALLATION_TAG} with this installation's id.
	 */
	public static final String MANAGED_BY_TAG = "managed-by";

	/** Value of {@link #MANAGED_BY_TAG}. */
	public static final String MANAGED_BY = "mcp-oauth-gateway";

	/**
	 * Tag on every user pool that setup creates, whose value is the installation's id.
	 */
	public static final String INSTALLATION_TAG = "installation-id";

	/** The variable of the env file that keeps the installation's id. */
	public static final String INSTALLATION_VARIABLE = "COGNITO_INSTALLATION_ID";

	/** The loopback callback of this repository's command-line client. */
	public static final String CLI_CALLBACK = "http://localhost:8765/callback";

	/** Name of the group of operators. */
	public static final String ADMIN_GROUP = "admin";

	/** The custom scopes of the resource server, by name, with their descriptions. */
	public static final Map<String, String> SCOPES = Map.of("tools", "Call the MCP server's tools", "admin",
			"Call the MCP server's operator tools");

	public ProvisioningPlan {
		callbackUrls = List.copyOf(callbackUrls);
	}

	/**
	 * A plan without the bridge's app client.
	 */
	public ProvisioningPlan(String region, String poolName, String domainPrefix, String resourceUrl, String clientName,
			List<String> callbackUrls, boolean withSecret, @Nullable TestUser testUser, boolean adminGroup,
			String installationId) {
		this(region, poolName, domainPrefix, resourceUrl, clientName, callbackUrls, withSecret, testUser, adminGroup,
				installationId, null, null);
	}

	/**
	 * The same plan with the bridge's app client.
	 * @param bridge the bridge's app client
	 * @return the new plan
	 */
	public ProvisioningPlan withBridge(@Nullable Bridge bridge) {
		return new ProvisioningPlan(this.region, this.poolName, this.domainPrefix, this.resourceUrl, this.clientName,
				this.callbackUrls, this.withSecret, this.testUser, this.adminGroup, this.installationId, bridge,
				this.gatewayClient);
	}

	/**
	 * The same plan with the gateway's machine-to-machine app client.
	 * @param gatewayClient that app client
	 * @return the new plan
	 * @throws ProvisioningException when one of its scopes belongs to the MCP server's
	 * own resource server
	 */
	public ProvisioningPlan withGatewayClient(@Nullable GatewayClient gatewayClient) {
		if (gatewayClient != null && gatewayClient.resourceServers().containsKey(this.resourceUrl)) {
			// Those scopes open this server to its callers; a target must not accept
			// them.
			throw new ProvisioningException("--gateway-scopes names the MCP server's own resource server ("
					+ this.resourceUrl + "): the gateway client's scopes are for its targets, each under a "
					+ "resource server of its own, e.g. https://api.example.com/orders/read");
		}
		return new ProvisioningPlan(this.region, this.poolName, this.domainPrefix, this.resourceUrl, this.clientName,
				this.callbackUrls, this.withSecret, this.testUser, this.adminGroup, this.installationId, this.bridge,
				gatewayClient);
	}

	/**
	 * The one confidential app client of bridge mode, through which the server signs
	 * users in at Cognito's managed login on behalf of every MCP client.
	 *
	 * @param url the bridge's public origin, its issuer
	 * ({@code https://mcp.example.com}), without a trailing slash
	 * @param clientName the app client's name
	 * @param logoutUrl the app client's sign-out URL, or {@code null} for none
	 */
	public record Bridge(String url, String clientName, @Nullable String logoutUrl) {

		/** Where Cognito sends the user back to the bridge, under its issuer. */
		public static final String CALLBACK_PATH = "/login/oauth2/code/cognito";

		/**
		 * The OpenID scopes the bridge asks Cognito for: who the user is, nothing more.
		 */
		public static final List<String> OPENID_SCOPES = List.of("openid", "email", "profile");

		/**
		 * The only callback URL of the bridge's app client.
		 * @return {@code <url>/login/oauth2/code/cognito}
		 */
		public String callbackUrl() {
			return this.url + CALLBACK_PATH;
		}

	}

	/**
	 * The confidential app client the gateway gets client-credentials tokens with for its
	 * targets' {@code credentials} blocks: the client credentials grant only, with custom
	 * scopes of resource servers that setup creates, or adds the scopes to.
	 *
	 * @param clientName the app client's name
	 * @param scopes the scopes it may ask for, each {@code <resource server
	 * identifier>/<scope name>}
	 */
	public record GatewayClient(String clientName, List<String> scopes) {

		/** What Cognito takes as a resource server identifier. */
		private static final Pattern IDENTIFIER = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,256}");

		/** What Cognito takes as a scope name: the same without a slash. */
		private static final Pattern SCOPE_NAME = Pattern.compile("[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]{1,256}");

		public GatewayClient {
			scopes = List.copyOf(scopes);
			if (scopes.isEmpty()) {
				throw new ProvisioningException("--gateway-client needs --gateway-scopes: Cognito grants a client "
						+ "credentials token only custom scopes, <resource server identifier>/<scope name>");
			}
			for (String scope : scopes) {
				int slash = scope.lastIndexOf('/');
				if (slash < 1 || !IDENTIFIER.matcher(scope.substring(0, slash)).matches()
						|| !SCOPE_NAME.matcher(scope.substring(slash + 1)).matches()) {
					throw new ProvisioningException("--gateway-scopes: " + scope + " is not <resource server "
							+ "identifier>/<scope name>, e.g. https://api.example.com/orders/read");
				}
			}
		}

		/**
		 * The resource servers the scopes belong to, each with its scope names; the scope
		 * name is what follows the last slash, since it cannot hold one.
		 * @return scope names by resource server identifier, in the order given
		 */
		public Map<String, List<String>> resourceServers() {
			Map<String, List<String>> servers = new LinkedHashMap<>();
			for (String scope : this.scopes) {
				int slash = scope.lastIndexOf('/');
				List<String> names = servers.computeIfAbsent(scope.substring(0, slash), (key) -> new ArrayList<>());
				if (!names.contains(scope.substring(slash + 1))) {
					names.add(scope.substring(slash + 1));
				}
			}
			return servers;
		}

	}

	/**
	 * A user for trying the deployment.
	 *
	 * @param username the username
	 * @param password the permanent password
	 */
	public record TestUser(String username, String password) {

		@Override
		public String toString() {
			return "TestUser[username=" + this.username + ", password=(hidden)]";
		}

	}

	/**
	 * The full name of a custom scope as it appears in tokens.
	 * @param scope the short name, such as {@code tools}
	 * @return {@code <resource server identifier>/<scope>}
	 */
	public String scope(String scope) {
		return this.resourceUrl + "/" + scope;
	}

	Map<String, String> tags() {
		return Map.of(MANAGED_BY_TAG, MANAGED_BY, INSTALLATION_TAG, this.installationId);
	}

}
