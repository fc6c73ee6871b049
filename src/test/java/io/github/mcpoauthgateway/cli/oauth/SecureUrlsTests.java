package io.github.mcpoauthgateway.cli.oauth;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecureUrlsTests {

	@ParameterizedTest
	@CsvSource({ "https://mcp.example.com/mcp, true", "HTTPS://mcp.example.com/mcp, true",
			"http://127.0.0.1:8080/mcp, true", "http://[::1]:8080/mcp, true", "http://localhost:8080/mcp, true",
			"http://LOCALHOST/mcp, true", "http://mcp.example.com/mcp, false", "http://127.0.0.2/mcp, false",
			"http://localhost.example.com/mcp, false", "http://[::ffff:127.0.0.1]/mcp, false",
			"ftp://localhost/mcp, false", "https:/mcp, false" })
	void isSecureWhenUrlThenOnlyHttpsOrLoopbackHttp(String url, boolean secure) {
		assertThat(SecureUrls.isSecure(URI.create(url))).isEqualTo(secure);
	}

	@Test
	void requireWhenPlainHttpToAnotherHostThenSaysWhatAndWhy() {
		assertThatExceptionOfType(ClientException.class)
			.isThrownBy(() -> SecureUrls.require(URI.create("http://login.example.com/token"), "The token endpoint"))
			.withMessageStartingWith("The token endpoint http://login.example.com/token does not use https");
	}

}
