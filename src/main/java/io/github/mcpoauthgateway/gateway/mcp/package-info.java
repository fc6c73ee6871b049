/**
 * The gateway's MCP target: an upstream MCP server, over streamable HTTP or a supervised
 * stdio process, whose tools are served behind this server's protection.
 */
@NullMarked
package io.github.mcpoauthgateway.gateway.mcp;

import org.jspecify.annotations.NullMarked;
