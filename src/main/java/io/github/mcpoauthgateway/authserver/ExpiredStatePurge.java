package io.github.mcpoauthgateway.authserver;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes the shared state nobody can use any more, on a schedule
 * ({@code authserver.purge-interval}): grants whose every token has expired (and pending
 * ones older than {@link AuthorizationStore#PENDING_TIME_TO_LIVE}), rotated-out refresh
 * tokens past their expiry, registrations that never completed a sign-in within
 * {@code authserver.unused-client-time-to-live}, Cognito tokens of ended bridge grants,
 * and expired HTTP sessions; then the oldest grants beyond
 * {@code authserver.max-authorizations}. Every replica runs it; the deletes are
 * idempotent, so running it twice at once only costs a little work.
 */
final class ExpiredStatePurge implements SchedulingConfigurer {

	private static final Log logger = LogFactory.getLog(ExpiredStatePurge.class);

	// Rotated-out refresh tokens kept per grant kept, on average, at most.
	private static final int RETIRED_PER_GRANT = 10;

	private final JdbcOperations jdbc;

	private final int maxAuthorizations;

	private final Duration unusedClientTimeToLive;

	private final Duration interval;

	private final Clock clock;

	ExpiredStatePurge(JdbcOperations jdbc, int maxAuthorizations, Duration unusedClientTimeToLive, Duration interval,
			Clock clock) {
		this.interval = interval;
		this.jdbc = jdbc;
		this.maxAuthorizations = maxAuthorizations;
		this.unusedClientTimeToLive = unusedClientTimeToLive;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::scheduled, this.interval, this.interval));
	}

	void scheduled() {
		try {
			int deleted = purge();
			if (deleted > 0) {
				logger.debug("Purged " + deleted + " expired rows of shared state");
			}
		}
		catch (DataAccessException ex) {
			logger.warn("The purge of expired shared state failed (" + ex.getClass().getSimpleName()
					+ "); it runs again at the next interval");
		}
	}

	/**
	 * Deletes what has expired.
	 * @return how many rows were deleted
	 */
	int purge() {
		Instant now = this.clock.instant();
		Timestamp at = Timestamp.from(now);
		int deleted = this.jdbc.update("""
				DELETE FROM oauth2_authorization WHERE created_at < ?
				AND (authorization_code_expires_at IS NULL OR authorization_code_expires_at < ?)
				AND (access_token_expires_at IS NULL OR access_token_expires_at < ?)
				AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < ?)
				AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < ?)""",
				Timestamp.from(now.minus(AuthorizationStore.PENDING_TIME_TO_LIVE)), at, at, at, at);
		deleted += deleteOldest("oauth2_authorization", "id", "created_at", this.maxAuthorizations);
		deleted += this.jdbc.update("DELETE FROM mcp_retired_refresh_token WHERE expires_at < ?", at);
		deleted += deleteOldest("mcp_retired_refresh_token", "token_hash", "expires_at",
				this.maxAuthorizations * RETIRED_PER_GRANT);
		deleted += this.jdbc.update("DELETE FROM oauth2_registered_client c WHERE c.client_id_issued_at < ? AND "
				+ RegisteredClients.UNUSED, Timestamp.from(now.minus(this.unusedClientTimeToLive)));
		deleted += this.jdbc.update("DELETE FROM mcp_upstream_grant WHERE expires_at < ?", at);
		deleted += this.jdbc.update("DELETE FROM spring_session WHERE expiry_time < ?", now.toEpochMilli());
		return deleted;
	}

	private int deleteOldest(String table, String key, String age, int max) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
		int excess = ((count != null) ? count : 0) - max;
		if (excess <= 0) {
			return 0;
		}
		return this.jdbc.update("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
				+ " ORDER BY " + age + " LIMIT ?)", excess);
	}

}
