package io.github.mcpoauthgateway.security;

import java.net.URI;
import java.util.List;

import io.github.mcpoauthgateway.mcp.McpProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResourceServerSettingsTests {

	private final McpProperties mcp = new McpProperties();

	{
		this.mcp.setRequiredScopes(List.of("mcp:tools"));
	}

	private final OAuthProperties oauth = new OAuthProperties();

	private final CognitoProperties cognito = new CognitoProperties();

	@Test
	void fromWhenCognitoRegionAndPoolThenIssuerAndJwksDerived() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.cognito.setRegion("eu-west-1");
		this.cognito.setUserPoolId("eu-west-1_AbC123");
		ResourceServerSettings settings = ResourceServerSettings.from(this.mcp, this.oauth, this.cognito);
		assertThat(settings.issuer()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
		assertThat(settings.jwksUri())
			.hasToString("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json");
	}

	@Test
	void fromWhenJwksUriSetThenItOverridesTheDefault() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.oauth.setIssuerUri("https://issuer.example.com");
		this.oauth.setJwksUri(URI.create("https://keys.example.com/jwks"));
		assertThat(ResourceServerSettings.from(this.mcp, this.oauth, this.cognito).jwksUri())
			.hasToString("https://keys.example.com/jwks");
	}

	@Test
	void fromWhenScopesAndClientsHaveBlanksThenTrimmedInOrder() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.mcp.setRequiredScopes(List.of(" b ", "a", ""));
		this.oauth.setIssuerUri("https://issuer.example.com");
		this.oauth.setAllowedClientIds(List.of(" client-1", ""));
		ResourceServerSettings settings = ResourceServerSettings.from(this.mcp, this.oauth, this.cognito);
		assertThat(settings.endpoint().requiredScopes()).containsExactly("b", "a");
		assertThat(settings.allowedClientIds()).containsExactly("client-1");
	}

	@Test
	void fromWhenNothingSetThenOneExceptionNamingEveryVariable() {
		McpProperties nothing = new McpProperties();
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> ResourceServerSettings.from(nothing, this.oauth, this.cognito))
			.satisfies((ex) -> assertThat(ex.getProblems()).hasSize(3)
				.anySatisfy((problem) -> assertThat(problem).startsWith("MCP_RESOURCE_URL"))
				.anySatisfy((problem) -> assertThat(problem).startsWith("OAUTH_ISSUER_URI"))
				.anySatisfy((problem) -> assertThat(problem).startsWith("MCP_REQUIRED_SCOPES")));
	}

	@Test
	void fromWhenNoRequiredScopeThenRefusedNamingTheSetting() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.mcp.setRequiredScopes(List.of(" ", ""));
		this.oauth.setIssuerUri("https://issuer.example.com");
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> ResourceServerSettings.from(this.mcp, this.oauth, this.cognito))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.startsWith("MCP_REQUIRED_SCOPES (mcp.required-scopes) is not set"));
	}

	@Test
	void fromWhenOnlyRegionSetThenIssuerMissing() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.cognito.setRegion("us-east-1");
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> ResourceServerSettings.from(this.mcp, this.oauth, this.cognito))
			.satisfies(
					(ex) -> assertThat(ex.getProblems()).singleElement().asString().contains("COGNITO_USER_POOL_ID"));
	}

	@Test
	void fromWhenIssuerAndCognitoDisagreeThenRefused() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.oauth.setIssuerUri("https://issuer.example.com");
		this.cognito.setRegion("us-east-1");
		this.cognito.setUserPoolId("us-east-1_Abc");
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> ResourceServerSettings.from(this.mcp, this.oauth, this.cognito))
			.withMessageContaining("name different issuers");
	}

	@Test
	void fromWhenResourceUrlHasTrailingSlashThenRefused() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp/"));
		this.oauth.setIssuerUri("https://issuer.example.com");
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> ResourceServerSettings.from(this.mcp, this.oauth, this.cognito))
			.withMessageContaining("MCP_RESOURCE_URL (mcp.resource-url) must not end with a slash");
	}

	@Test
	void fromWhenIssuerIsNotAUrlThenRefused() {
		this.mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		this.oauth.setIssuerUri("us-east-1_Abc");
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> ResourceServerSettings.from(this.mcp, this.oauth, this.cognito))
			.withMessageContaining("must be an http(s) URL");
	}

}
