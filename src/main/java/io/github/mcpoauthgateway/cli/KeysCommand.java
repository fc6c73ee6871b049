package io.github.mcpoauthgateway.cli;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.Callable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import picocli.CommandLine.Command;

/**
 * {@code keys generate}: fresh key material for bridge mode, printed as the two settings
 * that hold it, for a secrets store.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, version = "mcp-oauth-gateway keys",
		description = "Key material for bridge mode.", subcommands = KeysCommand.Generate.class)
final class KeysCommand {

	@Command(name = "generate", mixinStandardHelpOptions = true,
			description = {
					"Print BRIDGE_SIGNING_KEYS (a JWK Set with one new RSA 2048 private key for RS256) and "
							+ "BRIDGE_TOKEN_ENCRYPTION_KEY (32 random bytes, base64) on standard output.",
					"Both are secrets: keep them in a secrets store, never in the repository." })
	static final class Generate implements Callable<Integer> {

		static final int RSA_KEY_SIZE = 2048;

		static final int ENCRYPTION_KEY_BYTES = 32;

		private static final DateTimeFormatter KEY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.withZone(ZoneOffset.UTC);

		private static final SecureRandom RANDOM = new SecureRandom();

		private final CliEnvironment environment;

		Generate(CliEnvironment environment) {
			this.environment = environment;
		}

		@Override
		public Integer call() throws JOSEException {
			Instant now = this.environment.clock().instant();
			RSAKey signingKey = new RSAKeyGenerator(RSA_KEY_SIZE).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyID(keyId(now))
				.issueTime(Date.from(now))
				.generate();
			byte[] encryptionKey = new byte[ENCRYPTION_KEY_BYTES];
			RANDOM.nextBytes(encryptionKey);
			// toString(false): with the private key's parameters, which the bridge signs
			// with.
			this.environment.out().println("BRIDGE_SIGNING_KEYS=" + new JWKSet(signingKey).toString(false));
			this.environment.out()
				.println("BRIDGE_TOKEN_ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(encryptionKey));
			this.environment.err()
				.println("Generated signing key " + signingKey.getKeyID()
						+ ". Both lines are secrets: put them in your secrets store. To rotate the signing key, "
						+ "add a new key second in BRIDGE_SIGNING_KEYS, then move it first, then remove the old key "
						+ "once the longest token lifetime has passed (see the README).");
			return 0;
		}

		/**
		 * A key id that sorts by creation time and is unique without coordination.
		 */
		private static String keyId(Instant now) {
			byte[] random = new byte[6];
			RANDOM.nextBytes(random);
			return KEY_ID_TIME.format(now) + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		}

	}

}
