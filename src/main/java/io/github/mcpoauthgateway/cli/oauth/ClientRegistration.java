package io.github.mcpoauthgateway.cli.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The pre-registered OAuth client this CLI acts as.
 *
 * @param clientId the client id
 * @param clientSecret the secret of a confidential client, or {@code null} for a public
 * one
 * @param authMethod how a confidential client authenticates at the token endpoint
 */
public record ClientRegistration(String clientId, @Nullable String clientSecret, AuthMethod authMethod) {

	/**
	 * Token endpoint client authentication.
	 */
	public enum AuthMethod {

		/** HTTP Basic ({@code client_secret_basic}). */
		BASIC,
		/** Form parameters ({@code client_secret_post}). */
		POST

	}

	/**
	 * Adds this client's identification to a token request.
	 * @param form the request's form parameters
	 * @return the request headers to add
	 */
	Map<String, String> authenticate(Map<String, String> form) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (this.clientSecret == null) {
			form.put("client_id", this.clientId);
		}
		else if (this.authMethod == AuthMethod.POST) {
			form.put("client_id", this.clientId);
			form.put("client_secret", this.clientSecret);
		}
		else {
			// RFC 6749 Section 2.3.1: both parts are form-encoded before Basic encoding.
			String credentials = HttpJson.encode(this.clientId) + ":" + HttpJson.encode(this.clientSecret);
			headers.put("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return headers;
	}

}
