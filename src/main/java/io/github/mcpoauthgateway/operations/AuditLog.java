package io.github.mcpoauthgateway.operations;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauthgateway.mcp.ToolCallOutcome;
import io.github.mcpoauthgateway.tool.Caller;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one JSON object per line on the {@value #LOGGER} logger: who did what, how it
 * ended, how long it took and the request id. Only fixed names, identifiers and outcomes
 * are written: never a token, a code, a secret, a tool argument or a result.
 */
final class AuditLog {

	static final String LOGGER = "mcp.audit";

	private static final Log logger = LogFactory.getLog(LOGGER);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Clock clock;

	AuditLog(Clock clock) {
		this.clock = clock;
	}

	void toolCall(String tool, @Nullable Caller caller, ToolCallOutcome outcome, long nanos) {
		Map<String, Object> line = line("tool_call", outcome.tag());
		if (caller != null) {
			line.put("sub", caller.subject());
			putIfPresent(line, "client_id", caller.clientId());
		}
		line.put("tool", tool);
		line.put("latency_ms", nanos / 1_000_000.0);
		write(line);
	}

	void signIn(String outcome, @Nullable String subject, @Nullable String method) {
		Map<String, Object> line = line("sign_in", outcome);
		putIfPresent(line, "sub", subject);
		putIfPresent(line, "method", method);
		write(line);
	}

	void registration(String outcome, @Nullable String clientId, @Nullable String error) {
		Map<String, Object> line = line("registration", outcome);
		putIfPresent(line, "client_id", clientId);
		putIfPresent(line, "error", error);
		write(line);
	}

	void tokenGrant(String outcome, String grantType, @Nullable String clientId, @Nullable String error) {
		Map<String, Object> line = line("token_grant", outcome);
		line.put("grant_type", grantType);
		putIfPresent(line, "client_id", clientId);
		putIfPresent(line, "error", error);
		write(line);
	}

	private Map<String, Object> line(String event, String outcome) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("time", this.clock.instant().toString());
		line.put("event", event);
		line.put("outcome", outcome);
		putIfPresent(line, "request_id", MDC.get(RequestIdFilter.MDC_KEY));
		return line;
	}

	private static void putIfPresent(Map<String, Object> line, String name, @Nullable String value) {
		if (value != null) {
			line.put(name, value);
		}
	}

	private static void write(Map<String, Object> line) {
		if (logger.isInfoEnabled()) {
			logger.info(JSON.writeValueAsString(line));
		}
	}

}
