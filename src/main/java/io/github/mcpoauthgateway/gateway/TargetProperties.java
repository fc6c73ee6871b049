package io.github.mcpoauthgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * One gateway target as configured, under gateway.targets[n] or in the targets file. The
 * settings common to every kind are here; each kind reads its own block.
 */
public final class TargetProperties {

	/**
	 * Name of the target, [a-zA-Z0-9_-]+: its tools are served as <name>___<tool>.
	 */
	private @Nullable String name;

	/**
	 * Kind of target: openapi, lambda or mcp.
	 */
	private @Nullable String kind;

	/**
	 * Scopes the access token must carry to see and call this target's tools, all of
	 * them.
	 */
	private List<String> requiredScopes = new ArrayList<>();

	/**
	 * Groups (cognito:groups) of which the caller must be in one to call this target's
	 * tools; empty for none.
	 */
	private List<String> requiredGroups = new ArrayList<>();

	/**
	 * Longest a call may take before it is abandoned and answered with a tool error.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Most calls in progress at once; a call beyond it is refused at once with a tool
	 * error.
	 */
	private int maxConcurrency = 16;

	/**
	 * Largest answer read from the target; a larger one is a tool error.
	 */
	private DataSize maxResponseBytes = DataSize.ofMegabytes(1);

	/**
	 * Whether the server refuses to start when this target cannot be started; otherwise
	 * it starts without the target's tools and reports it down.
	 */
	private boolean required = false;

	/**
	 * Whether the target's tools are served as {@code <name>___<tool>}; false serves them
	 * under their own names (one MCP server fronted as is), refused at start when one is
	 * taken by a built-in tool or another target's tool.
	 */
	private boolean prefixTools = true;

	/**
	 * The credential sent to the target; never the caller's access token.
	 */
	private final CredentialsProperties credentials = new CredentialsProperties();

	/**
	 * Whether to send the verified caller as a short-lived JWT signed by this server.
	 */
	private boolean sendCaller = false;

	/**
	 * Header that carries the caller JWT when send-caller is on.
	 */
	private String callerHeader = "X-MCP-Caller";

	/**
	 * Settings of an openapi target.
	 */
	private final OpenApiTargetProperties openapi = new OpenApiTargetProperties();

	/**
	 * Settings of a lambda target.
	 */
	private final LambdaTargetProperties lambda = new LambdaTargetProperties();

	/**
	 * Settings of an mcp target.
	 */
	private final McpTargetProperties mcp = new McpTargetProperties();

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getKind() {
		return this.kind;
	}

	public void setKind(@Nullable String kind) {
		this.kind = kind;
	}

	public List<String> getRequiredScopes() {
		return this.requiredScopes;
	}

	public void setRequiredScopes(List<String> requiredScopes) {
		this.requiredScopes = requiredScopes;
	}

	public List<String> getRequiredGroups() {
		return this.requiredGroups;
	}

	public void setRequiredGroups(List<String> requiredGroups) {
		this.requiredGroups = requiredGroups;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public void setMaxConcurrency(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	public DataSize getMaxResponseBytes() {
		return this.maxResponseBytes;
	}

	public void setMaxResponseBytes(DataSize maxResponseBytes) {
		this.maxResponseBytes = maxResponseBytes;
	}

	public boolean isRequired() {
		return this.required;
	}

	public void setRequired(boolean required) {
		this.required = required;
	}

	public boolean isPrefixTools() {
		return this.prefixTools;
	}

	public void setPrefixTools(boolean prefixTools) {
		this.prefixTools = prefixTools;
	}

	public CredentialsProperties getCredentials() {
		return this.credentials;
	}

	public boolean isSendCaller() {
		return this.sendCaller;
	}

	public void setSendCaller(boolean sendCaller) {
		this.sendCaller = sendCaller;
	}

	public String getCallerHeader() {
		return this.callerHeader;
	}

	public void setCallerHeader(String callerHeader) {
		this.callerHeader = callerHeader;
	}

	public OpenApiTargetProperties getOpenapi() {
		return this.openapi;
	}

	public LambdaTargetProperties getLambda() {
		return this.lambda;
	}

	public McpTargetProperties getMcp() {
		return this.mcp;
	}

}
