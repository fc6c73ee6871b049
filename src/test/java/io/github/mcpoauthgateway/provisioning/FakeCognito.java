package io.github.mcpoauthgateway.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Cognito user pools endpoint on loopback that speaks the service's JSON protocol (AWS
 * JSON 1.1, operation in {@code X-Amz-Target}) for the operations setup and teardown use,
 * keeps their state in memory, and records every call. Failures can be queued to test
 * error reporting.
 */
final class FakeCognito implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpServer server;

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final Map<String, ObjectNode> pools = new LinkedHashMap<>();

	private final Map<String, ObjectNode> domains = new LinkedHashMap<>();

	private final Map<String, ObjectNode> resourceServers = new LinkedHashMap<>();

	private final Map<String, ObjectNode> clients = new LinkedHashMap<>();

	private final Set<String> brandings = new LinkedHashSet<>();

	private final Set<String> groups = new LinkedHashSet<>();

	private final Map<String, Set<String>> users = new LinkedHashMap<>();

	private final Map<String, String[]> failures = new LinkedHashMap<>();

	private final Map<String, JsonNode> lastRequests = new LinkedHashMap<>();

	FakeCognito() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	List<String> calls() {
		return List.copyOf(this.calls);
	}

	void clearCalls() {
		this.calls.clear();
	}

	List<String> changes() {
		return this.calls.stream()
			.filter((call) -> call.startsWith("Create") || call.startsWith("Update") || call.startsWith("Delete")
					|| call.startsWith("Tag") || call.startsWith("AdminCreate") || call.startsWith("AdminSet")
					|| call.startsWith("AdminAdd"))
			.toList();
	}

	/**
	 * The request of the last call of an operation.
	 */
	JsonNode lastRequest(String operation) {
		return this.lastRequests.get(operation);
	}

	/**
	 * Makes the next call of an operation fail.
	 */
	void failNext(String operation, int status, String type, String message) {
		this.failures.put(operation, new String[] { String.valueOf(status), type, message });
	}

	/**
	 * Adds a user pool that setup did not create.
	 */
	String foreignPool(String name) {
		ObjectNode pool = newPool(name);
		pool.put("UserPoolTier", "LITE").putObject("UserPoolTags");
		return pool.path("Id").asString();
	}

	/**
	 * Adds a user pool with the project's tag, as setup creates it, of the given
	 * installation or, for {@code null}, of a version of setup before installation ids.
	 */
	String managedPool(String name, String installationId) {
		ObjectNode pool = newPool(name);
		ObjectNode tags = pool.put("UserPoolTier", "ESSENTIALS")
			.put("DeletionProtection", (installationId != null) ? "ACTIVE" : "INACTIVE")
			.putObject("UserPoolTags")
			.put("managed-by", "mcp-oauth-gateway");
		if (installationId != null) {
			tags.put("installation-id", installationId);
		}
		pool.putObject("AdminCreateUserConfig").put("AllowAdminCreateUserOnly", true);
		return pool.path("Id").asString();
	}

	private ObjectNode newPool(String name) {
		String id = "us-east-1_" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		ObjectNode pool = JSON.createObjectNode()
			.put("Id", id)
			.put("Name", name)
			.put("Arn", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + id);
		this.pools.put(id, pool);
		return pool;
	}

	boolean isEmpty() {
		return this.pools.isEmpty() && this.domains.isEmpty() && this.clients.isEmpty()
				&& this.resourceServers.isEmpty();
	}

	ObjectNode client(String name) {
		return this.clients.values()
			.stream()
			.filter((client) -> name.equals(client.path("ClientName").asString()))
			.findFirst()
			.orElseThrow();
	}

	ObjectNode resourceServer() {
		return this.resourceServers.values().iterator().next();
	}

	ObjectNode resourceServer(String identifier) {
		return this.resourceServers.values()
			.stream()
			.filter((server) -> identifier.equals(server.path("Identifier").asString()))
			.findFirst()
			.orElseThrow();
	}

	ObjectNode pool() {
		return this.pools.values().iterator().next();
	}

	private synchronized void handle(HttpExchange exchange) throws IOException {
		String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
		String operation = target.substring(target.indexOf('.') + 1);
		this.calls.add(operation);
		JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
		this.lastRequests.put(operation, request);
		String[] failure = this.failures.remove(operation);
		if (failure != null) {
			respond(exchange, Integer.parseInt(failure[0]),
					JSON.createObjectNode().put("__type", failure[1]).put("message", failure[2]));
			return;
		}
		try {
			respond(exchange, 200, answer(operation, request));
		}
		catch (NotFound ex) {
			respond(exchange, 400, JSON.createObjectNode().put("__type", ex.type).put("message", ex.getMessage()));
		}
	}

	private ObjectNode answer(String operation, JsonNode request) {
		ObjectNode response = JSON.createObjectNode();
		String poolId = request.path("UserPoolId").asString(null);
		switch (operation) {
			case "ListUserPools" -> {
				ArrayNode pools = response.putArray("UserPools");
				this.pools.values()
					.forEach((pool) -> pools.addObject()
						.put("Id", pool.path("Id").asString())
						.put("Name", pool.path("Name").asString()));
			}
			case "DescribeUserPool" -> response.set("UserPool", pool(poolId));
			case "CreateUserPool" -> {
				ObjectNode pool = newPool(request.path("PoolName").asString());
				pool.setAll(settings(request));
				response.set("UserPool", pool);
			}
			case "UpdateUserPool" -> {
				// Like Cognito, a setting the request leaves out goes back to its
				// default.
				ObjectNode pool = pool(poolId);
				ObjectNode updated = JSON.createObjectNode();
				for (String kept : List.of("Id", "Name", "Arn", "Domain")) {
					if (pool.has(kept)) {
						updated.set(kept, pool.get(kept));
					}
				}
				updated.setAll(settings(request));
				this.pools.put(poolId, updated);
			}
			case "TagResource" -> {
				String arn = request.path("ResourceArn").asString();
				ObjectNode pool = this.pools.values()
					.stream()
					.filter((candidate) -> arn.equals(candidate.path("Arn").asString()))
					.findFirst()
					.orElseThrow(() -> new NotFound("ResourceNotFoundException", "No resource " + arn));
				ObjectNode tags = pool.has("UserPoolTags") ? (ObjectNode) pool.get("UserPoolTags")
						: pool.putObject("UserPoolTags");
				tags.setAll((ObjectNode) request.path("Tags"));
			}
			case "CreateUserPoolDomain" -> {
				String domain = request.path("Domain").asString();
				pool(poolId).put("Domain", domain);
				this.domains.put(domain,
						JSON.createObjectNode()
							.put("Domain", domain)
							.put("UserPoolId", poolId)
							.put("ManagedLoginVersion", request.path("ManagedLoginVersion").asInt(1))
							.put("Status", "ACTIVE"));
			}
			case "DescribeUserPoolDomain" -> {
				ObjectNode domain = this.domains.get(request.path("Domain").asString());
				response.set("DomainDescription", (domain != null) ? domain : JSON.createObjectNode());
			}
			case "UpdateUserPoolDomain" -> this.domains.get(request.path("Domain").asString())
				.put("ManagedLoginVersion", request.path("ManagedLoginVersion").asInt());
			case "DeleteUserPoolDomain" -> {
				this.domains.remove(request.path("Domain").asString());
				pool(poolId).remove("Domain");
			}
			case "DescribeResourceServer" -> {
				ObjectNode server = this.resourceServers.get(poolId + " " + request.path("Identifier").asString());
				if (server == null) {
					throw new NotFound("ResourceNotFoundException", "Resource server not found");
				}
				response.set("ResourceServer", server);
			}
			case "CreateResourceServer", "UpdateResourceServer" -> {
				ObjectNode server = ((ObjectNode) request).deepCopy();
				this.resourceServers.put(poolId + " " + request.path("Identifier").asString(), server);
				response.set("ResourceServer", server);
			}
			case "ListUserPoolClients" -> {
				ArrayNode clients = response.putArray("UserPoolClients");
				this.clients.values()
					.stream()
					.filter((client) -> poolId.equals(client.path("UserPoolId").asString()))
					.forEach((client) -> clients.addObject()
						.put("ClientId", client.path("ClientId").asString())
						.put("ClientName", client.path("ClientName").asString())
						.put("UserPoolId", poolId));
			}
			case "DescribeUserPoolClient" -> response.set("UserPoolClient", client(request));
			case "CreateUserPoolClient" -> {
				ObjectNode client = ((ObjectNode) request).deepCopy();
				String id = UUID.randomUUID().toString().replace("-", "").substring(0, 26);
				client.put("ClientId", id);
				if (client.path("GenerateSecret").asBoolean(false)) {
					client.put("ClientSecret", "secret-" + id);
				}
				client.remove("GenerateSecret");
				this.clients.put(id, client);
				response.set("UserPoolClient", client);
			}
			case "UpdateUserPoolClient" -> {
				ObjectNode client = client(request);
				ObjectNode updated = ((ObjectNode) request).deepCopy();
				if (client.has("ClientSecret")) {
					updated.set("ClientSecret", client.get("ClientSecret"));
				}
				this.clients.put(client.path("ClientId").asString(), updated);
				response.set("UserPoolClient", updated);
			}
			case "DescribeManagedLoginBrandingByClient" -> {
				if (!this.brandings.contains(poolId + " " + request.path("ClientId").asString())) {
					throw new NotFound("ResourceNotFoundException", "No branding");
				}
				response.putObject("ManagedLoginBranding").put("ManagedLoginBrandingId", "b-1");
			}
			case "CreateManagedLoginBranding" -> {
				this.brandings.add(poolId + " " + request.path("ClientId").asString());
				response.putObject("ManagedLoginBranding").put("ManagedLoginBrandingId", "b-1");
			}
			case "ListGroups" -> {
				ArrayNode groups = response.putArray("Groups");
				this.groups.stream()
					.filter((key) -> key.startsWith(poolId + " "))
					.forEach((key) -> groups.addObject().put("GroupName", key.substring(poolId.length() + 1)));
			}
			case "CreateGroup" -> {
				this.groups.add(poolId + " " + request.path("GroupName").asString());
				response.putObject("Group").put("GroupName", request.path("GroupName").asString());
			}
			case "AdminGetUser" -> {
				if (!this.users.containsKey(poolId + " " + request.path("Username").asString())) {
					throw new NotFound("UserNotFoundException", "User does not exist.");
				}
				response.put("Username", request.path("Username").asString());
			}
			case "AdminCreateUser" -> {
				this.users.put(poolId + " " + request.path("Username").asString(), new LinkedHashSet<>());
				response.putObject("User").put("Username", request.path("Username").asString());
			}
			case "AdminSetUserPassword" -> {
				// Accepted.
			}
			case "AdminListGroupsForUser" -> {
				ArrayNode groups = response.putArray("Groups");
				this.users.getOrDefault(poolId + " " + request.path("Username").asString(), Set.of())
					.forEach((group) -> groups.addObject().put("GroupName", group));
			}
			case "AdminAddUserToGroup" -> this.users.get(poolId + " " + request.path("Username").asString())
				.add(request.path("GroupName").asString());
			case "DeleteUserPool" -> {
				if ("ACTIVE".equals(pool(poolId).path("DeletionProtection").asString())) {
					throw new NotFound("InvalidParameterException",
							"The user pool cannot be deleted because deletion protection is activated.");
				}
				this.pools.remove(poolId);
				this.resourceServers.keySet().removeIf((key) -> key.startsWith(poolId + " "));
				this.clients.values().removeIf((client) -> poolId.equals(client.path("UserPoolId").asString()));
				this.brandings.removeIf((key) -> key.startsWith(poolId + " "));
				this.groups.removeIf((key) -> key.startsWith(poolId + " "));
				this.users.keySet().removeIf((key) -> key.startsWith(poolId + " "));
			}
			default -> throw new NotFound("InvalidParameterException", "The fake does not implement " + operation);
		}
		return response;
	}

	/**
	 * The settings of a CreateUserPool or UpdateUserPool request, as DescribeUserPool
	 * returns them.
	 */
	private static ObjectNode settings(JsonNode request) {
		ObjectNode settings = ((ObjectNode) request).deepCopy();
		settings.remove(List.of("UserPoolId", "PoolName"));
		return settings;
	}

	private ObjectNode pool(String id) {
		ObjectNode pool = this.pools.get(id);
		if (pool == null) {
			throw new NotFound("ResourceNotFoundException", "User pool " + id + " does not exist.");
		}
		return pool;
	}

	private ObjectNode client(JsonNode request) {
		ObjectNode client = this.clients.get(request.path("ClientId").asString());
		if (client == null) {
			throw new NotFound("ResourceNotFoundException", "User pool client does not exist.");
		}
		return client;
	}

	private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static final class NotFound extends RuntimeException {

		private final String type;

		NotFound(String type, String message) {
			super(message);
			this.type = type;
		}

	}

	static List<String> texts(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
