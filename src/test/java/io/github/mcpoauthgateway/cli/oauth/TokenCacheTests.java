package io.github.mcpoauthgateway.cli.oauth;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTests {

	@TempDir
	Path home;

	final ByteArrayOutputStream notices = new ByteArrayOutputStream();

	TokenCache cache(Path file, TokenCache.Permissions permissions) {
		return new TokenCache(file, new PrintStream(this.notices, true, StandardCharsets.UTF_8), permissions);
	}

	static StoredTokens tokens(String issuer, String accessToken) {
		return new StoredTokens("https://mcp.example.test/mcp", "mcp-cli", issuer, issuer + "/token", accessToken, null,
				Instant.parse("2030-01-01T00:00:00Z"), "mcp:tools");
	}

	@Test
	void getWhenStoredForAnotherIssuerThenNone() {
		TokenCache cache = cache(this.home.resolve("tokens.json"), Files::setPosixFilePermissions);
		cache.put(tokens("https://a.example.test", "from-a"));

		assertThat(cache.get("https://mcp.example.test/mcp", "mcp-cli", "https://b.example.test")).isNull();
		assertThat(cache.get("https://mcp.example.test/mcp", "mcp-cli", "https://a.example.test").accessToken())
			.isEqualTo("from-a");
	}

	@Test
	void removeWhenTokensFromTwoIssuersThenBothForgotten() {
		TokenCache cache = cache(this.home.resolve("tokens.json"), Files::setPosixFilePermissions);
		cache.put(tokens("https://a.example.test", "from-a"));
		cache.put(tokens("https://b.example.test", "from-b"));

		assertThat(cache.remove("https://mcp.example.test/mcp", "mcp-cli")).isTrue();

		assertThat(cache.get("https://mcp.example.test/mcp", "mcp-cli", "https://a.example.test")).isNull();
		assertThat(cache.get("https://mcp.example.test/mcp", "mcp-cli", "https://b.example.test")).isNull();
	}

	@Test
	void putWhenFileSystemHasNoPosixPermissionsThenWarnsOnceAndStillWrites() {
		Path file = this.home.resolve("cache/tokens.json");
		TokenCache cache = cache(file, (path, permissions) -> {
			throw new UnsupportedOperationException("no POSIX permissions here");
		});

		cache.put(tokens("https://a.example.test", "first"));
		cache.put(tokens("https://a.example.test", "second"));

		String printed = this.notices.toString(StandardCharsets.UTF_8);
		assertThat(printed).containsOnlyOnce("Warning: could not restrict the permissions of the token cache " + file);
		assertThat(Files.exists(file)).isTrue();
	}

}
