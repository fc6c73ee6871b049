package io.github.mcpoauthgateway.gateway.credentials;

import java.util.Map;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.tool.Caller;

/**
 * One header with a value read from the environment at start, such as an API key.
 */
final class StaticHeaderCredentials implements OutboundCredentials {

	private final Map<String, String> headers;

	StaticHeaderCredentials(String name, String value) {
		this.headers = Map.of(name, value);
	}

	@Override
	public Map<String, String> headers(Caller caller) {
		return this.headers;
	}

}
