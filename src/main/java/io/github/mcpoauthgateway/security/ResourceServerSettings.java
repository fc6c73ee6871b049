package io.github.mcpoauthgateway.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.mcp.CanonicalResource;
import io.github.mcpoauthgateway.mcp.McpEndpoint;
import io.github.mcpoauthgateway.mcp.McpProperties;
import org.jspecify.annotations.Nullable;

/**
 * The settings the resource server cannot run without, checked together at startup so
 * that one failure names everything that is missing.
 *
 * @param endpoint the MCP endpoint: its canonical resource and the scopes every request
 * needs
 * @param issuer the exact issuer of accepted tokens
 * @param jwksUri where the issuer publishes its signing keys
 * @param allowedClientIds the clients whose aud-less tokens are accepted
 * @param enforceAllowedClientIds whether tokens with an {@code aud} must come from those
 * clients too
 */
public record ResourceServerSettings(McpEndpoint endpoint, String issuer, URI jwksUri, Set<String> allowedClientIds,
		boolean enforceAllowedClientIds) {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	/**
	 * Checks and combines the bound properties.
	 * @param mcp the MCP endpoint properties
	 * @param oauth the token properties
	 * @param cognito the Cognito user pool properties
	 * @return the settings
	 * @throws InvalidSettingsException naming every missing or invalid setting
	 */
	public static ResourceServerSettings from(McpProperties mcp, OAuthProperties oauth, CognitoProperties cognito) {
		List<String> problems = new ArrayList<>();
		CanonicalResource resource = null;
		if (mcp.getResourceUrl() == null) {
			problems.add("MCP_RESOURCE_URL (mcp.resource-url) is not set: give the public URL of the MCP endpoint, "
					+ "for example https://mcp.example.com/mcp");
		}
		else {
			try {
				resource = CanonicalResource.of(mcp.getResourceUrl());
			}
			catch (IllegalArgumentException ex) {
				problems.add("MCP_RESOURCE_URL (mcp.resource-url) " + ex.getMessage());
			}
		}
		String issuer = issuer(oauth, cognito, problems);
		Set<String> requiredScopes = trimmed(mcp.getRequiredScopes());
		if (requiredScopes.isEmpty()) {
			// Fail closed: without a required scope, any token of the issuer that passes
			// the
			// audience check opens the endpoint, whatever it was granted for.
			problems.add("MCP_REQUIRED_SCOPES (mcp.required-scopes) is not set: give the scope every MCP request "
					+ "needs, for example https://mcp.example.com/mcp/tools (the scope cognito setup creates)");
		}
		URI jwksUri = oauth.getJwksUri();
		if (jwksUri == null && issuer != null) {
			jwksUri = URI.create(issuer + JWKS_PATH);
		}
		// Each of resource, issuer and jwksUri is null only where a problem was added
		// above.
		if (!problems.isEmpty() || resource == null || issuer == null || jwksUri == null) {
			throw new InvalidSettingsException(problems);
		}
		return new ResourceServerSettings(new McpEndpoint(resource, requiredScopes), issuer, jwksUri,
				trimmed(oauth.getAllowedClientIds()), oauth.isEnforceAllowedClientIds());
	}

	private static @Nullable String issuer(OAuthProperties oauth, CognitoProperties cognito, List<String> problems) {
		String configured = oauth.getIssuerUri();
		String derived = cognito.issuerUri();
		if (configured != null && !configured.isBlank()) {
			if (derived != null && !derived.equals(configured.trim())) {
				problems.add("OAUTH_ISSUER_URI (oauth.issuer-uri) and COGNITO_REGION + COGNITO_USER_POOL_ID "
						+ "name different issuers: set only one of them");
			}
			String issuer = configured.trim();
			if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
				problems.add("OAUTH_ISSUER_URI (oauth.issuer-uri) must be an http(s) URL");
			}
			return issuer;
		}
		if (derived == null) {
			problems.add("OAUTH_ISSUER_URI (oauth.issuer-uri) is not set: give the issuer of your access tokens, "
					+ "or set COGNITO_REGION and COGNITO_USER_POOL_ID for a Cognito user pool");
		}
		return derived;
	}

	private static Set<String> trimmed(List<String> values) {
		Set<String> trimmed = new LinkedHashSet<>();
		values.stream().map(String::trim).filter((value) -> !value.isEmpty()).forEach(trimmed::add);
		return Collections.unmodifiableSet(trimmed);
	}

}
