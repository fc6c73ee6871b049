package io.github.mcpoauthgateway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauthgateway.cli.oauth.Browser;
import org.jspecify.annotations.Nullable;

/**
 * What a command reads and writes besides its arguments, passed in so that tests can run
 * commands in-process: settings from the environment and a {@code .env} file, the
 * terminal, the browser and the clock.
 *
 * @param variables environment variables, with those of {@code .env} underneath
 * @param in the terminal's input
 * @param out where results go
 * @param err where progress and errors go
 * @param browser how to open the authorization URL
 * @param clock the current time
 * @param home the user's home directory, for the token cache
 */
public record CliEnvironment(Map<String, String> variables, BufferedReader in, PrintStream out, PrintStream err,
		Browser browser, Clock clock, Path home) {

	/**
	 * The process environment over the {@code .env} file of the working directory, if
	 * there is one (the environment wins).
	 * @param workingDirectory where to look for {@code .env}
	 * @param environment the process environment
	 * @return the merged variables
	 */
	public static Map<String, String> withDotEnv(Path workingDirectory, Map<String, String> environment) {
		Map<String, String> variables = new LinkedHashMap<>(dotEnv(workingDirectory.resolve(".env")));
		variables.putAll(environment);
		return variables;
	}

	static Map<String, String> dotEnv(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return values;
		}
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				if (trimmed.startsWith("export ")) {
					trimmed = trimmed.substring("export ".length()).strip();
				}
				int equals = trimmed.indexOf('=');
				if (equals <= 0) {
					continue;
				}
				String value = trimmed.substring(equals + 1).strip();
				if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
						|| value.startsWith("'") && value.endsWith("'"))) {
					value = value.substring(1, value.length() - 1);
				}
				values.put(trimmed.substring(0, equals).strip(), value);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return values;
	}

	@Nullable String variable(String name) {
		String value = this.variables.get(name);
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

}
