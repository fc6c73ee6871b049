package io.github.mcpoauthgateway.cli;

import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keys generate} run in-process, its output read back as a secrets store would
 * hand it to the server.
 */
class KeysCommandTests {

	@TempDir
	Path home;

	Map<String, String> generate() {
		CliRun.Result result = new CliRun(this.home, (uri) -> false).run("keys", "generate");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		Map<String, String> lines = new LinkedHashMap<>();
		result.out().lines().forEach((line) -> {
			int equals = line.indexOf('=');
			lines.put(line.substring(0, equals), line.substring(equals + 1));
		});
		return lines;
	}

	@Test
	void generateThenPrintsExactlyTheTwoSettings() {
		assertThat(generate()).containsOnlyKeys("BRIDGE_SIGNING_KEYS", "BRIDGE_TOKEN_ENCRYPTION_KEY");
	}

	@Test
	void generateThenSigningKeysAreAJwkSetWithOnePrivateRsa2048KeyForRs256() throws Exception {
		JWKSet keys = JWKSet.parse(generate().get("BRIDGE_SIGNING_KEYS"));

		assertThat(keys.getKeys()).hasSize(1);
		JWK key = keys.getKeys().get(0);
		assertThat(key).isInstanceOf(RSAKey.class);
		assertThat(key.isPrivate()).isTrue();
		assertThat(key.size()).isEqualTo(2048);
		assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(key.getKeyID()).matches("\\d{8}T\\d{6}Z-[A-Za-z0-9_-]{8}");
		assertThat(key.getIssueTime()).isNotNull();
		// The key signs, and its public half (what the bridge publishes) verifies.
		JWSObject signed = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				new Payload("{}"));
		signed.sign(new RSASSASigner(key.toRSAKey()));
		JWK published = keys.toPublicJWKSet().getKeyByKeyId(key.getKeyID());
		assertThat(published.isPrivate()).isFalse();
		assertThat(JWSObject.parse(signed.serialize()).verify(new RSASSAVerifier(published.toRSAKey()))).isTrue();
	}

	@Test
	void generateThenTokenEncryptionKeyIs32BytesOfBase64() {
		byte[] key = Base64.getDecoder().decode(generate().get("BRIDGE_TOKEN_ENCRYPTION_KEY"));
		assertThat(key).hasSize(32);
	}

	@Test
	void generateWhenRunTwiceThenNewKeysAndKeyIds() throws Exception {
		Map<String, String> first = generate();
		Map<String, String> second = generate();

		JWK firstKey = JWKSet.parse(first.get("BRIDGE_SIGNING_KEYS")).getKeys().get(0);
		JWK secondKey = JWKSet.parse(second.get("BRIDGE_SIGNING_KEYS")).getKeys().get(0);
		assertThat(secondKey.getKeyID()).isNotEqualTo(firstKey.getKeyID());
		assertThat(secondKey.toRSAKey().getModulus()).isNotEqualTo(firstKey.toRSAKey().getModulus());
		assertThat(second.get("BRIDGE_TOKEN_ENCRYPTION_KEY")).isNotEqualTo(first.get("BRIDGE_TOKEN_ENCRYPTION_KEY"));
	}

	@Test
	void generateThenExplainsOnStandardErrorOnly() {
		CliRun.Result result = new CliRun(this.home, (uri) -> false).run("keys", "generate");
		assertThat(result.err()).contains("Both lines are secrets").contains("add a new key second");
		assertThat(result.out().lines()).allSatisfy((line) -> assertThat(line).startsWith("BRIDGE_"));
		assertThat(GatewayCli.handles(new String[] { "keys", "generate" })).isTrue();
	}

}
