/**
 * The application's entry point: the MCP server, or a command of the jar when its
 * arguments name one.
 */
@NullMarked
package io.github.mcpoauthgateway;

import org.jspecify.annotations.NullMarked;
