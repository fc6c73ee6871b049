package io.github.mcpoauthgateway.docs;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * The configuration properties the build knows: this project's, from the metadata that
 * spring-boot-configuration-processor writes for its {@code @ConfigurationProperties}
 * classes, and the framework's, from the metadata in Spring Boot's jars.
 */
final class ConfigurationMetadata {

	/** Written by the annotation processor at compile time; Maven runs the tests here. */
	static final Path PROJECT_METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Property> project;

	private final Map<String, Property> framework;

	private ConfigurationMetadata(Map<String, Property> project, Map<String, Property> framework) {
		this.project = project;
		this.framework = framework;
	}

	static ConfigurationMetadata load() {
		Map<String, Property> project = new LinkedHashMap<>();
		try (InputStream in = Files.newInputStream(PROJECT_METADATA)) {
			read(in, project);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Compile first: " + PROJECT_METADATA + " is written by the build", ex);
		}
		Map<String, Property> framework = new LinkedHashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:META-INF/*spring-configuration-metadata.json")) {
				try (InputStream in = resource.getInputStream()) {
					read(in, framework);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		project.keySet().forEach(framework::remove);
		return new ConfigurationMetadata(project, framework);
	}

	private static void read(InputStream in, Map<String, Property> into) {
		JsonNode properties = JSON.readTree(in).path("properties");
		for (JsonNode property : properties) {
			String name = property.path("name").asString();
			into.putIfAbsent(name, new Property(name, text(property, "type"), text(property, "sourceType"),
					text(property, "description"), property.has("defaultValue") ? property.get("defaultValue") : null));
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asString() : null;
	}

	/**
	 * This project's properties, in the metadata's (alphabetical) order.
	 * @return the properties by name
	 */
	Map<String, Property> project() {
		return this.project;
	}

	/**
	 * Whether a name a document gives is a property: one of the metadata's, or a key or
	 * element of a map or list property followed by a property of its value type, as in
	 * {@code mcp.tool-access.<tool>.scopes}, {@code dev.clients[n].id} or
	 * {@code logging.level.mcp.audit}.
	 * @param name the name as documented
	 * @return whether it binds
	 */
	boolean exists(String name) {
		if (this.project.containsKey(name) || this.framework.containsKey(name)) {
			return true;
		}
		return container(name).map((property) -> bindsBelow(property, name.substring(property.name().length())))
			.orElse(false);
	}

	/**
	 * Whether any property's name starts with the prefix, as {@code spring.datasource.*}
	 * says.
	 * @param prefix the prefix, without the dot that follows it
	 * @return whether it names a group of properties
	 */
	boolean hasPropertiesUnder(String prefix) {
		return List.of(this.project, this.framework)
			.stream()
			.flatMap((properties) -> properties.keySet().stream())
			.anyMatch((name) -> name.startsWith(prefix + "."));
	}

	private Optional<Property> container(String name) {
		Property found = null;
		for (Map<String, Property> properties : List.of(this.project, this.framework)) {
			for (Property property : properties.values()) {
				String prefix = property.name();
				if (name.length() > prefix.length() && name.startsWith(prefix)
						&& (name.charAt(prefix.length()) == '.' || name.charAt(prefix.length()) == '[')
						&& (found == null || prefix.length() > found.name().length())) {
					found = property;
				}
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * Whether the rest of a name, after a map or list property, reaches a property of its
	 * value type: {@code .<key>} or {@code [n]}, then a path of bean properties.
	 */
	private static boolean bindsBelow(Property container, String rest) {
		String type = (container.type() != null) ? container.type() : "";
		if (type.startsWith("java.util.Map<")) {
			String arguments = type.substring(type.indexOf('<') + 1, type.lastIndexOf('>'));
			Class<?> value = load(arguments.substring(arguments.indexOf(',') + 1));
			if (!rest.startsWith(".") || value == null) {
				return false;
			}
			if (isScalar(value)) {
				// The whole rest is the key, as in logging.level.<logger name>.
				return rest.length() > 1;
			}
			int end = rest.indexOf('.', 1);
			return end > 0 && beanPathExists(value, rest.substring(end + 1));
		}
		if (type.startsWith("java.util.List<") || type.startsWith("java.util.Set<")) {
			Class<?> element = load(type.substring(type.indexOf('<') + 1, type.lastIndexOf('>')));
			return element != null && rest.matches("\\[[^]]+]\\..+")
					&& beanPathExists(element, rest.substring(rest.indexOf("].") + 2));
		}
		return false;
	}

	private static @Nullable Class<?> load(String typeName) {
		String raw = typeName.contains("<") ? typeName.substring(0, typeName.indexOf('<')) : typeName;
		try {
			return ClassUtils.forName(raw.trim(), ConfigurationMetadata.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private static boolean beanPathExists(Class<?> type, String path) {
		Class<?> current = type;
		for (String segment : path.split("\\.")) {
			PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(current, camelCase(segment));
			if (descriptor == null || descriptor.getReadMethod() == null) {
				return false;
			}
			current = descriptor.getPropertyType();
		}
		return true;
	}

	private static boolean isScalar(Class<?> type) {
		return type.isEnum() || type.getName().startsWith("java.lang.") || type.getName().startsWith("java.time.");
	}

	static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	/**
	 * One property of the metadata.
	 *
	 * @param name its name, such as {@code mcp.resource-url}
	 * @param type its Java type as the metadata spells it
	 * @param sourceType the class that declares it
	 * @param description its Javadoc
	 * @param defaultValue its default when the processor could read it from the source
	 */
	record Property(String name, @Nullable String type, @Nullable String sourceType, @Nullable String description,
			@Nullable JsonNode defaultValue) {

	}

}
