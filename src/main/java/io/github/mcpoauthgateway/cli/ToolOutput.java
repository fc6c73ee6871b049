package io.github.mcpoauthgateway.cli;

import java.io.PrintStream;
import java.util.List;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints tool lists and results for people, or as JSON for scripts.
 */
final class ToolOutput {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final PrintStream out;

	private final boolean json;

	ToolOutput(PrintStream out, boolean json) {
		this.out = out;
		this.json = json;
	}

	void tools(List<McpSchema.Tool> tools) {
		if (this.json) {
			this.out.println(JSON.writeValueAsString(tools));
			return;
		}
		int width = tools.stream().mapToInt((tool) -> tool.name().length()).max().orElse(0);
		for (McpSchema.Tool tool : tools) {
			String description = (tool.description() != null) ? tool.description() : "";
			this.out.println(String.format("%-" + width + "s  %s", tool.name(), description));
		}
	}

	/**
	 * Prints a tool result.
	 * @param result the result
	 * @return whether the tool reported success
	 */
	boolean result(McpSchema.CallToolResult result) {
		boolean failed = Boolean.TRUE.equals(result.isError());
		if (this.json) {
			this.out.println(JSON.writeValueAsString(result));
			return !failed;
		}
		for (McpSchema.Content content : result.content()) {
			if (content instanceof McpSchema.TextContent text) {
				this.out.println(prettyIfJson(text.text()));
			}
			else {
				this.out.println(JSON.writeValueAsString(content));
			}
		}
		return !failed;
	}

	private static String prettyIfJson(String text) {
		String trimmed = text.strip();
		if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
			try {
				return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(trimmed));
			}
			catch (RuntimeException ex) {
				return text;
			}
		}
		return text;
	}

}
