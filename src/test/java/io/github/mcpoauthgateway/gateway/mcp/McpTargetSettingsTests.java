package io.github.mcpoauthgateway.gateway.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class McpTargetSettingsTests {

	@Test
	void constructorWhenBothUrlAndCommandThenRefusedNamingTarget() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new McpTargetSettings("both", URI.create("http://127.0.0.1/mcp"), List.of("server"),
					Map.of(), null, Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, Duration.ofSeconds(1),
					Duration.ofSeconds(2), Duration.ofSeconds(30)))
			.withMessage("MCP target both needs exactly one of a url (streamable HTTP) or a command (stdio)");
	}

	@Test
	void constructorWhenNeitherUrlNorCommandThenRefusedNamingTarget() {
		assertThatIllegalArgumentException().isThrownBy(() -> McpTargetSettings.stdio("none", List.of()))
			.withMessage("MCP target none needs exactly one of a url (streamable HTTP) or a command (stdio)");
	}

	@Test
	void constructorWhenUrlNotHttpThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> McpTargetSettings.http("ftp", URI.create("ftp://127.0.0.1/mcp")))
			.withMessage("MCP target ftp: url must be http or https");
	}

	@Test
	void constructorWhenTimeoutZeroThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> McpTargetSettings.http("t", URI.create("http://127.0.0.1/mcp"))
				.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("MCP target t: timeout must be positive");
	}

	@Test
	void stdioWhenDefaultsThenBackoffFromOneToThirtySeconds() {
		McpTargetSettings settings = McpTargetSettings.stdio("s", List.of("server"));

		assertThat(settings.isStdio()).isTrue();
		assertThat(settings.minBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.maxMessageBytes()).isEqualTo(McpTargetSettings.DEFAULT_MAX_MESSAGE_BYTES);
	}

}
