package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import org.springframework.test.util.TestSocketUtils;

/**
 * nginx (Debian's package, which {@code .ci/run} installs) in front of replicas on
 * loopback: round-robin over them, with the {@code X-Forwarded-*} headers that the
 * application trusts from loopback (server.tomcat.remoteip), started in the foreground
 * with its own configuration, pid, logs and temporary files under a directory of the
 * test's. Every response names the replica that served it in {@value #UPSTREAM_HEADER}.
 * Tests are skipped, saying so, without nginx ({@code MCP_TEST_NGINX} names another
 * binary).
 */
public final class Nginx implements AutoCloseable {

	public static final String UPSTREAM_HEADER = "X-Upstream";

	private final int port;

	private final Path directory;

	private final Process process;

	private Nginx(int port, Path directory, Process process) {
		this.port = port;
		this.directory = directory;
		this.process = process;
	}

	/**
	 * The nginx binary, or the test is skipped.
	 * @return the binary
	 */
	public static Path binary() {
		Optional<Path> found = Stream
			.concat(Stream.ofNullable(System.getenv("MCP_TEST_NGINX")).map(Path::of),
					Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx").map(Path::of))
			.filter(Files::isExecutable)
			.findFirst();
		if (found.isEmpty()) {
			String reason = "nginx is not installed (Debian package nginx; .ci/run installs it, or set MCP_TEST_NGINX): "
					+ "the tests of replicas behind nginx are skipped";
			// Said on the console too: a class skipped in @BeforeAll shows in no report.
			System.err.println("SKIPPED: " + reason);
			Assumptions.abort(reason);
		}
		return found.get();
	}

	/**
	 * A free port for nginx, to know before the replicas start (their issuer is nginx's
	 * origin).
	 * @return the port
	 */
	public static int freePort() {
		return TestSocketUtils.findAvailableTcpPort();
	}

	/**
	 * Starts nginx on 127.0.0.1 and waits until it listens.
	 * @param binary the nginx binary
	 * @param port its port
	 * @param directory where its configuration, pid, logs and temporary files go
	 * @param replicas the ports of the replicas, in round-robin order
	 * @return nginx
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static Nginx start(Path binary, int port, Path directory, List<Integer> replicas)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Path config = directory.resolve("nginx.conf");
		Files.writeString(config, config(port, directory, replicas));
		Process process = new ProcessBuilder(binary.toString(), "-p", directory.toString(), "-c", config.toString(),
				"-e", directory.resolve("error.log").toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout.log").toFile())
			.start();
		Nginx nginx = new Nginx(port, directory, process);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("nginx exited: " + nginx.errors());
			}
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return nginx;
			}
			catch (ConnectException ex) {
				Thread.sleep(50);
			}
		}
		nginx.close();
		throw new IllegalStateException("nginx does not listen on " + port + ": " + nginx.errors());
	}

	/**
	 * The configuration: one process (no worker to switch user to, so it runs as the test
	 * does), round-robin without keep-alive to the replicas (a stopped replica's port
	 * refuses the next connection and nginx tries the other, POSTs included, since
	 * nothing was sent), no buffering (event streams), and the forwarded headers an ALB
	 * sends.
	 */
	static String config(int port, Path directory, List<Integer> replicas) {
		String servers = replicas.stream()
			.map((replica) -> "    server 127.0.0.1:" + replica + " max_fails=1 fail_timeout=1s;")
			.collect(Collectors.joining("\n"));
		String dir = directory.toString();
		return """
				daemon off;
				master_process off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events { worker_connections 1024; }
				http {
				  access_log %1$s/access.log;
				  client_body_temp_path %1$s/client_body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  upstream replicas {
				%2$s
				  }
				  server {
				    listen 127.0.0.1:%3$d;
				    location / {
				      proxy_pass http://replicas;
				      proxy_http_version 1.1;
				      proxy_set_header Connection "";
				      proxy_set_header Host $http_host;
				      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
				      proxy_set_header X-Forwarded-Proto $scheme;
				      proxy_set_header X-Forwarded-Host $host;
				      proxy_set_header X-Forwarded-Port $server_port;
				      proxy_buffering off;
				      proxy_connect_timeout 2s;
				      proxy_read_timeout 60s;
				      proxy_next_upstream error timeout http_503 non_idempotent;
				      add_header %4$s $upstream_addr always;
				    }
				  }
				}
				""".formatted(dir, servers, port, UPSTREAM_HEADER);
	}

	public int port() {
		return this.port;
	}

	public String origin() {
		return "http://localhost:" + this.port;
	}

	public String errors() {
		try {
			Path log = this.directory.resolve("error.log");
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
	}

	@Override
	public void close() throws InterruptedException {
		// SIGTERM is nginx's fast shutdown.
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
	}

}
