package io.github.mcpoauthgateway.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.mcpoauthgateway.cli.oauth.ClientException;
import org.slf4j.LoggerFactory;
import io.github.mcpoauthgateway.cli.oauth.SystemBrowser;
import io.github.mcpoauthgateway.cli.oauth.TerminalText;
import io.github.mcpoauthgateway.provisioning.ProvisioningException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of the jar. {@code java -jar mcp-oauth-gateway.jar} alone starts the
 * server; a first argument naming a command runs that command instead.
 */
@Command(name = "java -jar mcp-oauth-gateway.jar", mixinStandardHelpOptions = true,
		description = "Without a command: run the MCP server.")
public final class GatewayCli {

	private static final Set<String> COMMANDS = Set.of("client", "cognito", "keys");

	private GatewayCli() {
	}

	/**
	 * Whether the arguments ask for a command rather than the server.
	 * @param args the program arguments
	 * @return {@code true} when the first argument is a command
	 */
	public static boolean handles(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	/**
	 * Runs a command with the real terminal, environment and browser.
	 * @param args the program arguments
	 * @return the exit code
	 */
	public static int run(String[] args) {
		// Without Spring Boot's logging setup, Logback would print the SDK's debug log to
		// standard output, mixed with results that scripts parse.
		((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
		CliEnvironment environment = new CliEnvironment(
				CliEnvironment.withDotEnv(Path.of("").toAbsolutePath(), System.getenv()),
				new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())), System.out, System.err,
				new SystemBrowser(), Clock.systemUTC(), Path.of(System.getProperty("user.home")));
		return execute(args, environment);
	}

	/**
	 * Runs a command.
	 * @param args the program arguments, the command first
	 * @param environment what the command may read and write
	 * @return the exit code: 0 on success, 1 on failure, 2 for bad usage
	 */
	public static int execute(String[] args, CliEnvironment environment) {
		CommandLine commandLine = new CommandLine(new GatewayCli())
			.addSubcommand(new CommandLine(new ClientCommand(environment)))
			.addSubcommand(new CommandLine(new CognitoCommand(), new CommandFactory(environment)))
			.addSubcommand(new CommandLine(new KeysCommand(), new CommandFactory(environment)))
			.setCaseInsensitiveEnumValuesAllowed(true)
			.setOut(new java.io.PrintWriter(environment.out(), true))
			.setErr(new java.io.PrintWriter(environment.err(), true))
			.setExecutionExceptionHandler((ex, line, parsed) -> {
				// Messages may quote what a server sent, such as an error_description.
				if (ex instanceof ClientException || ex instanceof ProvisioningException) {
					environment.err().println("Error: " + TerminalText.safe(ex.getMessage()));
				}
				else {
					environment.err()
						.println("Error: " + ex.getClass().getSimpleName() + ": " + TerminalText.safe(ex.getMessage()));
				}
				return 1;
			});
		return commandLine.execute(args);
	}

	/**
	 * Creates commands that need the environment; others the default way.
	 */
	private record CommandFactory(CliEnvironment environment) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			if (type == CognitoCommand.Setup.class) {
				return type.cast(new CognitoCommand.Setup(this.environment));
			}
			if (type == CognitoCommand.Teardown.class) {
				return type.cast(new CognitoCommand.Teardown(this.environment));
			}
			if (type == KeysCommand.Generate.class) {
				return type.cast(new KeysCommand.Generate(this.environment));
			}
			return CommandLine.defaultFactory().create(type);
		}

	}

}
