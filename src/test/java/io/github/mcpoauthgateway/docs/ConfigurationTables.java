package io.github.mcpoauthgateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.mcpoauthgateway.docs.ConfigurationMetadata.Property;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Renders the settings tables of docs/configuration.md from the configuration metadata:
 * one row per property with its environment variable, default and Javadoc.
 */
final class ConfigurationTables {

	static final String HEADER = "| Variable | Property | Default | Description |\n|---|---|---|---|\n";

	private static final String EMPTY = "empty";

	private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yml");

	/** A value of application.yml that is only an environment variable with a default. */
	private static final Pattern MAPPED_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

	private final Map<String, String> mappedVariables;

	private ConfigurationTables(Map<String, String> mappedVariables) {
		this.mappedVariables = mappedVariables;
	}

	static ConfigurationTables fromApplicationYaml() {
		try {
			Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
				.load(Files.readString(APPLICATION_YAML));
			Map<String, String> mapped = new LinkedHashMap<>();
			flatten("", document, mapped);
			return new ConfigurationTables(mapped);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> map, Map<String, String> mapped) {
		map.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(name, (Map<String, Object>) nested, mapped);
			}
			else if (value instanceof String text) {
				Matcher matcher = MAPPED_VARIABLE.matcher(text);
				if (matcher.matches()) {
					mapped.put(name, matcher.group(1));
				}
			}
		});
	}

	/**
	 * The table of the given properties.
	 * @param properties the properties, in the order of their rows
	 * @return the table in Markdown, header included
	 */
	String render(Collection<Property> properties) {
		return HEADER + properties.stream().map(this::row).collect(Collectors.joining());
	}

	private String row(Property property) {
		return "| " + variable(property) + " | `" + property.name() + "` | " + defaultValue(property) + " | "
				+ description(property) + " |\n";
	}

	/**
	 * The variable that sets the property: the one application.yml maps it from, else the
	 * one Spring Boot's relaxed binding reads. Lists and maps of objects have none worth
	 * writing; they are set by index or key in YAML or properties.
	 */
	String variable(Property property) {
		String mapped = this.mappedVariables.get(property.name());
		if (mapped != null) {
			return "`" + mapped + "`";
		}
		if (!isScalarOrListOfScalars(property.type())) {
			return "—";
		}
		return "`" + property.name().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT) + "`";
	}

	private static boolean isScalarOrListOfScalars(@Nullable String type) {
		if (type == null || !type.contains("<")) {
			return true;
		}
		String arguments = type.substring(type.indexOf('<') + 1, type.lastIndexOf('>'));
		return !type.startsWith("java.util.Map") && arguments.startsWith("java.lang.");
	}

	private static String defaultValue(Property property) {
		String value = (property.defaultValue() != null) ? metadataDefault(property.defaultValue())
				: fieldDefault(property);
		if (value == null) {
			return "—";
		}
		return EMPTY.equals(value) ? value : "`" + value + "`";
	}

	private static String metadataDefault(JsonNode value) {
		if (value.isArray()) {
			return value.valueStream().map(JsonNode::asString).collect(Collectors.joining(","));
		}
		return value.asString();
	}

	/**
	 * The default a field initializer gives where the processor could not read it (an
	 * expression such as {@code 16 * 1024}, or a list): read from a new instance of the
	 * properties class.
	 */
	private static @Nullable String fieldDefault(Property property) {
		if (property.sourceType() == null) {
			return null;
		}
		try {
			Class<?> type = ClassUtils.forName(property.sourceType(), ConfigurationTables.class.getClassLoader());
			Object instance = BeanUtils.instantiateClass(ReflectionUtils.accessibleConstructor(type));
			String leaf = property.name().substring(property.name().lastIndexOf('.') + 1);
			Object value = new BeanWrapperImpl(instance).getPropertyValue(ConfigurationMetadata.camelCase(leaf));
			if (value instanceof Collection<?> collection) {
				return collection.isEmpty() ? EMPTY
						: collection.stream().map(String::valueOf).collect(Collectors.joining(","));
			}
			if (value instanceof Map<?, ?> map) {
				return map.isEmpty() ? EMPTY : map.toString();
			}
			return (value != null) ? String.valueOf(value) : null;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read the default of " + property.name(), ex);
		}
	}

	/**
	 * The Javadoc on one line, safe inside a table cell.
	 */
	private static String description(Property property) {
		String text = (property.description() != null) ? property.description() : "";
		return text.replaceAll("\\s+", " ").trim().replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
	}

}
