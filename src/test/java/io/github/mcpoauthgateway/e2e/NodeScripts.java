package io.github.mcpoauthgateway.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the client scripts of {@code src/test/node} (installed by
 * {@code npm ci --prefix src/test/node}) with the {@code node} on the PATH, and reports
 * the tests that need them as skipped, saying why, when node or the packages are missing.
 */
final class NodeScripts {

	static final Path DIRECTORY = Path.of("src/test/node").toAbsolutePath();

	static final Path NODE_MODULES = DIRECTORY.resolve("node_modules");

	static final String INSTALL = "run 'npm ci --prefix src/test/node' to install the end-to-end clients";

	private static final int MINIMUM_NODE_MAJOR = 20;

	private static volatile String nodeVersion;

	private NodeScripts() {
	}

	/**
	 * Skips the calling test unless node (20 or newer) is on the PATH and the given npm
	 * packages are installed in {@code src/test/node/node_modules}.
	 * @param packages npm package names
	 */
	static void assumeInstalled(String... packages) {
		String version = nodeVersion();
		assumeTrue(version != null, "node is not on the PATH: the end-to-end client tests need Node.js "
				+ MINIMUM_NODE_MAJOR + " or newer; then " + INSTALL);
		assumeTrue(major(version) >= MINIMUM_NODE_MAJOR, "node " + version
				+ " is too old: the end-to-end client tests need Node.js " + MINIMUM_NODE_MAJOR + " or newer");
		for (String name : packages) {
			assumeTrue(Files.isRegularFile(NODE_MODULES.resolve(name).resolve("package.json")),
					"npm package " + name + " is not installed in " + NODE_MODULES + ": " + INSTALL);
		}
	}

	/**
	 * Skips the calling test unless the Node 22 binary of the npm package {@code node} is
	 * installed (the conformance suite needs it).
	 */
	static void assumeNode22Installed() {
		assumeInstalled("node", "@modelcontextprotocol/conformance");
		Path binary = NODE_MODULES.resolve("node/bin/node");
		assumeTrue(Files.isExecutable(binary),
				"the Node 22 binary of the npm package node is missing (its install script did not run): " + INSTALL);
	}

	/**
	 * Runs a script and waits for it; kills it (and what it started) after the timeout.
	 * @param script the script's path inside {@code src/test/node}
	 * @param timeout how long to wait; the script is also told, a little less, with
	 * {@code --timeout}
	 * @param arguments its arguments
	 * @return its exit code and output
	 */
	static Result run(String script, Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>(List.of("node", DIRECTORY.resolve(script).toString()));
		command.addAll(List.of(arguments));
		command.addAll(List.of("--timeout", String.valueOf(Math.max(5, timeout.toSeconds() - 5))));
		try {
			Path stdout = Files.createTempFile("node-script-", ".out");
			Path stderr = Files.createTempFile("node-script-", ".err");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(DIRECTORY.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
					.redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile());
				Process process = builder.start();
				boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
				if (!finished) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
				}
				return new Result(script, finished ? process.exitValue() : -1, !finished,
						Files.readString(stdout, StandardCharsets.UTF_8),
						Files.readString(stderr, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(stdout);
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run node " + script + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + script, ex);
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

	private static String nodeVersion() {
		if (nodeVersion == null) {
			try {
				Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
				nodeVersion = (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : "";
			}
			catch (IOException ex) {
				nodeVersion = "";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				nodeVersion = "";
			}
		}
		return nodeVersion.isEmpty() ? null : nodeVersion;
	}

	private static int major(String version) {
		Matcher matcher = Pattern.compile("^v?(\\d+)").matcher(version);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	/**
	 * What a script did.
	 *
	 * @param script the script
	 * @param exitCode its exit code, {@code -1} when it was killed
	 * @param timedOut whether it was killed after the timeout
	 * @param stdout its standard output: the result as JSON
	 * @param stderr its progress and errors
	 */
	record Result(String script, int exitCode, boolean timedOut, String stdout, String stderr) {

		/**
		 * The JSON object the script printed last on standard output.
		 * @return the parsed object
		 */
		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			String[] lines = this.stdout.strip().split("\\R");
			return JsonMapper.shared().readValue(lines[lines.length - 1], Map.class);
		}

		/**
		 * A description for assertion messages: exit code, output and the end of stderr.
		 * @return the description
		 */
		String describe() {
			String errors = this.stderr.strip();
			int keep = 6000;
			if (errors.length() > keep) {
				errors = "[...]\n" + errors.substring(errors.length() - keep);
			}
			return this.script + (this.timedOut ? " timed out" : " exited with " + this.exitCode) + "\nstdout: "
					+ this.stdout.strip() + "\nstderr:\n" + errors;
		}

	}

}
