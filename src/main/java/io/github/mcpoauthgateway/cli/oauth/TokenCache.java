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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Tokens per MCP server and client in a JSON file that only the user can read. Writes
 * replace the file atomically, so an interrupted run never leaves it half written.
 */
public final class TokenCache {

	private static final TypeReference<Map<String, StoredTokens>> ENTRIES = new TypeReference<>() {
	};

	private final Path file;

	private final PrintStream notices;

	private final Permissions permissions;

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

	public @Nullable StoredTokens get(String resource, String clientId) {
		return read().get(key(resource, clientId));
	}

	public void put(StoredTokens tokens) {
		Map<String, StoredTokens> entries = read();
		entries.put(key(tokens.resource(), tokens.clientId()), tokens);
		write(entries);
	}

	/**
	 * Forgets the tokens of one server and client.
	 * @param resource the MCP server
	 * @param clientId the client
	 * @return whether there were any
	 */
	public boolean remove(String resource, String clientId) {
		Map<String, StoredTokens> entries = read();
		boolean removed = entries.remove(key(resource, clientId)) != null;
		if (removed) {
			write(entries);
		}
		return removed;
	}

	private static String key(String resource, String clientId) {
		return clientId + " " + resource;
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
			Files.createDirectories(directory);
			restrict(directory, "rwx------");
			Path temporary = Files.createTempFile(directory, ".tokens", ".tmp");
			restrict(temporary, "rw-------");
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

	private void restrict(Path path, String permissions) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
			this.permissions.set(path, PosixFilePermissions.fromString(permissions));
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
