/**
 * The client side of MCP authorization for a pre-registered client: discovery from the
 * 401 challenge, authorization code with PKCE through the system browser and a loopback
 * redirect, resource indicators, and a per-user token cache.
 */
@NullMarked
package io.github.mcpoauthgateway.cli.oauth;

import org.jspecify.annotations.NullMarked;
