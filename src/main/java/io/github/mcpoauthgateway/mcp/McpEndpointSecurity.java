package io.github.mcpoauthgateway.mcp;

import java.util.List;
import java.util.Set;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.CorsFilter;

/**
 * Places the MCP endpoint's own checks in its security filter chain: the origin check
 * before anything else, and request validation and session binding after authorization,
 * where the verified caller is known and a denied tool call reaches Spring Security's
 * access-denied handling.
 */
public final class McpEndpointSecurity implements Customizer<HttpSecurity> {

	private final OriginValidationFilter originValidation;

	private final McpRequestValidationFilter requestValidation;

	private final @Nullable McpSessionBindingFilter sessionBinding;

	McpEndpointSecurity(String endpointPath, List<String> allowedOrigins, Set<String> protocolVersions,
			int maxRequestBytes, ToolRegistry tools, FeatureRegistry features, boolean bindSessions,
			ToolCallListener listener) {
		RequestMatcher endpoint = PathPatternRequestMatcher.withDefaults().matcher(endpointPath);
		this.originValidation = new OriginValidationFilter(endpoint,
				DefaultServerTransportSecurityValidator.builder().allowedOrigins(allowedOrigins).build());
		this.requestValidation = new McpRequestValidationFilter(endpoint, protocolVersions, maxRequestBytes, tools,
				features, listener);
		this.sessionBinding = bindSessions ? new McpSessionBindingFilter(endpoint) : null;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.addFilterBefore(this.originValidation, CorsFilter.class);
		http.addFilterAfter(this.requestValidation, AuthorizationFilter.class);
		if (this.sessionBinding != null) {
			http.addFilterAfter(this.sessionBinding, McpRequestValidationFilter.class);
		}
	}

}
