package io.github.mcpoauthgateway.gateway.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.gateway.LambdaTargetProperties;
import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.Target;
import io.github.mcpoauthgateway.gateway.TargetFactory;
import io.github.mcpoauthgateway.gateway.TargetProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts lambda targets: the function and its tools from the target's {@code lambda}
 * block, invoked through a client with the default credentials chain (the task role on
 * ECS). Nothing is called at start, so a function that is missing or not permitted shows
 * at its first call, as a tool error and in the health details.
 */
public final class LambdaTargetFactory implements TargetFactory {

	public static final String KIND = "lambda";

	private static final JsonMapper JSON = JsonMapper.shared();

	@Override
	public boolean supports(String kind) {
		return KIND.equals(kind);
	}

	@Override
	public List<String> problems(TargetProperties target) {
		return TargetFactory.problemsOf(() -> settings(target));
	}

	@Override
	public Target create(TargetProperties target, OutboundCredentials credentials) {
		return LambdaTarget.create(settings(target), credentials);
	}

	static LambdaTargetSettings settings(TargetProperties target) {
		LambdaTargetProperties lambda = target.getLambda();
		if (lambda.getFunction() == null || lambda.getFunction().isBlank()) {
			throw new IllegalArgumentException("lambda.function is required: a function name or ARN");
		}
		List<LambdaTargetSettings.ToolDefinition> tools = new ArrayList<>();
		for (int i = 0; i < lambda.getTools().size(); i++) {
			LambdaTargetProperties.Tool tool = lambda.getTools().get(i);
			if (tool.getName() == null || tool.getName().isBlank()) {
				throw new IllegalArgumentException("lambda.tools[" + i + "].name is required");
			}
			tools.add(new LambdaTargetSettings.ToolDefinition(tool.getName(), tool.getDescription(),
					inputSchema(i, tool)));
		}
		// The client's own limit is a backstop a second later: the gateway abandons the
		// call
		// at the target's timeout, so a slow function always gets the same answer.
		return new LambdaTargetSettings(name(target), lambda.getFunction().trim(), lambda.getRegion(),
				lambda.getEndpoint(), target.getTimeout().plusSeconds(1),
				Math.toIntExact(target.getMaxResponseBytes().toBytes()), tools);
	}

	private static Map<String, Object> inputSchema(int index, LambdaTargetProperties.Tool tool) {
		if (tool.getInputSchema() != null && !tool.getInputSchema().isBlank()) {
			try {
				return JSON.readValue(tool.getInputSchema(), new TypeReference<LinkedHashMap<String, Object>>() {
				});
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(
						"lambda.tools[" + index + "].input-schema is not a JSON object: " + ex.getOriginalMessage());
			}
		}
		if (!tool.getInputSchemaMap().isEmpty()) {
			return tool.getInputSchemaMap();
		}
		// A tool without arguments.
		Map<String, Object> empty = new LinkedHashMap<>();
		empty.put("type", "object");
		empty.put("properties", new LinkedHashMap<>());
		return empty;
	}

	// Refuses a target without a name as LambdaTargetSettings does: problems() reports
	// it.
	private static String name(TargetProperties target) {
		String name = target.getName();
		if (name == null) {
			throw new IllegalArgumentException("A Lambda target's name must match [a-zA-Z0-9_-]{1,64}, got 'null'");
		}
		return name;
	}

}
