package io.github.mcpoauthgateway.tool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Computes a cryptographic digest of a text, something models cannot do reliably in their
 * heads.
 */
@Component
final class HashTextTool implements McpTool {

	private static final List<String> ALGORITHMS = List.of("SHA-256", "SHA-384", "SHA-512", "SHA3-256");

	private static final int MAX_TEXT_LENGTH = 100_000;

	private static final McpSchema.Tool DEFINITION = McpSchema.Tool.builder()
		.name("hash_text")
		.title("Hash text")
		.description("Returns the hex digest of a UTF-8 text with SHA-256 (default), SHA-384, SHA-512 or SHA3-256.")
		.inputSchema(
				Map.of("type", "object", "properties",
						Map.of("text",
								Map.of("type", "string", "description", "The text to hash", "maxLength",
										MAX_TEXT_LENGTH),
								"algorithm", Map.of("type", "string", "enum", ALGORITHMS)),
						"required", List.of("text"), "additionalProperties", false))
		.annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true).build())
		.build();

	@Override
	public McpSchema.Tool definition() {
		return DEFINITION;
	}

	@Override
	public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
		if (!(arguments.get("text") instanceof String text)) {
			throw new IllegalArgumentException("text is required and must be a string");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new IllegalArgumentException("text is longer than " + MAX_TEXT_LENGTH + " characters");
		}
		String algorithm = algorithm(arguments.get("algorithm"));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("algorithm", algorithm);
		result.put("hex", HexFormat.of().formatHex(digest(algorithm, text)));
		return ToolResults.structured(result);
	}

	private static String algorithm(@Nullable Object argument) {
		if (argument == null) {
			return ALGORITHMS.get(0);
		}
		String name = String.valueOf(argument).toUpperCase(Locale.ROOT);
		if (!ALGORITHMS.contains(name)) {
			throw new IllegalArgumentException("algorithm must be one of " + ALGORITHMS);
		}
		return name;
	}

	private static byte[] digest(String algorithm, String text) {
		try {
			return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides " + algorithm, ex);
		}
	}

}
