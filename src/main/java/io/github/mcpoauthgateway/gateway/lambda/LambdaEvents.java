package io.github.mcpoauthgateway.gateway.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.github.mcpoauthgateway.tool.Caller;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the event and client context of an invocation, in the shape documented on
 * {@link LambdaTarget}.
 */
final class LambdaEvents {

	private static final JsonMapper JSON = JsonMapper.shared();

	private LambdaEvents() {
	}

	static byte[] event(String tool, Map<String, Object> arguments, Caller caller, Map<String, String> headers) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("tool", tool);
		event.put("arguments", arguments);
		event.put("caller", caller(caller));
		if (!headers.isEmpty()) {
			event.put("headers", headers);
		}
		return JSON.writeValueAsBytes(event);
	}

	/**
	 * The client context, as AWS's own gateway sets it, so that functions written for it
	 * find the tool where they look.
	 * @param target the target's name
	 * @param tool the tool's name within the target
	 * @return the base64 JSON client context
	 */
	static String clientContext(String target, String tool) {
		Map<String, Object> context = Map.of("custom", Map.of("bedrockAgentCoreToolName", target + "___" + tool));
		return Base64.getEncoder().encodeToString(JSON.writeValueAsString(context).getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, Object> caller(Caller caller) {
		// NOTE: the verified claims only; the caller's token is never at hand here, and
		// must never reach an upstream.
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", caller.subject());
		claims.put("username", caller.username());
		claims.put("client_id", caller.clientId());
		claims.put("scopes", new TreeSet<>(caller.scopes()));
		claims.put("groups", new TreeSet<>(caller.groups()));
		claims.put("issuer", caller.issuer());
		return claims;
	}

}
