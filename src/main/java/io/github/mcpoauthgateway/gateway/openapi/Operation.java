package io.github.mcpoauthgateway.gateway.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/**
 * One operation of the document as a tool: its definition, with an input schema whose
 * properties are the path, query and header parameters by name plus {@code body} for a
 * JSON request body (kept apart so that body fields never collide with parameters), and
 * what a call sends.
 *
 * @param definition the tool definition
 * @param method the HTTP method
 * @param path the path template, e.g. {@code /pets/{petId}}
 * @param parameters the parameters sent
 * @param hasBody whether the operation takes a JSON body
 */
record Operation(McpSchema.Tool definition, String method, String path, List<OperationParameter> parameters,
		boolean hasBody) {

	static final String BODY = "body";

	// OpenAPI says these header parameters are ignored: the client owns them.
	private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Operation of(String method, String path, io.swagger.v3.oas.models.Operation operation,
			List<Parameter> pathItemParameters, boolean openApi31) {
		Map<String, Object> properties = new LinkedHashMap<>();
		Set<String> required = new LinkedHashSet<>();
		List<OperationParameter> parameters = new ArrayList<>();
		Map<String, Parameter> merged = new LinkedHashMap<>();
		// Operation parameters override path-level ones of the same name and location.
		pathItemParameters.forEach((p) -> merged.put(p.getIn() + ":" + p.getName(), p));
		if (operation.getParameters() != null) {
			operation.getParameters().forEach((p) -> merged.put(p.getIn() + ":" + p.getName(), p));
		}
		for (Parameter parameter : merged.values()) {
			String in = (parameter.getIn() != null) ? parameter.getIn() : "";
			String name = parameter.getName();
			if (name == null || !Set.of("path", "query", "header").contains(in) || properties.containsKey(name)
					|| BODY.equals(name)
					|| ("header".equals(in) && IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT)))) {
				continue;
			}
			Map<String, Object> schema = (parameter.getSchema() != null) ? toMap(parameter.getSchema(), openApi31)
					: new LinkedHashMap<>(Map.of("type", "string"));
			if (parameter.getDescription() != null && !schema.containsKey("description")) {
				schema.put("description", parameter.getDescription());
			}
			properties.put(name, schema);
			boolean isRequired = "path".equals(in) || Boolean.TRUE.equals(parameter.getRequired());
			if (isRequired) {
				required.add(name);
			}
			parameters.add(new OperationParameter(name, in, isRequired));
		}
		Schema bodySchema = jsonBody(operation.getRequestBody());
		if (bodySchema != null) {
			Map<String, Object> schema = toMap(bodySchema, openApi31);
			if (operation.getRequestBody().getDescription() != null && !schema.containsKey("description")) {
				schema.put("description", operation.getRequestBody().getDescription());
			}
			properties.put(BODY, schema);
			if (Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
				required.add(BODY);
			}
		}
		Map<String, Object> inputSchema = new LinkedHashMap<>();
		inputSchema.put("type", "object");
		inputSchema.put("properties", properties);
		if (!required.isEmpty()) {
			inputSchema.put("required", new ArrayList<>(required));
		}
		McpSchema.Tool definition = McpSchema.Tool.builder()
			.name(operation.getOperationId())
			.description(description(method, path, operation))
			.inputSchema(inputSchema)
			.build();
		return new Operation(definition, method, path, List.copyOf(parameters), bodySchema != null);
	}

	private static String description(String method, String path, io.swagger.v3.oas.models.Operation operation) {
		List<String> parts = new ArrayList<>();
		if (operation.getSummary() != null && !operation.getSummary().isBlank()) {
			parts.add(operation.getSummary().trim());
		}
		if (operation.getDescription() != null && !operation.getDescription().isBlank()) {
			parts.add(operation.getDescription().trim());
		}
		return parts.isEmpty() ? method + " " + path : String.join("\n\n", parts);
	}

	@SuppressWarnings("rawtypes")
	private static @Nullable Schema jsonBody(@Nullable RequestBody body) {
		if (body == null || body.getContent() == null) {
			return null;
		}
		for (Map.Entry<String, MediaType> entry : body.getContent().entrySet()) {
			String type = entry.getKey().toLowerCase(Locale.ROOT);
			if ((type.startsWith("application/json") || type.endsWith("+json")) && entry.getValue() != null) {
				Schema schema = entry.getValue().getSchema();
				return (schema != null) ? schema : new Schema<>();
			}
		}
		return null;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Map<String, Object> toMap(Schema schema, boolean openApi31) {
		// The parser's own mapper writes its schema model back as JSON Schema.
		return new LinkedHashMap<>((openApi31 ? Json31.mapper() : Json.mapper()).convertValue(schema, Map.class));
	}

}
