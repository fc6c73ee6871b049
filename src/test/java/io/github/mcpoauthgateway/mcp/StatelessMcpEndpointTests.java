package io.github.mcpoauthgateway.mcp;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint on the stateless streamable HTTP transport, for replicas behind a load
 * balancer without sticky sessions.
 */
@TestPropertySource(properties = "mcp.stateless=true")
class StatelessMcpEndpointTests extends AbstractMcpEndpointTests {

	@Test
	void callWhenJsonAnswerThenSentWholeWithContentLength() {
		HttpResponse<String> response = McpHttp
			.send(new McpHttp(this.port).post(McpHttp.toolCall("hash_text", "{\"text\":\"abc\"}"))
				.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(response.headers().firstValueAsLong("Content-Length"))
			.hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(response.body()).contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
