package io.github.mcpoauthgateway.testsupport;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Databases for tests of the shared state: a fresh in-memory H2 with the application's
 * migrations applied, as a single instance runs without SPRING_DATASOURCE_URL.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * A new, empty H2 database with the schema.
	 * @return its JDBC operations
	 */
	public static JdbcTemplate h2() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		migrate(dataSource);
		return new JdbcTemplate(dataSource);
	}

	/**
	 * Applies the application's migrations.
	 * @param dataSource the database
	 */
	public static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
	}

}
