package io.github.mcpoauthgateway.security;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728 discovery as an MCP client walks it: 401, then the metadata document the
 * challenge names, with every advertised URL the canonical public one.
 */
class ProtectedResourceMetadataTests extends AbstractMcpServerTests {

	private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

	@Test
	void discoveryWhenUnauthenticatedThenChallengeLeadsToMetadataOfThisResource() {
		HttpResponse<String> challenge = McpHttp.send(http().post(McpHttp.INITIALIZE));
		Matcher matcher = RESOURCE_METADATA.matcher(challenge.headers().firstValue("WWW-Authenticate").orElseThrow());
		assertThat(matcher.find()).isTrue();
		URI metadataUrl = URI.create(matcher.group(1));
		assertThat(metadataUrl).hasToString(METADATA_URL);

		HttpResponse<String> metadata = McpHttp.send(http().get(metadataUrl.getPath()));

		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(json(metadata)).containsEntry("resource", TestAccessTokens.RESOURCE)
			.containsEntry("authorization_servers", List.of(TestAccessTokens.ISSUER))
			.containsEntry("scopes_supported", List.of("mcp:tools", "mcp:admin"))
			.containsEntry("bearer_methods_supported", List.of("header"))
			.containsEntry("resource_name", "MCP OAuth Gateway")
			.containsEntry("tls_client_certificate_bound_access_tokens", false);
	}

	@Test
	void getRootMetadataThenSameDocumentAsPathSuffixed() {
		Map<String, Object> root = json(McpHttp.send(http().get("/.well-known/oauth-protected-resource")));
		Map<String, Object> suffixed = json(McpHttp.send(http().get("/.well-known/oauth-protected-resource/mcp")));
		assertThat(root).isEqualTo(suffixed).containsEntry("resource", TestAccessTokens.RESOURCE);
	}

	@Test
	void getMetadataWhenBehindTlsTerminatingProxyThenHttpsUrls() {
		HttpResponse<String> metadata = McpHttp.send(http().get("/.well-known/oauth-protected-resource/mcp")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "mcp.example.test")
			.header("X-Forwarded-Port", "443"));
		assertThat(json(metadata)).containsEntry("resource", "https://mcp.example.test/mcp");
		HttpResponse<String> challenge = McpHttp.send(http().post(McpHttp.INITIALIZE)
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "mcp.example.test")
			.header("X-Forwarded-Port", "443"));
		assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\"");
	}

	@Test
	void getMetadataWhenForwardedHostIsForgedThenAdvertisedUrlsStayCanonical() {
		HttpResponse<String> metadata = McpHttp.send(http().get("/.well-known/oauth-protected-resource/mcp")
			.header("X-Forwarded-Proto", "http")
			.header("X-Forwarded-Host", "attacker.example"));
		assertThat(metadata.body()).doesNotContain("attacker.example").doesNotContain("http://");
		HttpResponse<String> challenge = McpHttp
			.send(http().post(McpHttp.INITIALIZE).header("X-Forwarded-Host", "attacker.example"));
		assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("attacker.example");
	}

	@Test
	void getMetadataWhenCalledFromBrowserThenReadableFromAnyOrigin() {
		HttpResponse<String> metadata = McpHttp
			.send(http().get("/.well-known/oauth-protected-resource/mcp").header("Origin", "https://app.example"));
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
	}

	@Test
	void preflightWhenOriginAllowedThenMcpHeadersAllowedAndExposed() {
		HttpResponse<String> preflight = McpHttp.send(http().get("/mcp")
			.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
			.header("Origin", "http://localhost:6274")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers",
					"authorization, content-type, mcp-session-id, mcp-protocol-version"));
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
			.contains("authorization", "mcp-session-id", "mcp-protocol-version");
	}

	@Test
	void preflightWhenOriginNotAllowedThen403() {
		HttpResponse<String> preflight = McpHttp.send(http().get("/mcp")
			.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST"));
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

}
