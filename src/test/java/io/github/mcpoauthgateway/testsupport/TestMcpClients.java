package io.github.mcpoauthgateway.testsupport;

import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

/**
 * The SDK's own MCP client over streamable HTTP, sending a bearer token on every request.
 */
public final class TestMcpClients {

	private TestMcpClients() {
	}

	public static McpSyncClient connect(int port, String accessToken) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://127.0.0.1:" + port)
			.endpoint("/mcp")
			.httpRequestCustomizer(
					(request, method, uri, body, context) -> request.header("Authorization", "Bearer " + accessToken))
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
		client.initialize();
		return client;
	}

}
