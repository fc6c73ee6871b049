package io.github.mcpoauthgateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * What Spring Security does around every filter chain: its default firewall with cheaper
 * header checks, and no observations of its own.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

	/**
	 * Spring Security's strict firewall, every rule kept; see {@link HeaderCharacters}.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters.names());
		firewall.setAllowedHeaderValues(HeaderCharacters.values());
		return firewall;
	}

	/**
	 * No observation of every filter of every chain, authentication and authorization
	 * decision: they wrapped each request in a dozen observations, a tenth of the CPU of
	 * a tool call, even with their metrics switched off by property. The server-wide
	 * {@code http.server.requests} observation is Spring Boot's and stays.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
