package io.github.mcpoauthgateway.testsupport;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that a response repeats neither a secret the client sent nor any internals.
 */
public final class NoEcho {

	private static final List<String> INTERNALS = List.of("Exception", "\tat ", "stackTrace", "java.",
			"springframework", "jakarta.", "nimbusds");

	private NoEcho() {
	}

	/**
	 * @param response the response to inspect, headers and body
	 * @param secret what the client sent that must not come back (a token, a body); each
	 * dot-separated part of 12 characters or more is checked on its own too
	 */
	public static void assertNoEcho(HttpResponse<String> response, String secret) {
		StringBuilder all = new StringBuilder(response.body());
		response.headers().map().forEach((name, values) -> all.append('\n').append(name).append(": ").append(values));
		String text = all.toString();
		List<String> parts = new ArrayList<>();
		parts.add(secret);
		for (String part : secret.split("\\.")) {
			if (part.length() >= 12) {
				parts.add(part);
			}
		}
		for (String part : parts) {
			assertThat(text).as("response echoes client input").doesNotContain(part);
		}
		for (String internal : INTERNALS) {
			assertThat(text).as("response exposes internals").doesNotContain(internal);
		}
	}

}
