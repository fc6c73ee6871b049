package io.github.mcpoauthgateway.gateway;

import java.util.List;
import java.util.function.Supplier;

/**
 * Starts targets of one kind. SEAM: each kind (openapi, lambda, mcp) is a Spring bean
 * implementing this interface; the gateway finds it by {@link #supports(String)}, so a
 * new kind plugs in without changing the gateway.
 * <p>
 * The gateway does the rest for every kind: it namespaces the tools, applies the target's
 * access rule, concurrency limit and timeout, turns any exception into a tool error
 * naming the target, and reports {@link Target#status()} in the health endpoint.
 */
public interface TargetFactory {

	/**
	 * Whether this factory starts targets of the kind.
	 * @param kind the configured kind, e.g. {@code openapi}
	 * @return {@code true} for the kind it handles
	 */
	boolean supports(String kind);

	/**
	 * What is wrong with a target's kind-specific settings, checked at start before any
	 * target starts. Each problem is a sentence naming the setting, e.g.
	 * {@code "openapi.spec
	 * is required"}; the gateway prefixes it with the target.
	 * @param target the target's settings
	 * @return the problems, empty when the settings are usable
	 */
	default List<String> problems(TargetProperties target) {
		return List.of();
	}

	/**
	 * The problems of settings checked by building them: a factory whose settings builder
	 * refuses the first bad setting with an {@link IllegalArgumentException} reports that
	 * one sentence, and none when the build succeeds.
	 * @param settings builds the target's settings
	 * @return the builder's refusal, or nothing
	 */
	static List<String> problemsOf(Supplier<?> settings) {
		try {
			settings.get();
			return List.of();
		}
		catch (IllegalArgumentException ex) {
			return List.of(String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Starts a target: connects to it or reads its description, so that its tools are
	 * known. A target whose upstream is unreachable throws here; the gateway then serves
	 * without it (or refuses to start when the target is {@code required}).
	 * @param target the target's settings, already checked by {@link #problems}
	 * @param credentials the headers to send on every outbound request
	 * @return the running target
	 * @throws Exception when the target cannot start; the message is logged and shown in
	 * the health details, so it must not carry a secret
	 */
	Target create(TargetProperties target, OutboundCredentials credentials) throws Exception;

}
