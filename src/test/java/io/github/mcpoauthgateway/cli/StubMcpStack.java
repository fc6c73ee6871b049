package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mcpoauthgateway.cli.oauth.Browser;
import io.github.mcpoauthgateway.testsupport.DevAuthorizationServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP server and two authorization servers, {@code a} and {@code b}, stubbed on one
 * loopback port, for tests that make them misbehave: each answer a test may change is a
 * field, and every request is recorded.
 */
final class StubMcpStack implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpServer server;

	private final AtomicInteger counter = new AtomicInteger();

	private final Map<String, String> codes = new ConcurrentHashMap<>();

	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	/** Every request the stack received, in order. */
	final List<Request> requests = new CopyOnWriteArrayList<>();

	/** The authorization server the resource's metadata names: {@code a} or {@code b}. */
	volatile String authorizationServer = "a";

	/** Changes the protected resource metadata before it is served. */
	volatile Consumer<ObjectNode> resourceMetadata = (members) -> {
	};

	/** Changes the authorization server metadata before it is served. */
	volatile Consumer<ObjectNode> metadata = (members) -> {
	};

	/** Answers token requests, given the form; by default issues tokens. */
	volatile Function<Map<String, String>, Answer> token = this::issue;

	/** The {@code tools} of a {@code tools/list} result. */
	volatile String tools = "[{\"name\":\"echo\",\"description\":\"Echoes\",\"inputSchema\":{\"type\":\"object\"}}]";

	/** The result of every {@code tools/call}. */
	volatile String toolResult = "{\"content\":[{\"type\":\"text\",\"text\":\"done\"}],\"isError\":false}";

	StubMcpStack() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	String resource() {
		return base() + "/mcp";
	}

	String issuer(String name) {
		return base() + "/" + name;
	}

	/**
	 * The requests to one path.
	 * @param path the path, without query
	 * @return those requests
	 */
	List<Request> requestsTo(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/**
	 * The bearer tokens the MCP endpoint received.
	 * @return the tokens, in order
	 */
	List<String> tokensSentToMcp() {
		return requestsTo("/mcp").stream()
			.map((request) -> request.headers().get("authorization"))
			.filter((value) -> value != null)
			.map((value) -> value.substring("Bearer ".length()))
			.toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
		String path = exchange.getRequestURI().getPath();
		this.requests
			.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers, body));
		String name = this.authorizationServer;
		Answer answer;
		if (path.equals("/mcp")) {
			answer = mcp(exchange.getRequestMethod(), headers.get("authorization"), body);
		}
		else if (path.equals("/.well-known/oauth-protected-resource/mcp")) {
			ObjectNode metadata = JSON.createObjectNode().put("resource", resource());
			metadata.putArray("authorization_servers").add(issuer(name));
			metadata.putArray("scopes_supported").add("mcp:tools");
			this.resourceMetadata.accept(metadata);
			answer = Answer.json(200, metadata.toString());
		}
		else if (path.startsWith("/.well-known/oauth-authorization-server/")) {
			answer = authorizationServerMetadata(path.substring(path.lastIndexOf('/') + 1));
		}
		else if (path.endsWith("/authorize")) {
			answer = authorize(path.substring(1, path.indexOf('/', 1)), exchange.getRequestURI().toString());
		}
		else if (path.endsWith("/token")) {
			answer = this.token.apply(form(body));
		}
		else {
			answer = new Answer(404, Map.of(), "");
		}
		respond(exchange, answer);
	}

	private Answer authorizationServerMetadata(String name) {
		ObjectNode metadata = JSON.createObjectNode()
			.put("issuer", issuer(name))
			.put("authorization_endpoint", issuer(name) + "/authorize")
			.put("token_endpoint", issuer(name) + "/token");
		metadata.putArray("code_challenge_methods_supported").add("S256");
		metadata.putArray("response_types_supported").add("code");
		this.metadata.accept(metadata);
		return Answer.json(200, metadata.toString());
	}

	private Answer authorize(String name, String url) {
		Map<String, String> request = DevAuthorizationServer.query(url);
		String code = "code-" + this.counter.incrementAndGet();
		this.codes.put(code, name);
		String location = request.get("redirect_uri") + "?code=" + code + "&state=" + request.get("state");
		return new Answer(302, Map.of("Location", location), "");
	}

	private Answer issue(Map<String, String> form) {
		String name;
		if ("authorization_code".equals(form.get("grant_type"))) {
			name = this.codes.remove(form.get("code"));
		}
		else {
			name = form.getOrDefault("refresh_token", "").startsWith("rt-") ? form.get("refresh_token").split("-")[1]
					: null;
		}
		if (name == null) {
			return Answer.json(400, "{\"error\":\"invalid_grant\"}");
		}
		String accessToken = "at-" + name + "-" + this.counter.incrementAndGet();
		this.issuedTokens.add(accessToken);
		return Answer.json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
				+ "\"expires_in\":3600,\"refresh_token\":\"rt-" + name + "-" + this.counter.incrementAndGet() + "\"}");
	}

	private Answer mcp(String method, String authorization, String body) {
		if (authorization == null || !authorization.startsWith("Bearer ")
				|| !this.issuedTokens.contains(authorization.substring("Bearer ".length()))) {
			return new Answer(401, Map.of("WWW-Authenticate", "Bearer resource_metadata=\"" + base()
					+ "/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:tools\""), "");
		}
		if (!method.equals("POST")) {
			return new Answer(405, Map.of(), "");
		}
		JsonNode message = JSON.readTree(body);
		if (!message.has("id")) {
			return new Answer(202, Map.of(), "");
		}
		String result = switch (message.path("method").asString()) {
			case "initialize" -> "{\"protocolVersion\":\"" + message.path("params").path("protocolVersion").asString()
					+ "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"stub\",\"version\":\"1\"}}";
			case "tools/list" -> "{\"tools\":" + this.tools + "}";
			case "tools/call" -> this.toolResult;
			default -> null;
		};
		if (result == null) {
			return Answer.json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
					+ ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
		}
		return Answer.json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":" + result + "}");
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts.length == 2) {
				form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A request the stack received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the raw query, or {@code null}
	 * @param headers the first value of each header, by lower-case name
	 * @param body the body
	 */
	record Request(String method, String path, String query, Map<String, String> headers, String body) {

	}

	/**
	 * An answer to a request.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body, empty for none
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static Answer json(int status, String body) {
			return new Answer(status, Map.of("Content-Type", "application/json"), body);
		}

	}

	/**
	 * The user's browser: requests the authorization URL, then follows its redirect to
	 * the client's loopback receiver, as a browser would.
	 */
	static final class UserAgent implements Browser {

		private static final HttpClient HTTP = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		/** The authorization URLs opened. */
		final List<URI> opened = new CopyOnWriteArrayList<>();

		@Override
		public boolean open(URI url) {
			this.opened.add(url);
			get(callback(url));
			return true;
		}

		/**
		 * Where the authorization endpoint sends the browser back to.
		 * @param authorizationUrl the authorization request
		 * @return the redirect URI with the response
		 */
		static URI callback(URI authorizationUrl) {
			return URI.create(get(authorizationUrl).headers().firstValue("Location").orElseThrow());
		}

		static HttpResponse<String> get(URI url) {
			try {
				return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
