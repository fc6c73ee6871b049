package io.github.mcpoauthgateway.gateway;

import java.util.Map;

import io.github.mcpoauthgateway.tool.Caller;
import org.jspecify.annotations.Nullable;

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
	 * @param caller the verified caller of the tool; {@code null} for the gateway's own
	 * requests (an MCP target's initialize, tool listing, pings), which carry the
	 * target's credential but no caller
	 * @return header names and values, possibly empty
	 */
	Map<String, String> headers(@Nullable Caller caller);

}
