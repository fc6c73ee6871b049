package io.github.mcpoauthgateway.cli;

import java.io.PrintStream;
import java.util.List;

import io.github.mcpoauthgateway.cli.oauth.TerminalText;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints tool lists and results for people, or as JSON for scripts. What the server sent
 * never reaches the terminal with control characters: they are removed from text for
 * people, and escaped in JSON.
 */
final class ToolOutput {

	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new ControlEscapes()).build())
		.build();

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
		List<String> names = tools.stream().map((tool) -> TerminalText.safe(tool.name())).toList();
		int width = names.stream().mapToInt(String::length).max().orElse(0);
		for (int i = 0; i < tools.size(); i++) {
			this.out.println(
					String.format("%-" + width + "s  %s", names.get(i), TerminalText.safe(tools.get(i).description())));
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
				this.out.println(TerminalText.safe(prettyIfJson(text.text())));
			}
			else {
				this.out.println(TerminalText.safe(JSON.writeValueAsString(content)));
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

	/**
	 * Escapes DEL and the C1 controls as well as what JSON requires: by default they are
	 * written as they are, and a terminal may act on them.
	 */
	private static final class ControlEscapes extends CharacterEscapes {

		private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

		ControlEscapes() {
			this.ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.ascii;
		}

		@Override
		public @Nullable SerializableString getEscapeSequence(int ch) {
			return (ch >= 0x80 && ch <= 0x9f) ? new SerializedString(String.format("\\u%04X", ch)) : null;
		}

	}

}
