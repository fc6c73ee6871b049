package io.github.mcpoauthgateway.authserver;

import java.net.URI;

import io.github.mcpoauthgateway.mcp.McpProperties;
import io.github.mcpoauthgateway.security.CognitoProperties;
import io.github.mcpoauthgateway.security.OAuthProperties;
import io.github.mcpoauthgateway.security.ResourceServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DevModeBannerTests {

	private static ResourceServerSettings settings() {
		McpProperties mcp = new McpProperties();
		mcp.setResourceUrl(URI.create("http://localhost:8080/mcp"));
		mcp.setRequiredScopes(java.util.List.of("mcp:tools"));
		OAuthProperties oauth = new OAuthProperties();
		oauth.setIssuerUri("http://localhost:8080");
		return ResourceServerSettings.from(mcp, oauth, new CognitoProperties());
	}

	@Test
	void bannerWhenPasswordsGeneratedThenWarnsWithEverythingNeededToConnect(CapturedOutput output) {
		DemoSignInConfiguration.DevSecrets secrets = new DemoSignInConfiguration.DevSecrets("gen-user-pw",
				"gen-admin-pw", "gen-secret");
		new DevModeBanner(new DevAuthProperties(), settings(), secrets, new DevUsers("gen-user-pw", "gen-admin-pw"))
			.onApplicationEvent(null);
		assertThat(output.getOut()).contains("WARN")
			.contains("DEVELOPMENT MODE")
			.contains("http://localhost:8080/mcp")
			.contains("Issuer        http://localhost:8080")
			.contains("mcp-cli")
			.contains("mcp-confidential / secret gen-secret")
			.contains("User user     password gen-user-pw")
			.contains("User admin    password gen-admin-pw, groups [admin, users]")
			.contains("loopback only");
	}

	@Test
	void bannerWhenPasswordsConfiguredThenNamesTheVariableInsteadOfTheValue(CapturedOutput output) {
		DevAuthProperties properties = new DevAuthProperties();
		properties.setUserPassword("configured-user-pw");
		properties.setClientSecret("configured-secret");
		DemoSignInConfiguration.DevSecrets secrets = new DemoSignInConfiguration.DevSecrets("configured-user-pw",
				"gen-admin-pw", "configured-secret");
		new DevModeBanner(properties, settings(), secrets, new DevUsers("configured-user-pw", "gen-admin-pw"))
			.onApplicationEvent(null);
		assertThat(output.getOut()).contains("(from DEV_USER_PASSWORD)")
			.contains("(from DEV_CLIENT_SECRET)")
			.doesNotContain("configured-user-pw")
			.doesNotContain("configured-secret");
	}

}
