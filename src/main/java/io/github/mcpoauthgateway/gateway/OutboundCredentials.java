package io.github.mcpoauthgateway.gateway;

import java.util.Map;

import io.github.mcpoauthgateway.tool.Caller;

/**
 * The headers a target's outbound request carries: never the caller's access token (the
 * MCP specification forbids passing it through), but the target's own credential (a
 * static header, a client-credentials token) and optionally a short-lived JWT, signed by
 * this server, naming the verified caller.
 */
@FunctionalInterface
public interface OutboundCredentials {

	/** No credential. */
	OutboundCredentials NONE = (caller) -> Map.of();

	/**
	 * The headers for one outbound request made for the caller.
	 * @param caller the verified caller of the tool
	 * @return header names and values, possibly empty
	 */
	Map<String, String> headers(Caller caller);

}
