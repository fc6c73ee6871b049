package io.github.mcpoauthgateway.gateway;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.mcpoauthgateway.authserver.SigningKeys;
import io.github.mcpoauthgateway.gateway.credentials.CallerTokens;
import io.github.mcpoauthgateway.gateway.credentials.TargetCredentials;
import io.github.mcpoauthgateway.gateway.lambda.LambdaTargetFactory;
import io.github.mcpoauthgateway.gateway.mcp.McpTargetFactory;
import io.github.mcpoauthgateway.gateway.openapi.OpenApiTargetFactory;
import io.github.mcpoauthgateway.mcp.FeatureRegistry;
import io.github.mcpoauthgateway.mcp.McpEndpoint;
import io.github.mcpoauthgateway.mcp.McpProperties;
import io.github.mcpoauthgateway.mcp.ToolGroups;
import io.github.mcpoauthgateway.mcp.ToolRegistry;
import io.github.mcpoauthgateway.tool.ToolAccess;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The gateway: declared targets checked at start, started by the {@link TargetFactory} of
 * their kind, and served through the tool registry; their state in health, and the caller
 * JWT's keys published.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	@Bean
	TargetCredentials targetCredentials(Environment environment, CallerTokens callerTokens) {
		return new TargetCredentials(environment, callerTokens);
	}

	@Bean
	CallerTokens callerTokens(GatewayProperties properties, McpEndpoint endpoint) {
		String jwkSet = properties.getCallerToken().getJwkSet();
		// The key is made on first use: most deployments never send the caller.
		return new CallerTokens(
				() -> (jwkSet != null && !jwkSet.isBlank()) ? SigningKeys.parse(jwkSet) : SigningKeys.generated(),
				endpoint.resource()::origin, properties.getCallerToken().getLifetime(), Clock.systemUTC());
	}

	@Bean
	DeclaredTargets declaredTargets(GatewayProperties properties, Environment environment,
			List<TargetFactory> factories, TargetCredentials credentials) {
		return new DeclaredTargets(TargetDeclarations.load(properties, environment, factories, credentials));
	}

	@Bean
	ToolGroups gatewayToolGroups(DeclaredTargets declaredTargets) {
		Map<String, ToolAccess> access = new LinkedHashMap<>();
		for (DeclaredTarget target : declaredTargets.all()) {
			TargetProperties properties = target.properties();
			access.put(target.name(), new ToolAccess(new LinkedHashSet<>(properties.getRequiredScopes()),
					new LinkedHashSet<>(properties.getRequiredGroups())));
		}
		return new ToolGroups(access);
	}

	@Bean
	GatewayTargets gatewayTargets(DeclaredTargets declaredTargets, List<TargetFactory> factories,
			TargetCredentials credentials, ToolRegistry registry, FeatureRegistry features, MeterRegistry meters) {
		GatewayTargets targets = new GatewayTargets(declaredTargets.all(), factories, credentials, registry, features,
				meters);
		targets.registerHealthGauges();
		return targets;
	}

	@Bean
	OpenApiTargetFactory openApiTargetFactory() {
		return new OpenApiTargetFactory();
	}

	@Bean
	LambdaTargetFactory lambdaTargetFactory() {
		return new LambdaTargetFactory();
	}

	@Bean
	McpTargetFactory mcpTargetFactory(McpProperties mcp) {
		return new McpTargetFactory(!mcp.isStateless());
	}

	@Bean
	GatewayHealthIndicator gatewayTargetsHealthIndicator(GatewayTargets targets) {
		return new GatewayHealthIndicator(targets);
	}

	@Bean
	CallerKeysController callerKeysController(CallerTokens tokens) {
		return new CallerKeysController(tokens);
	}

	@Bean
	@Order(4)
	SecurityFilterChain callerKeysSecurityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.securityMatcher(CallerTokens.JWKS_PATH)
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// @formatter:on
		return http.build();
	}

}
