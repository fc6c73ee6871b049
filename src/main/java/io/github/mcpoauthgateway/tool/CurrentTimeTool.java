package io.github.mcpoauthgateway.tool;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tells the current time in a time zone: models rarely know it, and often need it.
 */
@Component
final class CurrentTimeTool implements McpTool {

	private static final McpSchema.Tool DEFINITION = McpSchema.Tool.builder()
		.name("current_time")
		.title("Current time")
		.description("Returns the current date and time in an IANA time zone (UTC when none is given).")
		.inputSchema(Map.of("type", "object", "properties",
				Map.of("timezone",
						Map.of("type", "string", "description",
								"IANA time zone, for example Europe/Paris or Asia/Tokyo")),
				"additionalProperties", false))
		.annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
		.build();

	private final Clock clock;

	@Autowired
	CurrentTimeTool() {
		this(Clock.systemUTC());
	}

	CurrentTimeTool(Clock clock) {
		this.clock = clock;
	}

	@Override
	public McpSchema.Tool definition() {
		return DEFINITION;
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		ZoneId zone = zone(arguments.get("timezone"));
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(zone));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("timezone", zone.getId());
		result.put("iso8601", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		result.put("utc_offset", now.getOffset().getId());
		result.put("day_of_week", now.getDayOfWeek().toString());
		result.put("epoch_seconds", now.toEpochSecond());
		return ToolResults.structured(result);
	}

	private static ZoneId zone(@Nullable Object argument) {
		if (argument == null) {
			return ZoneId.of("UTC");
		}
		if (!(argument instanceof String name) || name.isBlank()) {
			throw new IllegalArgumentException("timezone must be a non-empty string");
		}
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("Unknown time zone; use an IANA name such as "
					+ String.join(" or ", List.of("UTC", "Europe/Paris", "Asia/Tokyo")));
		}
	}

}
