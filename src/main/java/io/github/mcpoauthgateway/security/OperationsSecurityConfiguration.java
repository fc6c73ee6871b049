package io.github.mcpoauthgateway.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the MCP endpoint: health probes are public (load balancers and
 * orchestrators call them without credentials), Prometheus metrics are served on the
 * separate management port only, every other path is refused.
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurityConfiguration {

	static final String PROMETHEUS_PATH = "/actuator/prometheus";

	@Bean
	@Order(2)
	SecurityFilterChain healthSecurityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.securityMatcher("/actuator/health", "/actuator/health/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// @formatter:on
		return http.build();
	}

	@Bean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	/**
	 * The scrape endpoint, on the management port only, which listens on loopback unless
	 * configured otherwise; on the public port it is refused like any other path, since
	 * metrics tell an attacker which tools and clients are used.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain prometheusSecurityFilterChain(HttpSecurity http, ManagementPort managementPort) {
		// @formatter:off
		http
			.securityMatcher(PROMETHEUS_PATH)
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(managementPort).access((authentication, context) ->
					new AuthorizationDecision(HttpMethod.GET.matches(context.getRequest().getMethod())))
				.anyRequest().denyAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// @formatter:on
		return http.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain denyAllSecurityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.authorizeHttpRequests((authorize) -> authorize
				// Error pages rendered for a failure elsewhere; requested directly, /error is denied.
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.anyRequest().denyAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// @formatter:on
		return http.build();
	}

}
