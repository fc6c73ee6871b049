/**
 * Gateway targets: OpenAPI-described APIs, Lambda functions and upstream MCP servers
 * declared in configuration and served as namespaced tools (and an MCP server's prompts,
 * resources and completions) behind this server's protection, each with its own access
 * rule, credentials, limits and health.
 */
@NullMarked
package io.github.mcpoauthgateway.gateway;

import org.jspecify.annotations.NullMarked;
