package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.github.mcpoauthgateway.provisioning.CognitoClients;
import org.springframework.test.util.TestSocketUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * cognito-local, an emulator of Cognito user pools with a managed-login form (installed
 * by {@code npm ci --prefix .ci}), run on a loopback port for one test class.
 */
public final class CognitoLocal implements AutoCloseable {

	static final Path EMULATOR = Path.of(".ci/node_modules/.bin/cognito-local").toAbsolutePath();

	private final Process process;

	private final int port;

	private final CognitoIdentityProviderClient client;

	private CognitoLocal(Process process, int port) {
		this.process = process;
		this.port = port;
		this.client = CognitoClients.create("us-east-1", URI.create(origin()),
				StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
	}

	public static boolean installed() {
		return Files.isExecutable(EMULATOR);
	}

	/**
	 * Starts the emulator and waits until it listens.
	 * @return the running emulator
	 * @throws IOException if it cannot start
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static CognitoLocal start() throws IOException, InterruptedException {
		int port = TestSocketUtils.findAvailableTcpPort();
		Path directory = Files.createTempDirectory("cognito-local-");
		ProcessBuilder builder = new ProcessBuilder(EMULATOR.toString()).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("cognito-local.log").toFile());
		builder.environment().put("PORT", String.valueOf(port));
		builder.environment().put("HOST", "127.0.0.1");
		Process process = builder.start();
		Instant deadline = Instant.now().plusSeconds(30);
		while (!listening(port)) {
			if (Instant.now().isAfter(deadline) || !process.isAlive()) {
				process.destroy();
				throw new IllegalStateException(
						"cognito-local did not start: " + Files.readString(directory.resolve("cognito-local.log")));
			}
			Thread.sleep(200);
		}
		return new CognitoLocal(process, port);
	}

	public String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	public String issuer(String poolId) {
		return origin() + "/" + poolId;
	}

	public CognitoIdentityProviderClient client() {
		return this.client;
	}

	@Override
	public void close() throws InterruptedException {
		this.client.close();
		this.process.destroy();
		this.process.waitFor();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
