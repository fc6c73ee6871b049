package io.github.mcpoauthgateway.authserver;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One authorization request shown on the consent page, and, once approved, the approval
 * that lets exactly that request through, from the browser that approved it, once.
 *
 * @param id the random id of the consent page
 * @param request the parameters that identify the authorization request (client, redirect
 * URI, scopes, state, PKCE challenge, resource)
 * @param redirectUri the client's redirect URI for this request, already validated
 * @param authorizeUrl the authorization request to resume, relative to this server
 * @param clientName the name to show
 * @param verifiedHost the host that vouches for the client, for a metadata document
 * client, else {@code null}
 * @param browser the id of the approving browser's cookie, once approved
 * @param expiresAt when the page or the approval expires
 */
record ConsentRecord(String id, Map<String, String> request, String redirectUri, String authorizeUrl, String clientName,
		@Nullable String verifiedHost, @Nullable String browser, Instant expiresAt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	boolean approved() {
		return this.browser != null;
	}

}
