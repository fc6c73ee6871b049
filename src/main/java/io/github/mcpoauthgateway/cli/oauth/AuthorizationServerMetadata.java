package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

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

	private static final Pattern COGNITO_ISSUER = Pattern
		.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9-]+_[A-Za-z0-9]+");

	/**
	 * Whether the issuer is an Amazon Cognito user pool, which supports PKCE S256 without
	 * advertising it.
	 * @return {@code true} for {@code https://cognito-idp.<region>.amazonaws.com/<pool>}
	 */
	public boolean isCognito() {
		return COGNITO_ISSUER.matcher(this.issuer).matches();
	}

}
