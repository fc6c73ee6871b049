package io.github.mcpoauthgateway.gateway.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Lambda's Invoke API on loopback ({@code POST
 * /2015-03-31/functions/{name}/invocations}): answers what the test set, records every
 * request, and can hang until closed.
 */
public final class FakeLambda implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch released = new CountDownLatch(1);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Function<Request, Answer> answers = (request) -> Answer.json("{}");

	public FakeLambda() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public void answer(Answer answer) {
		this.answers = (request) -> answer;
	}

	/**
	 * Answers each request as the function says, from what it received.
	 * @param answers the answer of each request
	 */
	public void answer(Function<Request, Answer> answers) {
		this.answers = answers;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public Request lastRequest() {
		return this.requests.get(this.requests.size() - 1);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(request);
			Answer answer = this.answers.apply(request);
			if (answer.hang()) {
				this.released.await();
				return;
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.getResponseHeaders().set("X-Amzn-RequestId", "test-request-id");
			answer.headers().forEach(exchange.getResponseHeaders()::set);
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	public record Request(String method, String path, Map<String, String> headers, String body) {
	}

	public record Answer(int status, Map<String, String> headers, String body, boolean hang) {

		public static Answer json(String body) {
			return new Answer(200, Map.of(), body, false);
		}

		public static Answer functionError(String kind, String body) {
			return new Answer(200, Map.of("X-Amz-Function-Error", kind), body, false);
		}

		public static Answer serviceError(int status, String type, String message) {
			return new Answer(status, Map.of("X-Amzn-ErrorType", type), "{\"message\":\"" + message + "\"}", false);
		}

		public static Answer hanging() {
			return new Answer(200, Map.of(), "", true);
		}

	}

}
