package io.github.mcpoauthgateway;

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
		SpringApplication.run(McpOAuthGatewayApplication.class, args);
	}

}
