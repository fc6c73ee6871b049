package io.github.mcpoauthgateway.provisioning;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets tests in other packages run a {@link FakeCognito}.
 */
public final class FakeCognitoAccess implements AutoCloseable {

	private final FakeCognito fake = new FakeCognito();

	private FakeCognitoAccess() {
	}

	public static FakeCognitoAccess start() {
		return new FakeCognitoAccess();
	}

	public String endpoint() {
		return this.fake.endpoint().toString();
	}

	public List<String> changes() {
		return this.fake.changes();
	}

	/**
	 * An app client as setup last sent it, by name.
	 * @param name the app client's name
	 * @return its settings, as maps, lists and scalars
	 */
	public Map<String, Object> appClient(String name) {
		return JsonMapper.shared().convertValue(this.fake.client(name), new TypeReference<Map<String, Object>>() {
		});
	}

	public void clearCalls() {
		this.fake.clearCalls();
	}

	/**
	 * Adds a user pool with the project's tag, of another installation.
	 * @param name its name
	 * @param installationId that installation's id
	 * @return its id
	 */
	public String otherInstallationsPool(String name, String installationId) {
		return this.fake.managedPool(name, installationId);
	}

	public boolean isEmpty() {
		return this.fake.isEmpty();
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
