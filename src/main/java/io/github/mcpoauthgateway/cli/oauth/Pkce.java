package io.github.mcpoauthgateway.cli.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE code verifier and its S256 challenge.
 *
 * @param verifier the code verifier, 43 characters of base64url
 * @param challenge the S256 code challenge
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4">RFC 7636 Section 4</a>
 */
public record Pkce(String verifier, String challenge) {

	/**
	 * A new verifier from a strong random source, and its challenge.
	 * @return the pair
	 */
	public static Pkce generate() {
		return generate(new SecureRandom());
	}

	static Pkce generate(SecureRandom random) {
		String verifier = randomToken(random, 32);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
		}
	}

	static String randomToken(SecureRandom random, int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

}
