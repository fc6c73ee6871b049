package io.github.mcpoauthgateway.authserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * The clients of this server: those registered by configuration, fixed, and those that
 * registered themselves, kept in memory up to a bound (the least recently used goes
 * first, and re-registers when it comes back, as MCP clients do on
 * {@code invalid_client}). A database-backed repository replaces this one for several
 * replicas.
 */
final class RegisteredClients implements RegisteredClientRepository {

	private final Map<String, RegisteredClient> configuredById = new LinkedHashMap<>();

	private final Map<String, RegisteredClient> configuredByClientId = new LinkedHashMap<>();

	private final Map<String, RegisteredClient> registeredById;

	private final Map<String, String> registeredIdByClientId = new LinkedHashMap<>();

	RegisteredClients(List<RegisteredClient> configured, int maxRegistered) {
		for (RegisteredClient client : configured) {
			Assert.isNull(this.configuredByClientId.put(client.getClientId(), client),
					() -> "Client id registered twice: " + client.getClientId());
			this.configuredById.put(client.getId(), client);
		}
		this.registeredById = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, RegisteredClient> eldest) {
				boolean full = size() > maxRegistered;
				if (full) {
					RegisteredClients.this.registeredIdByClientId.remove(eldest.getValue().getClientId());
				}
				return full;
			}
		};
	}

	@Override
	public synchronized void save(RegisteredClient client) {
		Assert.isTrue(!this.configuredByClientId.containsKey(client.getClientId()),
				"A configured client cannot be replaced");
		this.registeredById.put(client.getId(), client);
		this.registeredIdByClientId.put(client.getClientId(), client.getId());
	}

	@Override
	public synchronized @Nullable RegisteredClient findById(String id) {
		RegisteredClient configured = this.configuredById.get(id);
		return (configured != null) ? configured : this.registeredById.get(id);
	}

	@Override
	public synchronized @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient configured = this.configuredByClientId.get(clientId);
		if (configured != null) {
			return configured;
		}
		String id = this.registeredIdByClientId.get(clientId);
		return (id != null) ? this.registeredById.get(id) : null;
	}

}
