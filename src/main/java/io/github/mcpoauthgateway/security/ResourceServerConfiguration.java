package io.github.mcpoauthgateway.security;

import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.mcp.CanonicalResource;
import io.github.mcpoauthgateway.mcp.McpEndpoint;
import io.github.mcpoauthgateway.mcp.McpEndpointSecurity;
import io.github.mcpoauthgateway.mcp.McpProperties;
import io.github.mcpoauthgateway.mcp.ToolRegistry;
import io.github.mcpoauthgateway.security.jwt.CognitoJwtDecoders;
import io.github.mcpoauthgateway.security.jwt.TokenValidationObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AllAuthoritiesAuthorizationManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The MCP endpoint as an OAuth 2.1 protected resource: bearer tokens from the
 * {@code Authorization} header only, validated by {@link CognitoJwtDecoders}, RFC 9728
 * metadata from Spring Security's filter, and challenges that point at it.
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerConfiguration {

	private static final Log logger = LogFactory.getLog(ResourceServerConfiguration.class);

	@Bean
	ResourceServerSettings resourceServerSettings(McpProperties mcp, OAuthProperties oauth, CognitoProperties cognito) {
		ResourceServerSettings settings = ResourceServerSettings.from(mcp, oauth, cognito);
		CanonicalResource resource = settings.endpoint().resource();
		if (resource.isPlainHttp()) {
			logger.warn("MCP_RESOURCE_URL " + resource.url()
					+ " uses plain http: tokens can be read on the wire; use https outside local development");
		}
		return settings;
	}

	/**
	 * The MCP endpoint as the checked settings describe it. The MCP transport takes it,
	 * so it starts only after the check: a refused start names the missing settings and
	 * nothing else.
	 */
	@Bean
	McpEndpoint mcpEndpoint(ResourceServerSettings settings) {
		return settings.endpoint();
	}

	@Bean
	JwtDecoder jwtDecoder(ResourceServerSettings settings, McpEndpoint endpoint, OAuthProperties oauth,
			ObjectProvider<EmbeddedIssuer> embedded, ObjectProvider<TokenValidationObserver> observer) {
		CognitoJwtDecoders.Settings decoderSettings = new CognitoJwtDecoders.Settings(settings.issuer(),
				settings.jwksUri(), endpoint.resource().url(), settings.allowedClientIds(),
				settings.enforceAllowedClientIds(), oauth.getClockSkew(), oauth.getJwksCacheTtl(),
				oauth.getJwksRefreshMinInterval(), oauth.getJwksOutageTolerance(), oauth.getJwksTimeout());
		EmbeddedIssuer bridge = embedded.getIfAvailable();
		TokenValidationObserver observed = observer.getIfAvailable(() -> TokenValidationObserver.NONE);
		// In bridge mode the bridge's own tokens are verified with its keys in memory;
		// Cognito's tokens of allowed clients keep working beside them.
		return (bridge != null) ? CognitoJwtDecoders.create(decoderSettings, bridge.issuer(), bridge.keys(), observed)
				: CognitoJwtDecoders.create(decoderSettings, observed);
	}

	@Bean
	@Order(1)
	SecurityFilterChain mcpSecurityFilterChain(HttpSecurity http, ResourceServerSettings settings, McpEndpoint endpoint,
			JwtDecoder jwtDecoder, ToolRegistry tools, McpEndpointSecurity mcpEndpointSecurity, McpProperties mcp,
			ObjectProvider<EmbeddedIssuer> embedded, ObjectProvider<TokenValidationObserver> observer,
			ObjectProvider<AuthenticationEventPublisher> events) {
		EmbeddedIssuer bridge = embedded.getIfAvailable();
		// Clients are sent to the bridge when there is one: Cognito cannot register them.
		String authorizationServer = (bridge != null) ? bridge.issuer() : settings.issuer();
		CanonicalResource resource = endpoint.resource();
		String[] requiredAuthorities = endpoint.requiredScopes()
			.stream()
			.map((scope) -> "SCOPE_" + scope)
			.toArray(String[]::new);
		TokenValidationObserver observed = observer.getIfAvailable(() -> TokenValidationObserver.NONE);
		ProviderManager bearerAuthentication = new ProviderManager(new JwtBearerAuthenticationProvider(jwtDecoder));
		events.ifAvailable(bearerAuthentication::setAuthenticationEventPublisher);
		ResourceMetadataAuthenticationEntryPoint entryPoint = new ResourceMetadataAuthenticationEntryPoint(
				resource.metadataUrl(), endpoint.requiredScopes(), observed);
		InsufficientScopeAccessDeniedHandler accessDeniedHandler = new InsufficientScopeAccessDeniedHandler(
				resource.metadataUrl(), endpoint.requiredScopes(), observed);
		Set<String> scopesSupported = tools.scopesSupported();
		String metadataPath = endpoint.metadataPath();
		// @formatter:off
		http
			.securityMatcher(endpoint.path(), metadataPath, metadataPath + "/**")
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(HttpMethod.GET, metadataPath, metadataPath + "/**").permitAll()
				.requestMatchers(endpoint.path()).access(requiredAuthorities.length > 0
						? AllAuthoritiesAuthorizationManager.hasAllAuthorities(requiredAuthorities)
						: AuthenticatedAuthorizationManager.authenticated())
				.anyRequest().denyAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors((cors) -> cors.configurationSource(corsConfigurationSource(endpoint, mcp)))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(new SingleHeaderBearerTokenResolver())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler)
				.jwt((jwt) -> jwt.authenticationManager(bearerAuthentication))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(new KeySourceFailureHandler(entryPoint));
						return filter;
					}
				})
				.protectedResourceMetadata((metadata) -> metadata
					.protectedResourceMetadataCustomizer((document) -> {
						document.resource(resource.url())
							.authorizationServer(authorizationServer)
							.resourceName(mcp.getResourceName())
							// No mutual TLS here: the default would claim certificate-bound tokens.
							.tlsClientCertificateBoundAccessTokens(false);
						// The builder refuses an empty list: without scopes, the claim is left out.
						if (!scopesSupported.isEmpty()) {
							document.scopes((scopes) -> scopes.addAll(scopesSupported));
						}
					})));
		// @formatter:on
		mcpEndpointSecurity.addFilters(http);
		return http.build();
	}

	/**
	 * CORS for browser-based MCP clients: the metadata is public; the endpoint answers
	 * the allowed origins only, and exposes the headers a client must read.
	 */
	private static UrlBasedCorsConfigurationSource corsConfigurationSource(McpEndpoint mcpEndpoint, McpProperties mcp) {
		CorsConfiguration metadata = new CorsConfiguration();
		metadata.addAllowedOrigin(CorsConfiguration.ALL);
		metadata.setAllowedMethods(List.of("GET"));
		CorsConfiguration endpoint = new CorsConfiguration();
		mcp.getAllowedOrigins().forEach((origin) -> endpoint.addAllowedOriginPattern(corsPattern(origin)));
		endpoint.setAllowedMethods(List.of("GET", "POST", "DELETE"));
		endpoint.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Mcp-Session-Id",
				"MCP-Protocol-Version", "Last-Event-ID"));
		endpoint.setExposedHeaders(List.of("Mcp-Session-Id", "WWW-Authenticate"));
		endpoint.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration(mcpEndpoint.metadataPath(), metadata);
		source.registerCorsConfiguration(mcpEndpoint.metadataPath() + "/**", metadata);
		source.registerCorsConfiguration(mcpEndpoint.path(), endpoint);
		return source;
	}

	/**
	 * The origin check accepts {@code http://host:*}; Spring's CORS patterns spell a
	 * wildcard port {@code [*]}.
	 */
	private static String corsPattern(String origin) {
		return origin.endsWith(":*") ? origin.substring(0, origin.length() - 1) + "[*]" : origin;
	}

}
