package io.github.mcpoauthgateway.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the MCP endpoint. The prefix matches the documented environment variables:
 * {@code MCP_RESOURCE_URL} binds to {@code mcp.resource-url}, and so on.
 */
@ConfigurationProperties(McpProperties.CONFIG_PREFIX)
public final class McpProperties {

	public static final String CONFIG_PREFIX = "mcp";

	/**
	 * Canonical URL of the MCP endpoint as clients reach it, e.g.
	 * https://mcp.example.com/mcp; the RFC 9728 resource and the expected token audience.
	 */
	private @Nullable URI resourceUrl;

	/**
	 * Scopes that every request to the MCP endpoint must carry; empty for none.
	 */
	private List<String> requiredScopes = new ArrayList<>();

	/**
	 * Browser origins allowed to call the MCP endpoint besides the resource URL's own,
	 * e.g. http://localhost:6274; a port of * matches any port.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Whether to serve the stateless streamable HTTP transport (no sessions), for
	 * replicas behind a load balancer without sticky sessions.
	 */
	private boolean stateless = false;

	/**
	 * Largest request body accepted; a larger one gets 413.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(1);

	/**
	 * Interval between keep-alive pings on open event streams; keep it below the idle
	 * timeout of any load balancer in front.
	 */
	private Duration keepAliveInterval = Duration.ofSeconds(25);

	/**
	 * Human-readable name of this server, published as resource_name and server info.
	 */
	private String resourceName = "MCP OAuth Gateway";

	/**
	 * Per-tool access rules, by tool name, replacing the scopes and groups a tool
	 * declares (for example to use Cognito's resource-server scope names).
	 */
	private Map<String, ToolAccessRule> toolAccess = new LinkedHashMap<>();

	public @Nullable URI getResourceUrl() {
		return this.resourceUrl;
	}

	public void setResourceUrl(@Nullable URI resourceUrl) {
		this.resourceUrl = resourceUrl;
	}

	public List<String> getRequiredScopes() {
		return this.requiredScopes;
	}

	public void setRequiredScopes(List<String> requiredScopes) {
		this.requiredScopes = requiredScopes;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public boolean isStateless() {
		return this.stateless;
	}

	public void setStateless(boolean stateless) {
		this.stateless = stateless;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public Duration getKeepAliveInterval() {
		return this.keepAliveInterval;
	}

	public void setKeepAliveInterval(Duration keepAliveInterval) {
		this.keepAliveInterval = keepAliveInterval;
	}

	public String getResourceName() {
		return this.resourceName;
	}

	public void setResourceName(String resourceName) {
		this.resourceName = resourceName;
	}

	public Map<String, ToolAccessRule> getToolAccess() {
		return this.toolAccess;
	}

	public void setToolAccess(Map<String, ToolAccessRule> toolAccess) {
		this.toolAccess = toolAccess;
	}

	/**
	 * The access rule of one tool.
	 */
	public static final class ToolAccessRule {

		/**
		 * Scopes the access token must carry to call the tool, all of them.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		/**
		 * Groups (cognito:groups) of which the caller must be in one; empty for none.
		 */
		private Set<String> groups = new LinkedHashSet<>();

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

		public Set<String> getGroups() {
			return this.groups;
		}

		public void setGroups(Set<String> groups) {
			this.groups = groups;
		}

	}

}
