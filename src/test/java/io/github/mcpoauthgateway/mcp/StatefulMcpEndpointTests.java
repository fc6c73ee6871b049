package io.github.mcpoauthgateway.mcp;

/**
 * The endpoint on the stateful streamable HTTP transport (the default).
 */
class StatefulMcpEndpointTests extends AbstractMcpEndpointTests {

}
