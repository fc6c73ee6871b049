package io.github.mcpoauthgateway.training;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The container image's training run, started with {@code -XX:AOTCacheOutput} from the
 * same jar on the same JVM as the image runs it: <pre>
 * java -XX:AOTCacheOutput=app.aot -cp application.jar io.github.mcpoauthgateway.training.TrainingRun
 * </pre> It starts the server as production does (no profile; a loopback issuer of its
 * own) on the stateful transport, then on the stateless one, sends each the requests of
 * {@link TrainingLoad} for a few seconds, and stops it. The JVM then writes a cache with
 * the classes of the start-up and of the request path, linked, and the method profiles
 * gathered under load, so that the image starts faster and reaches full speed sooner. The
 * run fails (exit status 1) when any answer is not the expected one. The seconds per
 * transport are the first argument (default 10).
 */
public final class TrainingRun {

	private static final Log logger = LogFactory.getLog(TrainingRun.class);

	static final int CLIENTS = 8;

	private TrainingRun() {
	}

	public static void main(String[] args) {
		int status = 1;
		try {
			run(Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 10));
			status = 0;
		}
		catch (Exception ex) {
			logger.error("The training run failed", ex);
		}
		finally {
			// Threads of the JDK's HTTP client would otherwise keep the JVM up.
			System.exit(status);
		}
	}

	/**
	 * Trains on both transports.
	 * @param duration how long each transport is loaded
	 * @return the requests sent, per transport: stateful, then stateless
	 * @throws Exception when the server does not start or answers unexpectedly
	 */
	static long[] run(Duration duration) throws Exception {
		try (TrainingIssuer issuer = new TrainingIssuer()) {
			return new long[] { train(issuer, false, duration), train(issuer, true, duration) };
		}
	}

	private static long train(TrainingIssuer issuer, boolean stateless, Duration duration) throws Exception {
		int port = freePort();
		String resource = "http://localhost:" + port + "/mcp";
		SpringApplication application = new SpringApplication(McpOAuthGatewayApplication.class);
		try (ConfigurableApplicationContext context = application.run("--server.port=" + port,
				"--server.address=127.0.0.1", "--mcp.resource-url=" + resource, "--mcp.stateless=" + stateless,
				"--mcp.required-scopes=" + TrainingIssuer.SCOPE, "--oauth.issuer-uri=" + issuer.issuer(),
				"--oauth.jwks-uri=" + issuer.jwksUri(), "--oauth.allowed-client-ids=" + TrainingIssuer.CLIENT_ID,
				"--mcp.shutdown.drain-delay=0s")) {
			TrainingLoad load = new TrainingLoad(URI.create("http://127.0.0.1:" + port + "/mcp"),
					issuer.token(resource, false, false), issuer.token(resource, true, false),
					issuer.token(resource, false, true));
			long requests = load.run(CLIENTS, duration, !stateless);
			logger.info("Training run, " + (stateless ? "stateless" : "stateful") + " transport: " + requests
					+ " requests in " + duration.toSeconds() + " s");
			return requests;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
