package io.github.mcpoauthgateway.tool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SuppressWarnings("unchecked")
class CurrentTimeToolTests {

	private static final Caller CALLER = new Caller("iss", "sub", null, null, Set.of(), Set.of(), null);

	private final CurrentTimeTool tool = new CurrentTimeTool(
			Clock.fixed(Instant.parse("2026-11-26T04:39:54Z"), ZoneOffset.UTC));

	@Test
	void callWhenNoTimezoneThenUtc() {
		McpSchema.CallToolResult result = this.tool.call(CALLER, Map.of());
		assertThat((Map<String, Object>) result.structuredContent()).containsEntry("timezone", "UTC")
			.containsEntry("iso8601", "2026-11-26T04:39:54Z")
			.containsEntry("day_of_week", "THURSDAY")
			.containsEntry("epoch_seconds", 1795667994L);
	}

	@Test
	void callWhenTimezoneThenLocalTimeWithOffset() {
		McpSchema.CallToolResult result = this.tool.call(CALLER, Map.of("timezone", "Asia/Tokyo"));
		assertThat((Map<String, Object>) result.structuredContent()).containsEntry("iso8601",
				"2026-11-26T13:39:54+09:00");
	}

	@Test
	void callWhenUnknownTimezoneThenIllegalArgumentNamingNoInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tool.call(CALLER, Map.of("timezone", "../../etc")))
			.withMessageStartingWith("Unknown time zone")
			.withMessageNotContaining("etc");
	}

	@Test
	void callWhenTimezoneNotAStringThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tool.call(CALLER, Map.of("timezone", 42)));
	}

}
