package io.github.mcpoauthgateway.cognito;

import java.util.List;

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

	public boolean isEmpty() {
		return this.fake.isEmpty();
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
