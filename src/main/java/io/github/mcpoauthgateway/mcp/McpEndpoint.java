package io.github.mcpoauthgateway.mcp;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The MCP endpoint: the path this server serves it at, the canonical resource it is
 * published as, and the scopes every request to it needs. One bean of this type, made
 * from the checked settings, is where the transport, its filters, the security chain, the
 * metadata and the challenges take these values from.
 */
public final class McpEndpoint {

	/**
	 * The path on this server. The resource URL's path may differ: a proxy in front can
	 * publish the endpoint under another one.
	 */
	private static final String PATH = "/mcp";

	private final CanonicalResource resource;

	private final Set<String> requiredScopes;

	/**
	 * Creates the endpoint.
	 * @param resource the canonical resource, parsed from the configured URL
	 * @param requiredScopes the scopes every request needs, in the order challenges name
	 * them
	 */
	public McpEndpoint(CanonicalResource resource, Set<String> requiredScopes) {
		this.resource = resource;
		this.requiredScopes = Collections.unmodifiableSet(new LinkedHashSet<>(requiredScopes));
	}

	/**
	 * The path this server serves the endpoint at.
	 * @return {@code /mcp}
	 */
	public String path() {
		return PATH;
	}

	/**
	 * The path of the RFC 9728 metadata on this server; the metadata of the resource is
	 * at this path followed by the resource's own path.
	 * @return {@code /.well-known/oauth-protected-resource}
	 */
	public String metadataPath() {
		return CanonicalResource.METADATA_PATH;
	}

	/**
	 * The canonical resource, the URLs this server advertises.
	 * @return the resource
	 */
	public CanonicalResource resource() {
		return this.resource;
	}

	/**
	 * The scopes every request to the endpoint needs.
	 * @return the scopes, in their configured order
	 */
	public Set<String> requiredScopes() {
		return this.requiredScopes;
	}

}
