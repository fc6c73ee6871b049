package io.github.mcpoauthgateway.gateway.credentials;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.tool.Caller;
import org.jspecify.annotations.Nullable;

/**
 * The headers of several credentials together, such as a client-credentials token and the
 * caller JWT.
 */
final class CompositeCredentials implements OutboundCredentials {

	private final List<OutboundCredentials> credentials;

	CompositeCredentials(List<OutboundCredentials> credentials) {
		this.credentials = List.copyOf(credentials);
	}

	@Override
	public Map<String, String> headers(@Nullable Caller caller) {
		Map<String, String> headers = new LinkedHashMap<>();
		this.credentials.forEach((credential) -> headers.putAll(credential.headers(caller)));
		return headers;
	}

}
