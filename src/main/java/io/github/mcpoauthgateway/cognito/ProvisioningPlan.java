package io.github.mcpoauthgateway.cognito;

import java.util.List;
import java.util.Map;

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
 */
public record ProvisioningPlan(String region, String poolName, String domainPrefix, String resourceUrl,
		String clientName, List<String> callbackUrls, boolean withSecret, @Nullable TestUser testUser,
		boolean adminGroup, String installationId, @Nullable Bridge bridge) {

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
				installationId, null);
	}

	/**
	 * The same plan with the bridge's app client.
	 * @param bridge the bridge's app client
	 * @return the new plan
	 */
	public ProvisioningPlan withBridge(Bridge bridge) {
		return new ProvisioningPlan(this.region, this.poolName, this.domainPrefix, this.resourceUrl, this.clientName,
				this.callbackUrls, this.withSecret, this.testUser, this.adminGroup, this.installationId, bridge);
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
