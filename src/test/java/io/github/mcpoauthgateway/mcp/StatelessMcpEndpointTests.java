package io.github.mcpoauthgateway.mcp;

import org.springframework.test.context.TestPropertySource;

/**
 * The endpoint on the stateless streamable HTTP transport, for replicas behind a load
 * balancer without sticky sessions.
 */
@TestPropertySource(properties = "mcp.stateless=true")
class StatelessMcpEndpointTests extends AbstractMcpEndpointTests {

}
