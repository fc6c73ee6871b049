package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauthgateway.cli.oauth.ClientException;
import io.github.mcpoauthgateway.cli.oauth.TerminalText;

/**
 * The {@code mcp>} prompt: list, call, whoami, help and quit against one session.
 */
final class InteractiveShell {

	private static final String HELP = """
			list                     the tools you may call
			call <tool> [<json>]     call a tool, e.g. call hash_text {"text":"hi"}
			whoami                   who the server believes you are
			help                     this help
			quit                     leave""";

	private final McpConnection connection;

	private final ToolOutput output;

	private final CliEnvironment environment;

	InteractiveShell(McpConnection connection, ToolOutput output, CliEnvironment environment) {
		this.connection = connection;
		this.output = output;
		this.environment = environment;
	}

	int run() {
		PrintStream out = this.environment.out();
		out.println("Connected. Type help for commands.");
		while (true) {
			out.print("mcp> ");
			out.flush();
			String line;
			try {
				line = this.environment.in().readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (line == null) {
				out.println();
				return 0;
			}
			List<String> words = words(line.strip());
			if (words.isEmpty()) {
				continue;
			}
			switch (words.get(0)) {
				case "quit", "exit" -> {
					return 0;
				}
				case "help", "?" -> out.println(HELP);
				default -> {
					try {
						ClientCommand.perform(this.connection, this.output, words);
					}
					catch (ClientException ex) {
						this.environment.err().println(TerminalText.safe(ex.getMessage()));
					}
				}
			}
		}
	}

	/**
	 * Splits a command line: the first two words, then the rest as one (the JSON).
	 */
	static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		String rest = line;
		while (!rest.isEmpty() && words.size() < 2) {
			int space = rest.indexOf(' ');
			if (space < 0) {
				words.add(rest);
				return words;
			}
			words.add(rest.substring(0, space));
			rest = rest.substring(space + 1).strip();
		}
		if (!rest.isEmpty()) {
			words.add(rest);
		}
		return words;
	}

}
