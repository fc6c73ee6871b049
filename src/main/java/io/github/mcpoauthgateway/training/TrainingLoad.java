package io.github.mcpoauthgateway.training;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The requests of the training run, as clients send them: tool calls with a valid token
 * (in a session on the stateful transport), tool lists, and the refusals (expired, forged
 * and missing tokens), the protected resource metadata and health. Every answer is
 * checked, so a training run that trains on errors fails instead.
 */
final class TrainingLoad {

	private static final String PROTOCOL_VERSION = "2025-11-25";

	/** Requests of one client in one cycle of its loop, every kind at least once. */
	static final int CYCLE = 20;

	/** What a client sends in one cycle: calls, lists, refusals and the public GETs. */
	static final int REQUESTS_PER_CYCLE = CYCLE + CYCLE / 10 + (CYCLE / 4) * 2 + (CYCLE / 20) * 3;

	private static final String CALL = """
			{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"hash_text","arguments":{"text":"training %d"}}}""";

	private static final String LIST = """
			{"jsonrpc":"2.0","id":%d,"method":"tools/list"}""";

	private static final String INITIALIZE = """
			{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},\
			"clientInfo":{"name":"training","version":"1"}}}""".formatted(PROTOCOL_VERSION);

	private static final String INITIALIZED = """
			{"jsonrpc":"2.0","method":"notifications/initialized"}""";

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI endpoint;

	private final URI base;

	private final String valid;

	private final String expired;

	private final String forged;

	private final AtomicLong requests = new AtomicLong();

	TrainingLoad(URI endpoint, String valid, String expired, String forged) {
		this.endpoint = endpoint;
		this.base = endpoint.resolve("/");
		this.valid = valid;
		this.expired = expired;
		this.forged = forged;
	}

	/**
	 * Sends requests from a few clients until the time is up.
	 * @param clients concurrent clients, each with its own session when stateful
	 * @param duration how long
	 * @param stateful whether the server keeps sessions
	 * @return the number of requests sent
	 * @throws Exception when an answer is not the expected one
	 */
	long run(int clients, Duration duration, boolean stateful) throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				running.add(executor.submit(() -> {
					client(end, stateful);
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		return this.requests.get();
	}

	private void client(long end, boolean stateful) throws IOException, InterruptedException {
		@Nullable String session = stateful ? initialize() : null;
		// One full cycle at least, so that every kind of request is trained, however
		// slow the start.
		for (int i = 1; i <= CYCLE || System.nanoTime() < end; i++) {
			expect(200, post(CALL.formatted(i, i), this.valid, session), "\"isError\":false");
			if (i % 10 == 0) {
				expect(200, post(LIST.formatted(i), this.valid, session), "hash_text");
			}
			if (i % 4 == 0) {
				expect(401, post(CALL.formatted(i, i), this.expired, session), null);
				expect(401, post(CALL.formatted(i, i), null, session), null);
			}
			if (i % 20 == 0) {
				expect(401, post(CALL.formatted(i, i), this.forged, session), null);
				expect(200, get(this.base.resolve("/.well-known/oauth-protected-resource/mcp")), "\"resource\"");
				expect(200, get(this.base.resolve("/actuator/health")), "UP");
			}
		}
		if (session != null) {
			HttpRequest delete = authorized(HttpRequest.newBuilder(this.endpoint), this.valid, session).DELETE()
				.build();
			send(delete);
		}
	}

	private String initialize() throws IOException, InterruptedException {
		HttpResponse<String> initialized = post(INITIALIZE, this.valid, null);
		expect(200, initialized, "protocolVersion");
		String session = initialized.headers()
			.firstValue("Mcp-Session-Id")
			.orElseThrow(() -> new IllegalStateException("The stateful server gave no session"));
		expect(202, post(INITIALIZED, this.valid, session), null);
		return session;
	}

	private HttpResponse<String> post(String body, @Nullable String token, @Nullable String session)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(authorized(request, token, session).build());
	}

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri).GET().build());
	}

	private static HttpRequest.Builder authorized(HttpRequest.Builder request, @Nullable String token,
			@Nullable String session) {
		request.header("MCP-Protocol-Version", PROTOCOL_VERSION);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		this.requests.incrementAndGet();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void expect(int status, HttpResponse<String> response, @Nullable String content) {
		if (response.statusCode() != status || (content != null && !response.body().contains(content))) {
			throw new IllegalStateException("Training request " + response.request().method() + " "
					+ response.request().uri().getPath() + " answered " + response.statusCode() + ", expected " + status
					+ ((content != null) ? " with " + content : ""));
		}
	}

}
