package io.github.mcpoauthgateway.authserver.cimd;

import java.net.URI;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The parts of a client metadata document this server uses, once checked: the document
 * names its own URL as {@code client_id}, lists acceptable redirect URIs, and
 * authenticates with no secret ({@code none} or {@code private_key_jwt}).
 *
 * @param clientId the URL the document was fetched from
 * @param clientName the {@code client_name}, else the URL's host
 * @param host the URL's host
 * @param redirectUris the {@code redirect_uris}
 * @param authenticationMethod {@code none} or {@code private_key_jwt}
 * @param signingAlgorithm for {@code private_key_jwt}, the assertion signing algorithm
 * @param jwksUri for {@code private_key_jwt}, the {@code jwks_uri} if given
 * @param jwks for {@code private_key_jwt}, the inline {@code jwks} (public keys) if given
 * @param scope the {@code scope}, space separated, if given
 * @see <a href=
 * "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-client-id-metadata-document#section-4">Client
 * Metadata Document</a>
 */
record ClientIdMetadataDocument(String clientId, String clientName, String host, List<String> redirectUris,
		ClientAuthenticationMethod authenticationMethod, @Nullable SignatureAlgorithm signingAlgorithm,
		@Nullable String jwksUri, @Nullable String jwks, @Nullable String scope) {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final int MAX_CLIENT_NAME_LENGTH = 200;

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private static final Map<String, SignatureAlgorithm> SIGNING_ALGORITHMS = Map.of("RS256", SignatureAlgorithm.RS256,
			"ES256", SignatureAlgorithm.ES256, "PS256", SignatureAlgorithm.PS256);

	/**
	 * Parses and checks a document.
	 * @param body the fetched bytes
	 * @param clientId the URL it was fetched from
	 * @param settings the limits
	 * @return the document
	 * @throws ClientMetadataException if it is not acceptable
	 */
	static ClientIdMetadataDocument parse(byte[] body, String clientId, ClientIdMetadataDocumentSettings settings) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw refused("is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw refused("is not a JSON object");
		}
		// CAUTION: exact string comparison, as the draft requires: no normalization, so a
		// trailing slash or a different case is another client.
		if (!clientId.equals(string(root, "client_id"))) {
			throw refused("has a client_id other than its own URL");
		}
		if (root.has("client_secret") || root.has("client_secret_expires_at")) {
			throw refused("holds a client secret, which a public document cannot keep secret");
		}
		List<String> redirectUris = redirectUris(root.get("redirect_uris"), settings.maxRedirectUris());
		checkGrantAndResponseTypes(root);
		String host = URI.create(clientId).getHost();
		String method = string(root, "token_endpoint_auth_method");
		if (method == null || ClientAuthenticationMethod.NONE.getValue().equals(method)) {
			return new ClientIdMetadataDocument(clientId, clientName(root, host), host, redirectUris,
					ClientAuthenticationMethod.NONE, null, null, null, string(root, "scope"));
		}
		if (!ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue().equals(method)) {
			throw refused(method.startsWith("client_secret")
					? "uses a client secret, which a public document cannot keep secret"
					: "has a token_endpoint_auth_method other than none and private_key_jwt");
		}
		String jwksUri = string(root, "jwks_uri");
		String jwks = jwks(root.get("jwks"));
		if ((jwksUri == null) == (jwks == null)) {
			throw refused("must give exactly one of jwks_uri and jwks for private_key_jwt");
		}
		if (jwksUri != null) {
			String problem = UriRules.clientIdProblem(jwksUri, settings.allowLoopbackHttp());
			if (problem != null) {
				throw refused("has a jwks_uri that " + problem);
			}
		}
		String algorithm = string(root, "token_endpoint_auth_signing_alg");
		SignatureAlgorithm signingAlgorithm = SIGNING_ALGORITHMS.get((algorithm != null) ? algorithm : "RS256");
		if (signingAlgorithm == null) {
			throw refused("has a token_endpoint_auth_signing_alg other than RS256, ES256 and PS256");
		}
		return new ClientIdMetadataDocument(clientId, clientName(root, host), host, redirectUris,
				ClientAuthenticationMethod.PRIVATE_KEY_JWT, signingAlgorithm, jwksUri, jwks, string(root, "scope"));
	}

	private static List<String> redirectUris(@Nullable JsonNode node, int max) {
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw refused("must list redirect_uris");
		}
		if (node.size() > max) {
			throw refused("lists more than " + max + " redirect_uris");
		}
		List<String> uris = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode uri = node.get(i);
			if (!uri.isString()) {
				throw refused("has a redirect_uris entry that is not a string");
			}
			String problem = UriRules.redirectUriProblem(uri.stringValue());
			if (problem != null) {
				throw refused("has a redirect URI (number " + (i + 1) + ") that " + problem);
			}
			uris.add(uri.stringValue());
		}
		return List.copyOf(uris);
	}

	private static void checkGrantAndResponseTypes(JsonNode root) {
		for (String grantType : strings(root, "grant_types")) {
			if (!GRANT_TYPES.contains(grantType)) {
				throw refused("has grant_types other than authorization_code and refresh_token");
			}
		}
		JsonNode responseTypes = root.get("response_types");
		if (responseTypes != null && !responseTypes.isNull()
				&& (responseTypes.isEmpty() || !strings(root, "response_types").stream().allMatch("code"::equals))) {
			throw refused("has response_types other than code");
		}
	}

	private static String clientName(JsonNode root, String host) {
		String name = string(root, "client_name");
		if (name == null || name.isBlank()) {
			return host;
		}
		if (name.length() > MAX_CLIENT_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
			throw refused("has a client_name longer than " + MAX_CLIENT_NAME_LENGTH
					+ " characters or with control characters");
		}
		return name.strip();
	}

	private static @Nullable String jwks(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		JWKSet keys;
		try {
			keys = JWKSet.parse(JSON.writeValueAsString(node));
		}
		catch (ParseException | JacksonException ex) {
			throw refused("has a jwks that is not a JWK Set");
		}
		if (keys.getKeys().isEmpty() || keys.getKeys().stream().anyMatch(JWK::isPrivate)) {
			throw refused("has a jwks that is empty or holds private keys");
		}
		return keys.toString();
	}

	private static List<String> strings(JsonNode root, String name) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw refused("has a " + name + " that is not an array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode value : node.values()) {
			if (!value.isString()) {
				throw refused("has a " + name + " that is not an array of strings");
			}
			values.add(value.stringValue());
		}
		return values;
	}

	private static @Nullable String string(JsonNode root, String name) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw refused("has a " + name + " that is not a string");
		}
		return node.stringValue();
	}

	private static ClientMetadataException refused(String problem) {
		return new ClientMetadataException("The client metadata document " + problem);
	}

}
