package io.github.mcpoauthgateway.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * An authorization server running in this process (the bridge), whose tokens the MCP
 * endpoint accepts with keys held in memory, and which the protected resource metadata
 * names as the authorization server clients should use.
 *
 * @param issuer the issuer identifier
 * @param keys its published signing keys
 */
public record EmbeddedIssuer(String issuer, JWKSource<SecurityContext> keys) {

}
