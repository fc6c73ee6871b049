package io.github.mcpoauthgateway.mcp;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalResourceTests {

	@Test
	void ofWhenHttpsUrlThenMetadataUrlIsPathSuffixed() {
		CanonicalResource resource = CanonicalResource.of(URI.create("https://mcp.example.com/mcp"));
		assertThat(resource.url()).isEqualTo("https://mcp.example.com/mcp");
		assertThat(resource.origin()).isEqualTo("https://mcp.example.com");
		assertThat(resource.metadataUrl())
			.isEqualTo("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
		assertThat(resource.isPlainHttp()).isFalse();
	}

	@Test
	void ofWhenUppercaseSchemeAndHostThenLowercased() {
		CanonicalResource resource = CanonicalResource.of(URI.create("HTTPS://MCP.Example.COM:8443/Tools/MCP"));
		assertThat(resource.url()).isEqualTo("https://mcp.example.com:8443/Tools/MCP");
		assertThat(resource.metadataUrl())
			.isEqualTo("https://mcp.example.com:8443/.well-known/oauth-protected-resource/Tools/MCP");
	}

	@Test
	void ofWhenLocalHttpThenAcceptedAndFlagged() {
		assertThat(CanonicalResource.of(URI.create("http://localhost:8080/mcp")).isPlainHttp()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/mcp", "mcp.example.com/mcp", "ftp://mcp.example.com/mcp", "https://mcp.example.com/mcp/",
			"https://mcp.example.com/mcp?x=1", "https://mcp.example.com/mcp#top", "https://user:pw@mcp.example.com/mcp",
			"file:///etc/passwd" })
	void ofWhenNotACanonicalResourceUrlThenIllegalArgument(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalResource.of(URI.create(url)));
	}

}
