package io.github.mcpoauthgateway.operations;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics an operator scrapes, on the separate management port: each request moves
 * exactly the counters of its outcome, and the public port never serves them.
 */
@TestPropertySource(properties = { "management.server.port=0", "mcp.stateless=true" })
class MetricsEndpointTests extends AbstractMcpServerTests {

	private static final String VALIDATIONS = "mcp_token_validations_total";

	private static final String TOOL_CALLS = "mcp_tool_calls_seconds_count";

	@LocalManagementPort
	int managementPort;

	McpHttp management() {
		return new McpHttp(this.managementPort);
	}

	HttpResponse<String> call(String token, String tool) {
		return McpHttp.send(http().post(McpHttp.toolCall(tool, "{}")).header("Authorization", "Bearer " + token));
	}

	@Test
	void scrapeWhenValidCallThenAcceptedOnceThenCacheHitAndToolCallTimed() {
		Scrape before = Scrape.of(management());
		String token = TestAccessTokens.cognito().sign();
		assertThat(call(token, "current_time").statusCode()).isEqualTo(200);
		assertThat(call(token, "current_time").statusCode()).isEqualTo(200);
		Scrape after = Scrape.of(management());
		assertThat(after.value(VALIDATIONS, "outcome=\"accepted\"") - before.value(VALIDATIONS, "outcome=\"accepted\""))
			.isEqualTo(1);
		assertThat(
				after.value(VALIDATIONS, "outcome=\"cache_hit\"") - before.value(VALIDATIONS, "outcome=\"cache_hit\""))
			.isEqualTo(1);
		assertThat(after.value(TOOL_CALLS, "tool=\"current_time\"", "outcome=\"ok\"")
				- before.value(TOOL_CALLS, "tool=\"current_time\"", "outcome=\"ok\""))
			.isEqualTo(2);
		// A latency histogram, and no series names a subject, a client or a token.
		assertThat(after.has("mcp_tool_calls_seconds_bucket")).isTrue();
		assertThat(after.lines()).noneMatch((line) -> line.contains(token) || line.contains("alice")
				|| line.contains(TestAccessTokens.CLIENT_ID) || line.contains("2f0c6a5e"));
		// The first token's keys were fetched once, successfully.
		assertThat(after.value("mcp_jwks_fetches_total", "outcome=\"success\"")).isGreaterThanOrEqualTo(1);
		assertThat(after.value("mcp_jwks_fetches_total", "outcome=\"failure\"")).isZero();
	}

	@Test
	void scrapeWhenExpiredTokenThenExpiredOnce() {
		assertRefusalCounted(TestAccessTokens.cognito().expiresAt(Instant.now().minusSeconds(3600)).sign(), "expired");
	}

	@Test
	void scrapeWhenForgedTokenThenBadSignatureOnce() {
		// Signed with a key the issuer never published, under the published key's id.
		assertRefusalCounted(
				TestAccessTokens.cognito().signedWith(TestKeys.UNPUBLISHED).keyId(TestKeys.DEFAULT.getKeyID()).sign(),
				"bad_signature");
	}

	@Test
	void scrapeWhenWrongIssuerThenWrongIssuerOnce() {
		assertRefusalCounted(TestAccessTokens.cognito().claim("iss", "https://evil.example.test").sign(),
				"wrong_issuer");
	}

	@Test
	void scrapeWhenIdTokenThenWrongTokenUseOnce() {
		assertRefusalCounted(TestAccessTokens.cognito().claim("token_use", "id").sign(), "wrong_token_use");
	}

	@Test
	void scrapeWhenNotAJwtThenMalformedOnce() {
		assertRefusalCounted("not-a-jwt", "malformed");
	}

	@Test
	void scrapeWhenNoTokenThenMissingOnce() {
		Scrape before = Scrape.of(management());
		assertThat(McpHttp.send(http().post(McpHttp.toolCall("current_time", "{}"))).statusCode()).isEqualTo(401);
		Scrape after = Scrape.of(management());
		assertOnlyOutcomeMoved(before, after, "missing");
	}

	@Test
	void scrapeWhenToolDeniedThenDeniedCallAndToolDenialOnce() {
		Scrape before = Scrape.of(management());
		HttpResponse<String> response = call(TestAccessTokens.cognito().sign(), "server_status");
		assertThat(response.statusCode()).isEqualTo(403);
		Scrape after = Scrape.of(management());
		assertThat(after.value(TOOL_CALLS, "tool=\"server_status\"", "outcome=\"denied\"")
				- before.value(TOOL_CALLS, "tool=\"server_status\"", "outcome=\"denied\""))
			.isEqualTo(1);
		assertThat(after.value("mcp_access_denials_total", "reason=\"tool_not_allowed\"")
				- before.value("mcp_access_denials_total", "reason=\"tool_not_allowed\""))
			.isEqualTo(1);
		assertThat(after.value("mcp_access_denials_total", "reason=\"insufficient_scope\"")
				- before.value("mcp_access_denials_total", "reason=\"insufficient_scope\""))
			.isZero();
		assertThat(after.value(VALIDATIONS, "outcome=\"accepted\"") - before.value(VALIDATIONS, "outcome=\"accepted\""))
			.isEqualTo(1);
	}

	@Test
	void scrapeWhenTokenLacksEndpointScopeThenInsufficientScopeOnce() {
		Scrape before = Scrape.of(management());
		HttpResponse<String> response = call(TestAccessTokens.cognito().claim("scope", "openid").sign(),
				"current_time");
		assertThat(response.statusCode()).isEqualTo(403);
		Scrape after = Scrape.of(management());
		assertThat(after.value("mcp_access_denials_total", "reason=\"insufficient_scope\"")
				- before.value("mcp_access_denials_total", "reason=\"insufficient_scope\""))
			.isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/actuator/prometheus?format=openmetrics", "/actuator/metrics" })
	void getWhenMetricsOnPublicPortThen403(String path) {
		assertThat(McpHttp.send(http().get(path)).statusCode()).isEqualTo(403);
		assertThat(McpHttp.send(http().get(path).header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()))
			.statusCode()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/liveness", "/actuator/health/readiness" })
	void getWhenProbesOnPublicPortWithManagementPortThenStillUp(String path) {
		HttpResponse<String> response = McpHttp.send(http().get(path));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void getWhenOtherActuatorPathOnManagementPortThenRefused() {
		for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump")) {
			assertThat(McpHttp.send(management().get(path)).statusCode()).as(path).isIn(403, 404);
		}
		assertThat(McpHttp.send(management().get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
	}

	private void assertRefusalCounted(String token, String outcome) {
		Scrape before = Scrape.of(management());
		assertThat(call(token, "current_time").statusCode()).isEqualTo(401);
		Scrape after = Scrape.of(management());
		assertOnlyOutcomeMoved(before, after, outcome);
	}

	private static void assertOnlyOutcomeMoved(Scrape before, Scrape after, String outcome) {
		for (String tag : List.of("accepted", "cache_hit", "missing", "malformed", "expired", "not_yet_valid",
				"wrong_issuer", "wrong_audience", "client_not_allowed", "wrong_token_use", "invalid_claims",
				"bad_signature", "keys_unavailable")) {
			double moved = after.value(VALIDATIONS, "outcome=\"" + tag + "\"")
					- before.value(VALIDATIONS, "outcome=\"" + tag + "\"");
			assertThat(moved).as(tag).isEqualTo(tag.equals(outcome) ? 1 : 0);
		}
	}

}
