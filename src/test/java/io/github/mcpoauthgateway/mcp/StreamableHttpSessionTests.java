package io.github.mcpoauthgateway.mcp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateful transport's session life cycle over raw HTTP: the GET event stream and
 * DELETE.
 */
class StreamableHttpSessionTests extends AbstractMcpServerTests {

	private final String token = TestAccessTokens.cognito().sign();

	private String startSession() {
		HttpResponse<String> initialized = McpHttp
			.send(http().post(McpHttp.INITIALIZE).header("Authorization", "Bearer " + this.token));
		String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		McpHttp.send(http().post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
			.header("Authorization", "Bearer " + this.token)
			.header("Mcp-Session-Id", session));
		return session;
	}

	@Test
	void getWhenOwnSessionThenEventStreamWithKeepAlivePings() throws Exception {
		String session = startSession();
		HttpResponse<InputStream> stream = HttpClient.newHttpClient()
			.sendAsync(http().get("/mcp")
				.header("Accept", "text/event-stream")
				.header("Authorization", "Bearer " + this.token)
				.header("Mcp-Session-Id", session)
				.build(), HttpResponse.BodyHandlers.ofInputStream())
			.get(10, TimeUnit.SECONDS);
		try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			String line;
			do {
				line = events.readLine();
			}
			while (line != null && !line.startsWith("data:"));
			assertThat(line).contains("\"method\":\"ping\"");
		}
	}

	@Test
	void deleteWhenOwnSessionThenEndedAndLaterRequestsGet404() {
		String session = startSession();
		HttpResponse<String> deleted = McpHttp.send(http().get("/mcp")
			.DELETE()
			.header("Authorization", "Bearer " + this.token)
			.header("Mcp-Session-Id", session));
		assertThat(deleted.statusCode()).isEqualTo(200);
		HttpResponse<String> after = McpHttp.send(http().post(McpHttp.TOOLS_LIST)
			.header("Authorization", "Bearer " + this.token)
			.header("Mcp-Session-Id", session));
		assertThat(after.statusCode()).isEqualTo(404);
		assertThat(after.body()).doesNotContain(session).doesNotContain("Exception");
	}

}
