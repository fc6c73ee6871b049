package io.github.mcpoauthgateway.authserver;

import java.security.SecureRandom;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Random secrets that every replica must share but no operator needs to set (the key that
 * signs the consent cookie): the first replica that needs one makes it and stores it in
 * the shared database, the others read it. With the embedded database, a new one is made
 * at each start, as before.
 */
final class SharedSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcOperations jdbc;

	SharedSecrets(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The secret of that name, made now if no replica made it before.
	 * @param name the secret's name
	 * @param length its length in bytes, when it is made
	 * @return the secret
	 */
	byte[] get(String name, int length) {
		byte[] existing = find(name);
		if (existing != null) {
			return existing;
		}
		byte[] made = new byte[length];
		RANDOM.nextBytes(made);
		try {
			this.jdbc.update("INSERT INTO mcp_shared_secret (name, secret) VALUES (?, ?)", name, made);
		}
		catch (DuplicateKeyException ex) {
			// Another replica made it first: use theirs.
		}
		byte[] stored = find(name);
		if (stored == null) {
			throw new IllegalStateException("The shared secret " + name + " was stored but cannot be read back");
		}
		return stored;
	}

	private byte @Nullable [] find(String name) {
		List<byte[]> found = this.jdbc.query("SELECT secret FROM mcp_shared_secret WHERE name = ?",
				(row, number) -> row.getBytes(1), name);
		return found.isEmpty() ? null : found.get(0);
	}

}
