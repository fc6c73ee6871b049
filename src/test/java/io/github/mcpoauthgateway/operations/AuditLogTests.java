package io.github.mcpoauthgateway.operations;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One JSON line per tool call on the audit logger, with the request id the response
 * echoes, and never the token or an argument.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "mcp.stateless=true", "mcp.audit.enabled=true" })
class AuditLogTests extends AbstractMcpServerTests {

	static final String SUBJECT = "2f0c6a5e-1b7d-4c39-9c55-alice0000001";

	static List<Map<String, Object>> auditLines(CapturedOutput output, String event) {
		return output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains("\"event\":\"" + event + "\""))
			.map(AuditLogTests::json)
			.toList();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(String line) {
		return JsonMapper.shared().readValue(line, Map.class);
	}

	HttpResponse<String> call(String token, String tool, String arguments, String requestId) {
		return McpHttp.send(http().post(McpHttp.toolCall(tool, arguments))
			.header("Authorization", "Bearer " + token)
			.header("X-Request-Id", requestId));
	}

	@Test
	void toolCallWhenOkThenOneJsonLineWithCallerToolOutcomeLatencyAndRequestId(CapturedOutput output) {
		String token = TestAccessTokens.cognito().sign();
		HttpResponse<String> response = call(token, "hash_text", "{\"text\":\"top-secret-argument\"}", "req-0001.test");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-0001.test");
		assertThat(auditLines(output, "tool_call")).singleElement().satisfies((line) -> {
			assertThat(line).containsOnlyKeys("time", "event", "outcome", "request_id", "sub", "client_id", "tool",
					"latency_ms");
			assertThat(line).containsEntry("outcome", "ok")
				.containsEntry("request_id", "req-0001.test")
				.containsEntry("sub", SUBJECT)
				.containsEntry("client_id", TestAccessTokens.CLIENT_ID)
				.containsEntry("tool", "hash_text");
			assertThat(((Number) line.get("latency_ms")).doubleValue()).isGreaterThanOrEqualTo(0);
			assertThat((String) line.get("time")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		});
		assertThat(output.getOut()).doesNotContain(token).doesNotContain("top-secret-argument");
	}

	@Test
	void toolCallWhenDeniedThenDeniedLineAndNoToken(CapturedOutput output) {
		String token = TestAccessTokens.cognito().sign();
		assertThat(call(token, "server_status", "{}", "req-denied").statusCode()).isEqualTo(403);
		assertThat(auditLines(output, "tool_call")).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("outcome", "denied")
				.containsEntry("tool", "server_status")
				.containsEntry("request_id", "req-denied")
				.containsEntry("latency_ms", 0.0));
		assertThat(output.getOut()).doesNotContain(token);
	}

	@Test
	void toolCallWhenTokenLacksEndpointScopeThenNoToolLineAndNameNotEchoed(CapturedOutput output) {
		// Refused before any tool is looked at: the client's tool name reaches neither a
		// metric tag nor the log.
		String token = TestAccessTokens.cognito().claim("scope", "openid").sign();
		HttpResponse<String> response = call(token, "evil\\u0022name", "{}", "req-unknown");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(auditLines(output, "tool_call")).isEmpty();
		assertThat(output.getOut()).doesNotContain("evil");
	}

	@Test
	void requestIdWhenMissingOrNotPlainThenGeneratedAndEchoed(CapturedOutput output) {
		String token = TestAccessTokens.cognito().sign();
		HttpResponse<String> response = call(token, "current_time", "{}", "has space{}" + "x".repeat(80));
		String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(generated).matches("[0-9a-f]{32}");
		assertThat(auditLines(output, "tool_call")).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("request_id", generated));
		assertThat(McpHttp.send(http().get("/actuator/health")).headers().firstValue("X-Request-Id")).isPresent();
	}

}
