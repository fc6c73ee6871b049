/**
 * The command line of the same jar: {@code client}, an MCP client that signs in with
 * OAuth as a pre-registered client.
 */
@NullMarked
package io.github.mcpoauthgateway.cli;

import org.jspecify.annotations.NullMarked;
