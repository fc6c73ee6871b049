package io.github.mcpoauthgateway.gateway.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LambdaTargetSettingsTests {

	private static final Map<String, Object> SCHEMA = Map.of("type", "object");

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "dotted.name", "slash/name", "ünicode",
			"a123456789b123456789c123456789d123456789e123456789f123456789g1234" })
	void constructorWhenToolNameInvalidThenRefusedNamingIt(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("my-function", tool(name, SCHEMA)))
			.withMessage("Lambda target 'orders': tool name '" + name + "' must match [a-zA-Z0-9_-]{1,64}");
	}

	@Test
	void constructorWhenToolNameHas64CharactersThenAccepted() {
		String name = "a".repeat(64);
		assertThat(settings("my-function", tool(name, SCHEMA)).tools())
			.extracting(LambdaTargetSettings.ToolDefinition::name)
			.containsExactly(name);
	}

	@Test
	void constructorWhenSchemaIsNotAnObjectSchemaThenRefused() {
		for (Map<String, Object> schema : List.<Map<String, Object>>of(Map.of(), Map.of("type", "string"),
				Map.of("type", List.of("object", "null")))) {
			assertThatIllegalArgumentException().isThrownBy(() -> settings("my-function", tool("find", schema)))
				.withMessage("Lambda target 'orders', tool 'find': the input schema must be a JSON object schema "
						+ "(\"type\": \"object\")");
		}
	}

	@Test
	void constructorWhenSchemaPropertiesIsNotAnObjectThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings("my-function", tool("find", Map.of("type", "object", "properties", List.of()))))
			.withMessage("Lambda target 'orders', tool 'find': the input schema's \"properties\" must be an object");
	}

	@Test
	void constructorWhenSchemaRequiredIsNotNamesThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings("my-function", tool("find", Map.of("type", "object", "required", "id"))))
			.withMessage("Lambda target 'orders', tool 'find': the input schema's \"required\" must be a list of "
					+ "property names");
	}

	@Test
	void constructorWhenSchemaMissingThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("my-function", tool("find", null)))
			.withMessageContaining("tool 'find': the input schema must be a JSON object schema");
	}

	@Test
	void constructorWhenTwoToolsShareANameThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings("my-function", tool("find", SCHEMA), tool("find", SCHEMA)))
			.withMessage("Lambda target 'orders': two tools are named 'find'");
	}

	@Test
	void constructorWhenNoToolsThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("my-function"))
			.withMessage("Lambda target 'orders': define at least one tool");
	}

	@ParameterizedTest
	@ValueSource(strings = { "my-function", "my-function:live", "my-function:7", "my-function:$LATEST",
			"123456789012:function:my-function", "arn:aws:lambda:eu-west-1:123456789012:function:my-function",
			"arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my-function:live" })
	void constructorWhenFunctionIsANameOrArnThenAccepted(String function) {
		assertThat(settings(function, tool("find", SCHEMA)).function()).isEqualTo(function);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "my function", "my-function:", "arn:aws:s3:::bucket",
			"arn:aws:lambda:eu-west-1:12345:function:my-function", "my-function:live:extra" })
	void constructorWhenFunctionMalformedThenRefused(String function) {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(function, tool("find", SCHEMA)))
			.withMessage("Lambda target 'orders': function must be a function name, a partial ARN or a full ARN, "
					+ "optionally with :qualifier");
	}

	@Test
	void effectiveRegionWhenFullArnAndNoRegionThenArnRegion() {
		LambdaTargetSettings settings = settings("arn:aws:lambda:eu-west-1:123456789012:function:f:live",
				tool("find", SCHEMA));
		assertThat(settings.effectiveRegion()).isEqualTo("eu-west-1");
	}

	@Test
	void effectiveRegionWhenNameOnlyThenNull() {
		assertThat(settings("my-function", tool("find", SCHEMA)).effectiveRegion()).isNull();
	}

	@Test
	void constructorWhenRegionDiffersFromArnThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LambdaTargetSettings("orders", "arn:aws:lambda:eu-west-1:123456789012:function:f",
					"us-east-1", null, Duration.ofSeconds(5), 1024, List.of(tool("find", SCHEMA))))
			.withMessage("Lambda target 'orders': region us-east-1 differs from the region of the function ARN "
					+ "(eu-west-1)");
	}

	@Test
	void constructorWhenTimeoutNotPositiveThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LambdaTargetSettings("orders", "f", null, null, Duration.ZERO, 1024,
					List.of(tool("find", SCHEMA))))
			.withMessage("Lambda target 'orders': timeout must be positive");
	}

	@Test
	void constructorWhenEndpointNotHttpThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LambdaTargetSettings("orders", "f", null, URI.create("file:///tmp/x"),
					Duration.ofSeconds(1), 1024, List.of(tool("find", SCHEMA))))
			.withMessage("Lambda target 'orders': endpoint must be an absolute http(s) URL");
	}

	@Test
	void constructorWhenTargetNameInvalidThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LambdaTargetSettings("my target", "f", null, null, Duration.ofSeconds(1), 1024,
					List.of(tool("find", SCHEMA))))
			.withMessage("A Lambda target's name must match [a-zA-Z0-9_-]{1,64}, got 'my target'");
	}

	private static LambdaTargetSettings settings(String function, LambdaTargetSettings.ToolDefinition... tools) {
		return new LambdaTargetSettings("orders", function, null, null, Duration.ofSeconds(5), 1024, List.of(tools));
	}

	private static LambdaTargetSettings.ToolDefinition tool(String name, Map<String, Object> schema) {
		return new LambdaTargetSettings.ToolDefinition(name, "A tool.", schema);
	}

}
