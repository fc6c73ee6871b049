package io.github.mcpoauthgateway.cli;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.github.mcpoauthgateway.testsupport.BridgeStack;
import io.github.mcpoauthgateway.testsupport.CognitoLocal;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This project's command-line client against the server in bridge mode: it finds the
 * bridge from the MCP URL alone, the user approves it and signs in on Cognito's form, and
 * it calls tools.
 */
class BridgeClientCommandTests {

	static BridgeStack stack;

	@TempDir
	Path home;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(CognitoLocal.installed(), "cognito-local is not installed: run npm ci --prefix .ci");
		stack = BridgeStack.start();
		stack.createUser("erin@example.test");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void whoamiWhenBridgeModeThenSignsInThroughConsentAndCognitoAndCallsTool() {
		CliRun cli = new CliRun(this.home, (url) -> {
			HttpClient browser = DevAuthorizationServer.newUserAgent();
			DevAuthorizationServer bridge = stack.authorizationServer();
			HttpResponse<String> last = bridge.signIn(browser, url.toString(), "erin@example.test",
					BridgeStack.PASSWORD, "approve");
			// The final redirect goes to the command's loopback listener.
			bridge.get(browser, DevAuthorizationServer.location(last));
			return true;
		});
		CliRun.Result list = cli.run("client", stack.resource(), "list");
		assertThat(list.exitCode()).as(list.toString()).isZero();
		assertThat(list.out()).contains("whoami").contains("hash_text");
		// The tokens are cached: no second sign-in.
		CliRun cached = new CliRun(this.home, (url) -> {
			throw new AssertionError("signed in again");
		});
		CliRun.Result whoami = cached.run("client", stack.resource(), "--json", "whoami");
		assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
		assertThat(whoami.out()).contains("\"issuer\":\"" + stack.issuer() + "\"")
			.contains("\"client_id\":\"mcp-cli\"");
	}

}
