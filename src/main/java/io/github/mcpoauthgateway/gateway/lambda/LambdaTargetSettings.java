package io.github.mcpoauthgateway.gateway.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a Lambda target is: the function to invoke and the tools it serves. Checked when
 * built, with messages naming the target and the tool, so that a bad entry stops the
 * server at start rather than failing calls.
 *
 * @param name the target's name, the prefix of its tools' names
 * @param function the function: a name ({@code my-function}), a partial ARN
 * ({@code 123456789012:function:my-function}) or a full ARN, each optionally with a
 * {@code :version} or {@code :alias} qualifier
 * @param region the AWS region, or {@code null} for the region of a full ARN, else the
 * default chain's
 * @param endpoint another Lambda endpoint (a VPC interface endpoint, a test stand-in), or
 * {@code null} for the region's
 * @param timeout how long a call may take, retries included
 * @param maxResponseBytes the largest function response accepted
 * @param tools the tools, at least one
 */
public record LambdaTargetSettings(String name, String function, @Nullable String region, @Nullable URI endpoint,
		Duration timeout, int maxResponseBytes, List<ToolDefinition> tools) {

	/** A call's time limit when configuration gives none. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	/** The response cap when configuration gives none (Lambda's own is 6 MB). */
	public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

	static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	// Lambda's FunctionName forms; the region group lets a full ARN name its region.
	private static final Pattern FUNCTION = Pattern
		.compile("(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):\\d{12}:function:|\\d{12}:function:)?"
				+ "[a-zA-Z0-9_-]{1,64}(?::(?:\\$LATEST|[a-zA-Z0-9_-]{1,128}))?");

	public LambdaTargetSettings {
		require(name != null && TOOL_NAME.matcher(name).matches(),
				"A Lambda target's name must match [a-zA-Z0-9_-]{1,64}, got '" + name + "'");
		require(function != null && FUNCTION.matcher(function).matches(), "Lambda target '" + name
				+ "': function must be a function name, a partial ARN or a full ARN, optionally with :qualifier");
		String arnRegion = arnRegion(function);
		require(region == null || arnRegion == null || region.equals(arnRegion), "Lambda target '" + name + "': region "
				+ region + " differs from the region of the function ARN (" + arnRegion + ")");
		require(region == null || !region.isBlank(), "Lambda target '" + name + "': region is blank");
		require(endpoint == null || (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
				&& endpoint.getHost() != null),
				"Lambda target '" + name + "': endpoint must be an absolute http(s) URL");
		require(timeout != null && !timeout.isNegative() && !timeout.isZero(),
				"Lambda target '" + name + "': timeout must be positive");
		require(maxResponseBytes > 0, "Lambda target '" + name + "': max response bytes must be positive");
		require(tools != null && !tools.isEmpty(), "Lambda target '" + name + "': define at least one tool");
		Set<String> names = new HashSet<>();
		for (ToolDefinition tool : tools) {
			require(tool != null, "Lambda target '" + name + "': a tool definition is empty");
			tool.check(name);
			require(names.add(tool.name()), "Lambda target '" + name + "': two tools are named '" + tool.name() + "'");
		}
		tools = List.copyOf(tools);
	}

	/**
	 * The region to call: the configured one, else the full ARN's.
	 * @return the region, or {@code null} to take the default chain's
	 */
	@Nullable String effectiveRegion() {
		return (this.region != null) ? this.region : arnRegion(this.function);
	}

	private static @Nullable String arnRegion(@Nullable String function) {
		if (function == null) {
			return null;
		}
		Matcher matcher = FUNCTION.matcher(function);
		return matcher.matches() ? matcher.group("region") : null;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * One tool the function serves.
	 *
	 * @param name the tool's name within the target, {@code [a-zA-Z0-9_-]{1,64}}
	 * @param description what the tool does, for the model; may be {@code null}
	 * @param inputSchema the JSON schema of the arguments: an object schema
	 */
	public record ToolDefinition(String name, @Nullable String description, Map<String, Object> inputSchema) {

		public ToolDefinition {
			inputSchema = (inputSchema != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(inputSchema))
					: Map.of();
		}

		void check(String target) {
			String where = "Lambda target '" + target + "', tool '" + this.name + "': ";
			require(this.name != null && TOOL_NAME.matcher(this.name).matches(),
					"Lambda target '" + target + "': tool name '" + this.name + "' must match [a-zA-Z0-9_-]{1,64}");
			require("object".equals(this.inputSchema.get("type")),
					where + "the input schema must be a JSON object schema (\"type\": \"object\")");
			Object properties = this.inputSchema.get("properties");
			require(properties == null || properties instanceof Map,
					where + "the input schema's \"properties\" must be an object");
			Object required = this.inputSchema.get("required");
			require(required == null
					|| (required instanceof List<?> list && list.stream().allMatch(String.class::isInstance)),
					where + "the input schema's \"required\" must be a list of property names");
		}

	}

}
