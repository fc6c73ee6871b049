package io.github.mcpoauthgateway.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for the tests of shared state: the server named by
 * {@code MCP_TEST_POSTGRES_URL} (with {@code MCP_TEST_POSTGRES_USER} and
 * {@code MCP_TEST_POSTGRES_PASSWORD}), by default the local cluster that {@code .ci/run}
 * starts, {@code jdbc:postgresql://127.0.0.1:5432/mcp_test} as {@code mcp_test}. Each
 * test class gets a database of its own, created empty and dropped after; the tests are
 * skipped, saying so, when no PostgreSQL answers.
 */
public final class TestPostgres implements AutoCloseable {

	private static final String URL = env("MCP_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/mcp_test");

	private static final String USER = env("MCP_TEST_POSTGRES_USER", "mcp_test");

	private static final String PASSWORD = env("MCP_TEST_POSTGRES_PASSWORD", "mcp_test");

	private final String database;

	private TestPostgres(String database) {
		this.database = database;
	}

	/**
	 * A new empty database, or the test is skipped when PostgreSQL is not available.
	 * @return the database
	 */
	public static TestPostgres createDatabase() {
		String database = "mcp_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			String reason = "PostgreSQL is not available at " + URL + " as " + USER + " (" + ex.getMessage()
					+ "): the PostgreSQL tests are skipped; .ci/run installs and starts one, or set "
					+ "MCP_TEST_POSTGRES_URL";
			// Said on the console too: a class skipped in @BeforeAll shows in no report.
			System.err.println("SKIPPED: " + reason);
			Assumptions.abort(reason);
		}
		return new TestPostgres(database);
	}

	/**
	 * The JDBC URL of this database, on the given port of the loopback interface.
	 * @param port the port (PostgreSQL's, or a proxy's in front of it)
	 * @return the URL
	 */
	public String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + this.database;
	}

	public String url() {
		return url(port());
	}

	public int port() {
		java.net.URI uri = java.net.URI.create(URL.substring("jdbc:".length()));
		return (uri.getPort() != -1) ? uri.getPort() : 5432;
	}

	public String user() {
		return USER;
	}

	public String password() {
		return PASSWORD;
	}

	@Override
	public void close() {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			// Left behind on a server that is gone; nothing else to do.
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
