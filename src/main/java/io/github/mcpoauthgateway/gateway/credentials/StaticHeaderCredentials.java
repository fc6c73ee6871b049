package io.github.mcpoauthgateway.gateway.credentials;

import java.util.Map;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.tool.Caller;
import org.jspecify.annotations.Nullable;

/**
 * One header with a value read from the environment at start, such as an API key.
 */
final class StaticHeaderCredentials implements OutboundCredentials {

	private final Map<String, String> headers;

	StaticHeaderCredentials(String name, String value) {
		this.headers = Map.of(name, value);
	}

	@Override
	public Map<String, String> headers(@Nullable Caller caller) {
		return this.headers;
	}

}
