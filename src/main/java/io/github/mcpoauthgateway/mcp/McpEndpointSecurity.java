package io.github.mcpoauthgateway.mcp;

import java.util.List;
import java.util.Set;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.CorsFilter;

/**
 * Places the MCP endpoint's own checks in its security filter chain: the origin check
 * before anything else; after authorization, where the verified caller is known and a
 * denied tool call reaches Spring Security's access-denied handling, first the checks of
 * headers alone (protocol version, then session binding), then the one filter that reads
 * the body, to authorize the tool it calls. A request refused on its headers is never
 * read.
 * <p>
 * NOTE: not a {@code Customizer<HttpSecurity>}: Spring Security applies every bean of
 * that type to every filter chain it builds, and these filters belong to the endpoint's
 * chain only.
 */
public final class McpEndpointSecurity {

	private final OriginValidationFilter originValidation;

	private final ProtocolVersionFilter protocolVersion;

	private final @Nullable McpSessionBindingFilter sessionBinding;

	private final ToolAuthorizationFilter toolAuthorization;

	McpEndpointSecurity(McpEndpoint mcpEndpoint, List<String> allowedOrigins, Set<String> protocolVersions,
			int maxRequestBytes, ToolRegistry tools, FeatureRegistry features, boolean bindSessions,
			ToolCallListener listener) {
		RequestMatcher endpoint = PathPatternRequestMatcher.withDefaults().matcher(mcpEndpoint.path());
		this.originValidation = new OriginValidationFilter(endpoint,
				DefaultServerTransportSecurityValidator.builder().allowedOrigins(allowedOrigins).build());
		this.protocolVersion = new ProtocolVersionFilter(endpoint, protocolVersions);
		this.sessionBinding = bindSessions ? new McpSessionBindingFilter(endpoint) : null;
		this.toolAuthorization = new ToolAuthorizationFilter(endpoint, maxRequestBytes, tools, features, listener);
	}

	/**
	 * Adds the endpoint's filters to its security chain.
	 * @param http the chain of the endpoint
	 */
	public void addFilters(HttpSecurity http) {
		http.addFilterBefore(this.originValidation, CorsFilter.class);
		http.addFilterAfter(this.protocolVersion, AuthorizationFilter.class);
		if (this.sessionBinding != null) {
			http.addFilterAfter(this.sessionBinding, ProtocolVersionFilter.class);
			http.addFilterAfter(this.toolAuthorization, McpSessionBindingFilter.class);
		}
		else {
			http.addFilterAfter(this.toolAuthorization, ProtocolVersionFilter.class);
		}
	}

}
