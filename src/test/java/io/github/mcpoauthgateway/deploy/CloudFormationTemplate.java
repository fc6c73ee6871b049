package io.github.mcpoauthgateway.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template in long form, read as maps and lists, with the questions the
 * static checks ask of it.
 *
 * @param path the template's path in the repository
 * @param document the parsed template
 */
record CloudFormationTemplate(String path, Map<String, Object> document) {

	private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)[.}]");

	private static final Pattern RESOURCE_KEY = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");

	static CloudFormationTemplate read(String path) {
		return new CloudFormationTemplate(path, DeploymentFiles.yaml(path));
	}

	Map<String, Object> parameters() {
		return DeploymentFiles.map(this.document, "Parameters");
	}

	Map<String, Object> parameter(String name) {
		return DeploymentFiles.map(this.document, "Parameters", name);
	}

	Map<String, Object> properties(String resource) {
		return DeploymentFiles.map(this.document, "Resources", resource, "Properties");
	}

	List<Map<String, Object>> resourcesOfType(String type) {
		List<Map<String, Object>> resources = new ArrayList<>();
		DeploymentFiles.map(this.document, "Resources").values().forEach((resource) -> {
			if (type.equals(DeploymentFiles.map(resource).get("Type"))) {
				resources.add(DeploymentFiles.map(resource, "Properties"));
			}
		});
		return resources;
	}

	/**
	 * The parameters that nothing in the conditions, resources or outputs refers to.
	 * @return their names
	 */
	List<String> unusedParameters() {
		Set<String> referenced = new LinkedHashSet<>();
		for (String section : List.of("Conditions", "Resources", "Outputs")) {
			collectReferences(this.document.get(section), referenced);
		}
		return parameters().keySet().stream().filter((name) -> !referenced.contains(name)).toList();
	}

	/**
	 * The environment of the only container of the only task definition, with the entries
	 * an {@code Fn::If} (or several, nested) may add.
	 * @return each variable's value expression by name
	 */
	Map<String, Object> containerEnvironment() {
		Map<String, Object> environment = new LinkedHashMap<>();
		for (Object entry : DeploymentFiles.list(container().get("Environment"))) {
			Map<String, Object> pair = DeploymentFiles.map(whenTrue(entry));
			environment.put((String) pair.get("Name"), pair.get("Value"));
		}
		return environment;
	}

	/**
	 * The secrets of the same container, when the {@code Fn::If} around them holds.
	 * @return each variable's {@code ValueFrom} expression by name
	 */
	Map<String, Object> containerSecrets() {
		Map<String, Object> secrets = new LinkedHashMap<>();
		for (Object entry : DeploymentFiles.list(whenTrue(container().get("Secrets")))) {
			Map<String, Object> pair = DeploymentFiles.map(whenTrue(entry));
			secrets.put((String) pair.get("Name"), pair.get("ValueFrom"));
		}
		return secrets;
	}

	/**
	 * The conditions an environment entry depends on, outermost first.
	 * @param name the variable
	 * @return the conditions, empty when it is always set
	 */
	List<String> environmentConditions(String name) {
		for (Object entry : DeploymentFiles.list(container().get("Environment"))) {
			List<String> conditions = new ArrayList<>();
			Object node = entry;
			while (node instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
				conditions.add((String) DeploymentFiles.list(map.get("Fn::If")).get(0));
				node = DeploymentFiles.list(map.get("Fn::If")).get(1);
			}
			if (name.equals(DeploymentFiles.map(node).get("Name"))) {
				return conditions;
			}
		}
		throw new IllegalArgumentException(name + " is not in the environment");
	}

	/**
	 * The conditions a secret of the container depends on, outermost first.
	 * @param name the variable
	 * @return the conditions, empty when it is always set
	 */
	List<String> secretConditions(String name) {
		List<String> outer = new ArrayList<>();
		Object secrets = container().get("Secrets");
		while (secrets instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
			outer.add((String) DeploymentFiles.list(map.get("Fn::If")).get(0));
			secrets = DeploymentFiles.list(map.get("Fn::If")).get(1);
		}
		for (Object entry : DeploymentFiles.list(secrets)) {
			List<String> conditions = new ArrayList<>(outer);
			Object node = entry;
			while (node instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
				conditions.add((String) DeploymentFiles.list(map.get("Fn::If")).get(0));
				node = DeploymentFiles.list(map.get("Fn::If")).get(1);
			}
			if (name.equals(DeploymentFiles.map(node).get("Name"))) {
				return conditions;
			}
		}
		throw new IllegalArgumentException(name + " is not a secret");
	}

	/**
	 * The value of an expression made of {@code Ref}, {@code Fn::Join} and
	 * {@code Fn::Split}, as CloudFormation computes it.
	 * @param node the expression
	 * @param parameters the parameters' values, a list for a list parameter
	 * @return a string or a list of strings
	 */
	static Object evaluate(Object node, Map<String, Object> parameters) {
		if (node instanceof Map<?, ?> map && map.size() == 1) {
			if (map.get("Ref") instanceof String name) {
				return parameters.get(name);
			}
			if (map.containsKey("Fn::Join")) {
				List<Object> arguments = DeploymentFiles.list(map.get("Fn::Join"));
				Object items = evaluate(arguments.get(1), parameters);
				return String.join((String) arguments.get(0),
						DeploymentFiles.list(items)
							.stream()
							.map((item) -> (String) evaluate(item, parameters))
							.toList());
			}
			if (map.containsKey("Fn::Split")) {
				List<Object> arguments = DeploymentFiles.list(map.get("Fn::Split"));
				String text = (String) evaluate(arguments.get(1), parameters);
				return List.of(text.split(Pattern.quote((String) arguments.get(0)), -1));
			}
			throw new IllegalArgumentException("Not evaluated here: " + map.keySet());
		}
		return node;
	}

	Map<String, Object> container() {
		List<Map<String, Object>> taskDefinitions = resourcesOfType("AWS::ECS::TaskDefinition");
		return DeploymentFiles.map(DeploymentFiles.list(taskDefinitions.get(0).get("ContainerDefinitions")).get(0));
	}

	/**
	 * A value as it is when every {@code Fn::If} around it holds: {@code [condition, the
	 * value, Ref AWS::NoValue]}.
	 */
	static Object whenTrue(Object node) {
		Object value = node;
		while (value instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
			value = DeploymentFiles.list(map.get("Fn::If")).get(1);
		}
		return value;
	}

	/**
	 * The parameter a value is, when it is exactly {@code Ref: <parameter>}.
	 * @param value a value expression
	 * @return the parameter's name, or {@code null}
	 */
	String parameterOf(Object value) {
		if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Ref") instanceof String name
				&& parameters().containsKey(name)) {
			return name;
		}
		return null;
	}

	/**
	 * Whether a value is made of this template's own resources only: an {@code Fn::Sub}
	 * whose every variable is an attribute of one of its resources (such as a database
	 * endpoint), which no parameter could give.
	 * @param value the value
	 * @return whether it is
	 */
	boolean fromOwnResources(Object value) {
		if (!(value instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::Sub") instanceof String text)) {
			return false;
		}
		Map<String, Object> resources = DeploymentFiles.map(this.document, "Resources");
		Matcher variable = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.[A-Za-z0-9.]+}").matcher(text);
		boolean any = false;
		while (variable.find()) {
			if (!resources.containsKey(variable.group(1))) {
				return false;
			}
			any = true;
		}
		return any && !text.replaceAll("\\$\\{[A-Za-z0-9]+\\.[A-Za-z0-9.]+}", "").contains("${");
	}

	/**
	 * The resources whose line in the file has no comment line right above it.
	 * @param text the template's text
	 * @return their logical ids
	 */
	static List<String> resourcesWithoutComment(String text) {
		List<String> uncommented = new ArrayList<>();
		String[] lines = text.split("\n");
		boolean inResources = false;
		for (int i = 0; i < lines.length; i++) {
			if (!lines[i].startsWith(" ") && !lines[i].isBlank()) {
				inResources = lines[i].startsWith("Resources:");
				continue;
			}
			Matcher resource = RESOURCE_KEY.matcher(lines[i]);
			if (inResources && resource.matches() && (i == 0 || !lines[i - 1].startsWith("  #"))) {
				uncommented.add(resource.group(1));
			}
		}
		return uncommented;
	}

	private static void collectReferences(Object node, Set<String> names) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("Ref".equals(key) && value instanceof String name) {
					names.add(name);
				}
				else if ("Fn::Sub".equals(key)) {
					String text = (value instanceof List<?> list) ? (String) list.get(0) : (String) value;
					Matcher variable = SUB_VARIABLE.matcher(text);
					while (variable.find()) {
						names.add(variable.group(1));
					}
				}
				collectReferences(value, names);
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collectReferences(item, names));
		}
	}

}
