/**
 * The embedded authorization server that MCP clients see: dynamic client registration,
 * client ID metadata documents, consent before sign-in, and tokens shaped like Amazon
 * Cognito's. It signs in the demo users of the local stack ({@code dev.enabled}), or
 * Cognito users in bridge mode ({@code bridge.enabled}); off otherwise.
 */
@NullMarked
package io.github.mcpoauthgateway.authserver;

import org.jspecify.annotations.NullMarked;
