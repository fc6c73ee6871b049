/**
 * MCP transport wiring: the streamable HTTP endpoint, origin checks, session binding and
 * the verified caller handed to tools.
 */
@NullMarked
package io.github.mcpoauthgateway.mcp;

import org.jspecify.annotations.NullMarked;
