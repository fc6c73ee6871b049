package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CliEnvironmentTests {

	@TempDir
	Path directory;

	@Test
	void withDotEnvWhenFileHasCommentsQuotesAndExportsThenParsedAndEnvironmentWins() throws IOException {
		Files.writeString(this.directory.resolve(".env"), """
				# written by cognito setup
				MCP_CLIENT_ID=from-file
				export MCP_SCOPES="openid https://mcp.example.com/mcp/tools"
				MCP_REDIRECT_PORT='8765'
				not a setting
				""");
		Map<String, String> variables = CliEnvironment.withDotEnv(this.directory, Map.of("MCP_CLIENT_ID", "from-env"));
		assertThat(variables).containsEntry("MCP_CLIENT_ID", "from-env")
			.containsEntry("MCP_SCOPES", "openid https://mcp.example.com/mcp/tools")
			.containsEntry("MCP_REDIRECT_PORT", "8765")
			.hasSize(3);
	}

	@Test
	void withDotEnvWhenNoFileThenEnvironmentOnly() {
		assertThat(CliEnvironment.withDotEnv(this.directory, Map.of("A", "1"))).containsExactly(Map.entry("A", "1"));
	}

	@Test
	void wordsWhenCallWithJsonThenJsonKeptWhole() {
		assertThat(InteractiveShell.words("call hash_text {\"text\": \"a b c\"}")).containsExactly("call", "hash_text",
				"{\"text\": \"a b c\"}");
		assertThat(InteractiveShell.words("list")).containsExactly("list");
	}

}
