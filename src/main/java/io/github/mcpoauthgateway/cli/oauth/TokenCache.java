package io.github.mcpoauthgateway.cli.oauth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Tokens per MCP server, client and authorization server in a JSON file that only the
 * user can read. Writes replace the file atomically, so an interrupted run never leaves
 * it half written.
 */
public final class TokenCache {

	private static final TypeReference<Map<String, StoredTokens>> ENTRIES = new TypeReference<>() {
	};

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private final Path file;

	private final PrintStream notices;

	private final Permissions permissions;

	private boolean warned;

	/**
	 * A cache in one file.
	 * @param file the file
	 * @param notices where to say that the cache is unreadable or cannot be restricted
	 */
	public TokenCache(Path file, PrintStream notices) {
		this(file, notices, Files::setPosixFilePermissions);
	}

	TokenCache(Path file, PrintStream notices, Permissions permissions) {
		this.file = file;
		this.notices = notices;
		this.permissions = permissions;
	}

	public Path file() {
		return this.file;
	}

	/**
	 * The tokens of one server and client, issued by one authorization server: those of
	 * another issuer are never returned, even for the same server and client.
	 * @param resource the MCP server
	 * @param clientId the client
	 * @param issuer the issuer the server's metadata names now
	 * @return the tokens, or {@code null}
	 */
	public @Nullable StoredTokens get(String resource, String clientId, String issuer) {
		StoredTokens tokens = read().get(key(resource, clientId, issuer));
		// The file may have been edited: the entry itself must agree with its key.
		return (tokens != null && tokens.resource().equals(resource) && tokens.clientId().equals(clientId)
				&& tokens.issuer().equals(issuer)) ? tokens : null;
	}

	public void put(StoredTokens tokens) {
		Map<String, StoredTokens> entries = read();
		entries.put(key(tokens.resource(), tokens.clientId(), tokens.issuer()), tokens);
		write(entries);
	}

	/**
	 * Forgets the tokens of one server and client, from every issuer.
	 * @param resource the MCP server
	 * @param clientId the client
	 * @return whether there were any
	 */
	public boolean remove(String resource, String clientId) {
		Map<String, StoredTokens> entries = read();
		boolean removed = entries.values()
			.removeIf((tokens) -> resource.equals(tokens.resource()) && clientId.equals(tokens.clientId()));
		if (removed) {
			write(entries);
		}
		return removed;
	}

	private static String key(String resource, String clientId, String issuer) {
		return clientId + " " + resource + " " + issuer;
	}

	private Map<String, StoredTokens> read() {
		if (!Files.exists(this.file)) {
			return new LinkedHashMap<>();
		}
		try {
			return new LinkedHashMap<>(HttpJson.JSON.readValue(this.file.toFile(), ENTRIES));
		}
		catch (JacksonException ex) {
			// A damaged cache only costs a new login; say so rather than fail.
			this.notices.println("Ignoring unreadable token cache " + this.file + " (" + ex.getOriginalMessage() + ")");
			return new LinkedHashMap<>();
		}
	}

	private void write(Map<String, StoredTokens> entries) {
		try {
			Path directory = this.file.toAbsolutePath().getParent();
			List<Path> created = new ArrayList<>();
			for (Path missing = directory; missing != null && Files.notExists(missing); missing = missing.getParent()) {
				created.add(missing);
			}
			Files.createDirectories(directory);
			// Only directories this client created: an existing one, such as the parent
			// of --token-cache, keeps the permissions its owner gave it.
			for (Path path : created) {
				restrict(path, OWNER_ONLY_DIRECTORY);
			}
			Path temporary = Files.createTempFile(directory, ".tokens", ".tmp");
			restrict(temporary, OWNER_ONLY_FILE);
			HttpJson.JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), entries);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException ex) {
			throw new ClientException("Cannot write the token cache " + this.file, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the token cache " + this.file, ex);
		}
	}

	private void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
		try {
			this.permissions.set(path, permissions);
		}
		catch (UnsupportedOperationException ex) {
			if (!this.warned) {
				this.warned = true;
				this.notices.println("Warning: could not restrict the permissions of the token cache " + this.file
						+ " to you: its file system has no POSIX permissions. Other users of this machine may be able "
						+ "to read its tokens; keep it somewhere only you can read (--token-cache).");
			}
		}
	}

	/**
	 * Sets POSIX permissions; a seam for file systems without them.
	 */
	@FunctionalInterface
	interface Permissions {

		/**
		 * Sets the permissions of a file or directory.
		 * @param path the file or directory
		 * @param permissions the permissions
		 * @throws IOException if they cannot be set
		 * @throws UnsupportedOperationException if the file system has no POSIX
		 * permissions
		 */
		void set(Path path, Set<PosixFilePermission> permissions) throws IOException;

	}

}
