package io.github.mcpoauthgateway.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Settings of an openapi target: the document, where to send calls, and which operations
 * become tools.
 */
public final class OpenApiTargetProperties {

	/**
	 * OpenAPI 3.x document (JSON or YAML): a file path or an http(s) URL; self-contained
	 * (only references inside the document are resolved).
	 */
	private @Nullable String spec;

	/**
	 * Base URL that operation paths are appended to; empty for the document's first
	 * absolute server URL.
	 */
	private @Nullable URI baseUrl;

	/**
	 * Operation ids to serve; empty for every operation with an operationId.
	 */
	private List<String> includeOperations = new ArrayList<>();

	/**
	 * Operation ids never served.
	 */
	private List<String> excludeOperations = new ArrayList<>();

	/**
	 * Tags whose operations are served; empty for any tag.
	 */
	private List<String> includeTags = new ArrayList<>();

	/**
	 * Tags whose operations are never served.
	 */
	private List<String> excludeTags = new ArrayList<>();

	public @Nullable String getSpec() {
		return this.spec;
	}

	public void setSpec(@Nullable String spec) {
		this.spec = spec;
	}

	public @Nullable URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public List<String> getIncludeOperations() {
		return this.includeOperations;
	}

	public void setIncludeOperations(List<String> includeOperations) {
		this.includeOperations = includeOperations;
	}

	public List<String> getExcludeOperations() {
		return this.excludeOperations;
	}

	public void setExcludeOperations(List<String> excludeOperations) {
		this.excludeOperations = excludeOperations;
	}

	public List<String> getIncludeTags() {
		return this.includeTags;
	}

	public void setIncludeTags(List<String> includeTags) {
		this.includeTags = includeTags;
	}

	public List<String> getExcludeTags() {
		return this.excludeTags;
	}

	public void setExcludeTags(List<String> excludeTags) {
		this.excludeTags = excludeTags;
	}

}
