package io.github.mcpoauthgateway.authserver;

import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Generates the demo passwords and secrets that are not configured.
 */
final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	static String orGenerated(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		byte[] bytes = new byte[12];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
