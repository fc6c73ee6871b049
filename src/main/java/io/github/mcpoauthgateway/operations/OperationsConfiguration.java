package io.github.mcpoauthgateway.operations;

import java.time.Clock;

import io.github.mcpoauthgateway.authserver.SignInMethod;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

/**
 * Metrics, the audit log, request ids and the shutdown drain.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

	@Bean
	TokenValidationMetrics tokenValidationMetrics(MeterRegistry registry) {
		return new TokenValidationMetrics(registry);
	}

	@Bean
	ToolCallRecorder toolCallRecorder(MeterRegistry registry, ObjectProvider<AuditLog> audit) {
		return new ToolCallRecorder(registry, audit.getIfAvailable());
	}

	@Bean
	AuthenticationEvents authenticationEvents(MeterRegistry registry, ObjectProvider<SignInMethod> signIn,
			ObjectProvider<AuditLog> audit) {
		return new AuthenticationEvents(registry, signIn, audit.getIfAvailable());
	}

	/**
	 * Spring Boot's publisher, which also publishes a failure event for the authorization
	 * server's own exceptions (an OAuth2AuthenticationException has no event of its own):
	 * refused registrations and token requests, failed sign-ins at Cognito.
	 */
	@Bean
	DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
		events.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
		return events;
	}

	@Bean
	ReadinessDrain readinessDrain(ShutdownProperties properties) {
		return new ReadinessDrain(properties.getDrainDelay());
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	PublicPortProbesController publicPortProbesController(HealthEndpoint health) {
		return new PublicPortProbesController(health);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = AuditProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
	static class AuditConfiguration {

		@Bean
		AuditLog auditLog() {
			AuditLogOutput.configure();
			return new AuditLog(Clock.systemUTC());
		}

		@Bean
		FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
			// Before Spring Security's filters, so a refused request has an id too.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setAsyncSupported(true);
			return registration;
		}

	}

}
