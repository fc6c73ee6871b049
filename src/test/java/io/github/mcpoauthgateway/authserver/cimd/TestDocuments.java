package io.github.mcpoauthgateway.authserver.cimd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Client metadata documents as clients publish them, to change one field per test.
 */
final class TestDocuments {

	private static final JsonMapper JSON = JsonMapper.shared();

	private TestDocuments() {
	}

	/** A public client's document, as Claude Code or VS Code publish theirs. */
	static Map<String, Object> publicClient(String clientId) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("client_id", clientId);
		document.put("client_name", "Example MCP Client");
		document.put("client_uri", "https://app.example.com");
		document.put("redirect_uris", List.of("http://127.0.0.1/callback", "https://app.example.com/oauth/callback"));
		document.put("grant_types", List.of("authorization_code", "refresh_token"));
		document.put("response_types", List.of("code"));
		document.put("token_endpoint_auth_method", "none");
		return document;
	}

	/** A document with {@code private_key_jwt}, as ChatGPT publishes its own. */
	static Map<String, Object> privateKeyJwtClient(String clientId, String jwksUri) {
		Map<String, Object> document = publicClient(clientId);
		document.put("token_endpoint_auth_method", "private_key_jwt");
		document.put("token_endpoint_auth_signing_alg", "RS256");
		document.put("jwks_uri", jwksUri);
		return document;
	}

	static String json(Map<String, Object> document) {
		return JSON.writeValueAsString(document);
	}

}
