package io.github.mcpoauthgateway.operations;

import java.util.Map;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The liveness and readiness probes on the public port, at the paths load balancers,
 * compose and ECS already use, while a separate management port serves the actuator:
 * Spring Boot moves every actuator path there, and its own extra probe paths have one
 * segment only ({@code /livez}). The answer is Boot's health group, status only.
 */
@RestController
final class PublicPortProbesController {

	private final HealthEndpoint health;

	PublicPortProbesController(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping(path = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> liveness() {
		return probe("liveness");
	}

	@GetMapping(path = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> readiness() {
		return probe("readiness");
	}

	private ResponseEntity<Map<String, String>> probe(String group) {
		HealthDescriptor descriptor = this.health.healthForPath(group);
		if (descriptor == null) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.status(HttpCodeStatusMapper.DEFAULT.getStatusCode(descriptor.getStatus()))
			.cacheControl(CacheControl.noStore())
			.body(Map.of("status", descriptor.getStatus().getCode()));
	}

}
