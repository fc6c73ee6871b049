package io.github.mcpoauthgateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * What Spring Security does around every filter chain: its default firewall with cheaper
 * header checks, and observations of authentications only.
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
	 * Observations of each authentication (a timer by outcome), not of every filter of
	 * every chain nor of every authorization decision: those wrapped each request in a
	 * dozen observations and were a tenth of the CPU of a tool call. The server-wide
	 * {@code http.server.requests} observation is Spring Boot's and stays.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.shouldObserveAuthentications(true)
			.build();
	}

}
