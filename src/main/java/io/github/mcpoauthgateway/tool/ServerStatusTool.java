package io.github.mcpoauthgateway.tool;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.stereotype.Component;

/**
 * Reports the health of the server process to operators: an example of a tool that only
 * members of the {@code admin} group may see and call.
 */
@Component
final class ServerStatusTool implements McpTool {

	static final String ADMIN_GROUP = "admin";

	private static final McpSchema.Tool DEFINITION = McpSchema.Tool.builder()
		.name("server_status")
		.title("Server status")
		.description("Operators only: uptime, Java version, processors and memory of the MCP server process.")
		.inputSchema(Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
		.annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
		.build();

	@Override
	public McpSchema.Tool definition() {
		return DEFINITION;
	}

	@Override
	public ToolAccess access() {
		return ToolAccess.anyCaller().inAnyGroup(ADMIN_GROUP);
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
		Runtime memory = Runtime.getRuntime();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("uptime", Duration.ofMillis(runtime.getUptime()).withNanos(0).toString());
		result.put("java_version", runtime.getSpecVersion());
		result.put("available_processors", memory.availableProcessors());
		result.put("heap_used_bytes", memory.totalMemory() - memory.freeMemory());
		result.put("heap_max_bytes", memory.maxMemory());
		return ToolResults.structured(result);
	}

}
