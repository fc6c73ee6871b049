package io.github.mcpoauthgateway.tool;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SuppressWarnings("unchecked")
class HashTextToolTests {

	private static final Caller CALLER = new Caller("iss", "sub", null, null, Set.of(), Set.of(), null);

	private final HashTextTool tool = new HashTextTool();

	@Test
	void callWhenSha512ThenKnownDigest() {
		assertThat((Map<String, Object>) this.tool.call(CALLER, Map.of("text", "", "algorithm", "sha-512"))
			.structuredContent()).containsEntry("algorithm", "SHA-512")
			.containsEntry("hex",
					"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
	}

	@Test
	void callWhenUnknownAlgorithmThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tool.call(CALLER, Map.of("text", "x", "algorithm", "MD5")))
			.withMessageStartingWith("algorithm must be one of");
	}

	@Test
	void callWhenTextMissingThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tool.call(CALLER, Map.of()))
			.withMessage("text is required and must be a string");
	}

	@Test
	void callWhenTextTooLongThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tool.call(CALLER, Map.of("text", "x".repeat(100_001))));
	}

}
