package io.github.mcpoauthgateway.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Settings of a lambda target: the function and the tools it serves.
 */
public final class LambdaTargetProperties {

	/**
	 * Function name or ARN, invoked synchronously.
	 */
	private @Nullable String function;

	/**
	 * AWS region of the function; empty for the default region provider chain.
	 */
	private @Nullable String region;

	/**
	 * Endpoint override of the Lambda API, for tests and private endpoints.
	 */
	private @Nullable URI endpoint;

	/**
	 * The tools the function serves.
	 */
	private List<Tool> tools = new ArrayList<>();

	public @Nullable String getFunction() {
		return this.function;
	}

	public void setFunction(@Nullable String function) {
		this.function = function;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	public List<Tool> getTools() {
		return this.tools;
	}

	public void setTools(List<Tool> tools) {
		this.tools = tools;
	}

	/**
	 * One tool of a lambda target.
	 */
	public static final class Tool {

		/**
		 * Name of the tool, without the target's prefix.
		 */
		private @Nullable String name;

		/**
		 * Description shown to clients.
		 */
		private @Nullable String description;

		/**
		 * Input JSON schema as JSON text; input-schema-map is the same as a YAML map.
		 */
		private @Nullable String inputSchema;

		/**
		 * Input JSON schema as a map (YAML), used when input-schema is empty.
		 */
		private Map<String, Object> inputSchemaMap = new LinkedHashMap<>();

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getDescription() {
			return this.description;
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
		}

		public @Nullable String getInputSchema() {
			return this.inputSchema;
		}

		public void setInputSchema(@Nullable String inputSchema) {
			this.inputSchema = inputSchema;
		}

		public Map<String, Object> getInputSchemaMap() {
			return this.inputSchemaMap;
		}

		public void setInputSchemaMap(Map<String, Object> inputSchemaMap) {
			this.inputSchemaMap = inputSchemaMap;
		}

	}

}
