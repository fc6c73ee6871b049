package io.github.mcpoauthgateway.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The state of every target, as the {@code gatewayTargets} health component (the
 * {@code gateway} group): down when any target is. Readiness does not include it unless
 * configured to, so a target that is down never takes the server out of its load
 * balancer.
 */
final class GatewayHealthIndicator implements HealthIndicator {

	private final GatewayTargets targets;

	GatewayHealthIndicator(GatewayTargets targets) {
		this.targets = targets;
	}

	@Override
	public Health health() {
		Map<String, TargetStatus> statuses = this.targets.statuses();
		boolean up = statuses.values().stream().allMatch(TargetStatus::up);
		Health.Builder health = up ? Health.up() : Health.down();
		statuses.forEach((name, status) -> {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("status", status.up() ? "UP" : "DOWN");
			if (status.detail() != null) {
				detail.put("detail", status.detail());
			}
			health.withDetail(name, detail);
		});
		return health.build();
	}

}
