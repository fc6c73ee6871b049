package io.github.mcpoauthgateway.gateway;

import org.jspecify.annotations.Nullable;

/**
 * A target's health.
 *
 * @param up whether the target answered its last check or call
 * @param detail why it is down, or a short description when up; never a secret
 */
public record TargetStatus(boolean up, @Nullable String detail) {

	public static TargetStatus up(@Nullable String detail) {
		return new TargetStatus(true, detail);
	}

	public static TargetStatus down(String detail) {
		return new TargetStatus(false, detail);
	}

}
