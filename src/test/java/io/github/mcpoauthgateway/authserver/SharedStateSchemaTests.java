package io.github.mcpoauthgateway.authserver;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.github.mcpoauthgateway.testsupport.TestDatabases;
import io.github.mcpoauthgateway.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema of the shared state: the same Flyway migrations on PostgreSQL and on the
 * embedded H2, idempotent, wide enough for client ID metadata document URLs; and the
 * purge, which deletes exactly what has expired.
 */
class SharedStateSchemaTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final List<String> TABLES = List.of("oauth2_registered_client", "oauth2_authorization",
			"oauth2_authorization_consent", "mcp_retired_refresh_token", "mcp_upstream_grant", "mcp_shared_secret",
			"spring_session", "spring_session_attributes");

	static RegisteredClient documentClient(String url) {
		return RegisteredClient.withId(url)
			.clientId(url)
			.clientName("Document client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/callback")
			.scope("mcp:tools")
			.build();
	}

	static String longUrl() {
		return "https://client.example.test/" + "a".repeat(2000 - "https://client.example.test/".length());
	}

	static Timestamp at(Duration fromNow) {
		return Timestamp.from(NOW.plus(fromNow));
	}

	static void insertAuthorization(JdbcTemplate jdbc, String id, String clientId, Duration created,
			Duration codeExpires, Duration refreshExpires) {
		jdbc.update(
				"INSERT INTO oauth2_authorization (id, registered_client_id, principal_name,"
						+ " authorization_grant_type, authorization_code_value, authorization_code_expires_at,"
						+ " refresh_token_value, refresh_token_expires_at, created_at) VALUES (?, ?, 'user',"
						+ " 'authorization_code', ?, ?, ?, ?, ?)",
				id, clientId, (codeExpires != null) ? "code-" + id : null,
				(codeExpires != null) ? at(codeExpires) : null, (refreshExpires != null) ? "refresh-" + id : null,
				(refreshExpires != null) ? at(refreshExpires) : null, at(created));
	}

	static void insertClient(JdbcTemplate jdbc, String id, Duration issued) {
		jdbc.update("INSERT INTO oauth2_registered_client (id, client_id, client_id_issued_at, client_name,"
				+ " client_authentication_methods, authorization_grant_types, scopes, client_settings,"
				+ " token_settings) VALUES (?, ?, ?, 'c', 'none', 'authorization_code', 'mcp:tools', '{}', '{}')", id,
				id, at(issued));
	}

	static Set<String> ids(JdbcTemplate jdbc, String table, String column) {
		return Set.copyOf(jdbc.queryForList("SELECT " + column + " FROM " + table, String.class));
	}

	/**
	 * Fills every table with rows on both sides of their expiry, purges, and checks that
	 * exactly the expired ones went.
	 */
	static void assertPurgeDeletesExactlyTheExpiredRows(JdbcTemplate jdbc) {
		insertClient(jdbc, "old-unused", Duration.ofHours(-25));
		insertClient(jdbc, "old-used", Duration.ofHours(-25));
		insertClient(jdbc, "new-unused", Duration.ofHours(-1));
		insertAuthorization(jdbc, "live-refresh", "old-used", Duration.ofDays(-2), Duration.ofDays(-2),
				Duration.ofDays(1));
		insertAuthorization(jdbc, "all-expired", "old-used", Duration.ofDays(-40), Duration.ofDays(-40),
				Duration.ofDays(-10));
		insertAuthorization(jdbc, "live-code", "old-used", Duration.ofMinutes(-1), Duration.ofMinutes(4), null);
		insertAuthorization(jdbc, "pending-old", "old-used", Duration.ofMinutes(-11), null, null);
		insertAuthorization(jdbc, "pending-new", "old-used", Duration.ofMinutes(-9), null, null);
		jdbc.update("INSERT INTO mcp_retired_refresh_token VALUES ('h-expired', 'live-refresh', ?)",
				at(Duration.ofSeconds(-1)));
		jdbc.update("INSERT INTO mcp_retired_refresh_token VALUES ('h-live', 'live-refresh', ?)",
				at(Duration.ofDays(1)));
		jdbc.update("INSERT INTO mcp_upstream_grant VALUES ('g-expired', 'openid', ?, NULL, ?, ?)", new byte[] { 1 },
				at(Duration.ofSeconds(-1)), at(Duration.ofDays(-30)));
		jdbc.update("INSERT INTO mcp_upstream_grant VALUES ('g-live', 'openid', ?, NULL, ?, ?)", new byte[] { 1 },
				at(Duration.ofDays(1)), at(Duration.ofDays(-1)));
		jdbc.update("INSERT INTO spring_session VALUES ('s-expired-00000000000000000000000000', 's1', 0, 0, 1800, ?,"
				+ " NULL)", NOW.minusSeconds(1).toEpochMilli());
		jdbc.update("INSERT INTO spring_session VALUES ('s-live-00000000000000000000000000000', 's2', 0, 0, 1800, ?,"
				+ " NULL)", NOW.plusSeconds(60).toEpochMilli());
		jdbc.update("INSERT INTO spring_session_attributes VALUES ('s-expired-00000000000000000000000000', 'a', ?)",
				new byte[] { 1 });

		int deleted = new ExpiredStatePurge(jdbc, 100, Duration.ofHours(24), Duration.ofMinutes(5), CLOCK).purge();

		assertThat(ids(jdbc, "oauth2_authorization", "id")).containsExactlyInAnyOrder("live-refresh", "live-code",
				"pending-new");
		assertThat(ids(jdbc, "mcp_retired_refresh_token", "token_hash")).containsExactly("h-live");
		assertThat(ids(jdbc, "oauth2_registered_client", "id")).containsExactlyInAnyOrder("old-used", "new-unused");
		assertThat(ids(jdbc, "mcp_upstream_grant", "grant_id")).containsExactly("g-live");
		assertThat(ids(jdbc, "spring_session", "trim(session_id)")).containsExactly("s2");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session_attributes", Integer.class)).isZero();
		assertThat(deleted).isEqualTo(2 + 1 + 1 + 1 + 1);
	}

	static void assertOldestGrantsGoBeyondTheBound(JdbcTemplate jdbc) {
		insertClient(jdbc, "client", Duration.ofHours(-1));
		for (int i = 0; i < 5; i++) {
			insertAuthorization(jdbc, "grant-" + i, "client", Duration.ofMinutes(-50 + i), null, Duration.ofDays(1));
		}
		new ExpiredStatePurge(jdbc, 3, Duration.ofHours(24), Duration.ofMinutes(5), CLOCK).purge();
		assertThat(ids(jdbc, "oauth2_authorization", "id")).containsExactlyInAnyOrder("grant-2", "grant-3", "grant-4");
	}

	@Nested
	class EmbeddedH2 {

		@Test
		void purgeWhenRowsOnBothSidesOfTheirExpiryThenExactlyTheExpiredDeleted() {
			assertPurgeDeletesExactlyTheExpiredRows(TestDatabases.h2());
		}

		@Test
		void purgeWhenMoreGrantsThanTheBoundThenOldestDeleted() {
			assertOldestGrantsGoBeyondTheBound(TestDatabases.h2());
		}

		@Test
		void saveWhenClientIdIsTwoThousandCharacterUrlThenFoundByIt() {
			JdbcTemplate jdbc = TestDatabases.h2();
			RegisteredClients clients = new RegisteredClients(List.of(), jdbc, StoredJson.with(List.of()).mapper(), 10);
			clients.save(documentClient(longUrl()));
			assertThat(clients.findByClientId(longUrl())).isNotNull();
		}

		@Test
		void saveWhenAtTheBoundThenOldestClientWithoutSignInEvictedFirst() {
			JdbcTemplate jdbc = TestDatabases.h2();
			insertClient(jdbc, "used", Duration.ofHours(-3));
			insertClient(jdbc, "unused", Duration.ofHours(-2));
			insertAuthorization(jdbc, "grant", "used", Duration.ofHours(-1), null, Duration.ofDays(1));
			RegisteredClients clients = new RegisteredClients(List.of(), jdbc, StoredJson.with(List.of()).mapper(), 2);
			clients.save(documentClient("https://new.example.test/client"));
			assertThat(ids(jdbc, "oauth2_registered_client", "id")).containsExactlyInAnyOrder("used",
					"https://new.example.test/client");
		}

	}

	@Nested
	class PostgreSql {

		@Test
		void migrateWhenEmptyDatabaseThenEveryTableAndAgainNothingToApply() {
			try (TestPostgres postgres = TestPostgres.createDatabase()) {
				DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.url(), postgres.user(),
						postgres.password());
				MigrateResult first = Flyway.configure().dataSource(dataSource).load().migrate();
				MigrateResult second = Flyway.configure().dataSource(dataSource).load().migrate();
				assertThat(first.migrationsExecuted).isPositive();
				assertThat(second.migrationsExecuted).isZero();
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				assertThat(jdbc.queryForList(
						"SELECT table_name FROM information_schema.tables" + " WHERE table_schema = 'public'",
						String.class))
					.containsAll(TABLES);
				assertThat(jdbc.queryForObject(
						"SELECT character_maximum_length FROM information_schema.columns"
								+ " WHERE table_name = 'oauth2_registered_client' AND column_name = 'client_id'",
						Integer.class))
					.isGreaterThanOrEqualTo(2000);
			}
		}

		@Test
		void purgeWhenRowsOnBothSidesOfTheirExpiryThenExactlyTheExpiredDeleted() {
			try (TestPostgres postgres = TestPostgres.createDatabase()) {
				assertPurgeDeletesExactlyTheExpiredRows(migrated(postgres));
			}
		}

		@Test
		void purgeWhenMoreGrantsThanTheBoundThenOldestDeleted() {
			try (TestPostgres postgres = TestPostgres.createDatabase()) {
				assertOldestGrantsGoBeyondTheBound(migrated(postgres));
			}
		}

		@Test
		void saveWhenClientIdIsTwoThousandCharacterUrlThenFoundByIt() {
			try (TestPostgres postgres = TestPostgres.createDatabase()) {
				RegisteredClients clients = new RegisteredClients(List.of(), migrated(postgres),
						StoredJson.with(List.of()).mapper(), 10);
				clients.save(documentClient(longUrl()));
				assertThat(clients.findByClientId(longUrl())).isNotNull();
			}
		}

		private JdbcTemplate migrated(TestPostgres postgres) {
			DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.url(), postgres.user(),
					postgres.password());
			TestDatabases.migrate(dataSource);
			return new JdbcTemplate(dataSource);
		}

	}

}
