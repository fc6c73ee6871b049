package io.github.mcpoauthgateway;

import io.github.mcpoauthgateway.cli.GatewayCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A remote MCP server that is an OAuth 2.1 protected resource.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class McpOAuthGatewayApplication {

	public static void main(String[] args) {
		if (GatewayCli.handles(args)) {
			// A command (such as the MCP client) runs without starting the server.
			System.exit(GatewayCli.run(args));
		}
		SpringApplication.run(McpOAuthGatewayApplication.class, args);
	}

}
