package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;
import java.util.List;

import io.github.mcpoauthgateway.cognito.CognitoIssuer;
import org.jspecify.annotations.Nullable;

/**
 * What the client needs from an authorization server's metadata.
 *
 * @param issuer the issuer identifier, checked against the URL it was fetched for
 * @param authorizationEndpoint where the browser signs in
 * @param tokenEndpoint where codes and refresh tokens are exchanged
 * @param codeChallengeMethods {@code code_challenge_methods_supported}, or {@code null}
 * when the document omits it (as Cognito's does)
 * @param issParameterSupported whether authorization responses carry {@code iss} (RFC
 * 9207)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 Section 2</a>
 */
public record AuthorizationServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
		@Nullable List<String> codeChallengeMethods, boolean issParameterSupported) {

	/**
	 * Whether the issuer is an Amazon Cognito user pool, which supports PKCE S256 without
	 * advertising it.
	 * @return {@code true} for {@code https://cognito-idp.<region>.amazonaws.com/<pool>}
	 */
	public boolean isCognito() {
		return CognitoIssuer.matches(this.issuer);
	}

}
