/**
 * The command line of the same jar: {@code client}, an MCP client that signs in with
 * OAuth as a pre-registered client; {@code cognito setup} and {@code teardown}; and
 * {@code keys generate}, the key material of bridge mode.
 */
@NullMarked
package io.github.mcpoauthgateway.cli;

import org.jspecify.annotations.NullMarked;
