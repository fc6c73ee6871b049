package io.github.mcpoauthgateway.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.cli.oauth.Browser;

/**
 * Runs the jar's command line in-process, with captured output, a given browser and a
 * clock the test can move forward.
 */
final class CliRun {

	private final Path home;

	private final Browser browser;

	private Instant now = Instant.now();

	private Map<String, String> variables = Map.of();

	CliRun(Path home, Browser browser) {
		this.home = home;
		this.browser = browser;
	}

	void advanceClock(Duration duration) {
		this.now = this.now.plus(duration);
	}

	void environment(Map<String, String> variables) {
		this.variables = variables;
	}

	Result typing(String input, String... args) {
		return start(input, args).await();
	}

	/**
	 * Starts the command in another thread, so the test can act while it runs.
	 * @param input what the user types
	 * @param args the arguments
	 * @return the running command
	 */
	Running start(String input, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		CliEnvironment environment = new CliEnvironment(this.variables, new BufferedReader(new StringReader(input)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				this.browser, Clock.fixed(this.now, ZoneOffset.UTC), this.home);
		CompletableFuture<Integer> exitCode = CompletableFuture
			.supplyAsync(() -> GatewayCli.execute(args, environment));
		return new Running(exitCode, out, err);
	}

	record Running(CompletableFuture<Integer> exitCode, ByteArrayOutputStream out, ByteArrayOutputStream err) {

		String errSoFar() {
			return this.err.toString(StandardCharsets.UTF_8);
		}

		Result await() {
			try {
				int code = this.exitCode.get(60, TimeUnit.SECONDS);
				return new Result(code, this.out.toString(StandardCharsets.UTF_8),
						this.err.toString(StandardCharsets.UTF_8));
			}
			catch (Exception ex) {
				throw new IllegalStateException("The command did not finish: " + errSoFar(), ex);
			}
		}

	}

	Result run(String... args) {
		return typing("", args);
	}

	record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out\n" + this.out + "\n--- err\n" + this.err;
		}

	}

}
