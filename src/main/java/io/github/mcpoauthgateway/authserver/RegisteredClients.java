package io.github.mcpoauthgateway.authserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * The clients of this server: those registered by configuration, fixed and the same on
 * every replica (in memory, with ids derived from their client ids), and those that
 * registered themselves, in the shared database through Spring Authorization Server's
 * JDBC repository. A registration flood cannot grow the database without limit: at the
 * bound, a new registration first evicts the oldest client that never completed a
 * sign-in, else the oldest client (which re-registers when it comes back, as MCP clients
 * do on {@code invalid_client}); and {@link ExpiredStatePurge} deletes registrations that
 * never completed a sign-in within their time to live.
 */
final class RegisteredClients implements RegisteredClientRepository {

	// A client "completed a sign-in" when it has a grant.
	static final String UNUSED = "NOT EXISTS (SELECT 1 FROM oauth2_authorization a"
			+ " WHERE a.registered_client_id = c.id)";

	private final Map<String, RegisteredClient> configuredById = new LinkedHashMap<>();

	private final Map<String, RegisteredClient> configuredByClientId = new LinkedHashMap<>();

	private final JdbcRegisteredClientRepository registered;

	private final JdbcOperations jdbc;

	private final int maxRegistered;

	RegisteredClients(List<RegisteredClient> configured, JdbcOperations jdbc, JsonMapper json, int maxRegistered) {
		for (RegisteredClient client : configured) {
			Assert.isNull(this.configuredByClientId.put(client.getClientId(), client),
					() -> "Client id registered twice: " + client.getClientId());
			this.configuredById.put(client.getId(), client);
		}
		this.jdbc = jdbc;
		this.registered = new JdbcRegisteredClientRepository(jdbc);
		this.registered
			.setRegisteredClientRowMapper(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper(json));
		this.registered.setRegisteredClientParametersMapper(
				new JdbcRegisteredClientRepository.JsonMapperRegisteredClientParametersMapper(json));
		this.maxRegistered = maxRegistered;
	}

	@Override
	public void save(RegisteredClient client) {
		Assert.isTrue(!this.configuredByClientId.containsKey(client.getClientId())
				&& !this.configuredById.containsKey(client.getId()), "A configured client cannot be replaced");
		if (this.registered.findById(client.getId()) == null) {
			makeRoom();
		}
		this.registered.save(client);
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		RegisteredClient configured = this.configuredById.get(id);
		return (configured != null) ? configured : this.registered.findById(id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient configured = this.configuredByClientId.get(clientId);
		return (configured != null) ? configured : this.registered.findByClientId(clientId);
	}

	int size() {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM oauth2_registered_client", Integer.class);
		return (count != null) ? count : 0;
	}

	private void makeRoom() {
		int excess = size() - this.maxRegistered + 1;
		if (excess <= 0) {
			return;
		}
		List<String> evicted = this.jdbc.queryForList("SELECT c.id FROM oauth2_registered_client c WHERE " + UNUSED
				+ " ORDER BY c.client_id_issued_at LIMIT ?", String.class, excess);
		if (evicted.size() < excess) {
			evicted = this.jdbc.queryForList(
					"SELECT c.id FROM oauth2_registered_client c ORDER BY c.client_id_issued_at LIMIT ?", String.class,
					excess);
		}
		for (String id : evicted) {
			// Its grants go too: they could not be used without their client.
			this.jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", id);
			this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", id);
		}
	}

}
