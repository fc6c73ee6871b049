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
 */
public record ProvisioningPlan(String region, String poolName, String domainPrefix, String resourceUrl,
		String clientName, List<String> callbackUrls, boolean withSecret, @Nullable TestUser testUser,
		boolean adminGroup) {

	/**
	 * Tag on every user pool that setup creates; teardown deletes only pools carrying it.
	 */
	public static final String MANAGED_BY_TAG = "managed-by";

	/** Value of {@link #MANAGED_BY_TAG}. */
	public static final String MANAGED_BY = "mcp-oauth-gateway";

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
		return Map.of(MANAGED_BY_TAG, MANAGED_BY);
	}

}
