/**
 * MCP tools: one class per tool, free of HTTP and OAuth types; each declares the scopes
 * and groups it needs.
 */
@NullMarked
package io.github.mcpoauthgateway.tool;

import org.jspecify.annotations.NullMarked;
