package io.github.mcpoauthgateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the repository's deployment files for the static checks. The CloudFormation
 * templates use the long form of intrinsic functions, so they are plain YAML.
 */
final class DeploymentFiles {

	/** Spring's own variable, the one setting that .env.example does not list. */
	static final String SPRING_PROFILES_ACTIVE = "SPRING_PROFILES_ACTIVE";

	private static final Pattern DOCUMENTED_VARIABLE = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

	private DeploymentFiles() {
	}

	/**
	 * A file of the repository; Maven runs the tests in the project directory.
	 * @param path the path from the repository's root
	 * @return the file
	 */
	static Path file(String path) {
		return Path.of(path);
	}

	static String text(String path) {
		try {
			return Files.readString(file(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> yaml(String path) {
		Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text(path));
		return document;
	}

	/**
	 * The variables that .env.example documents, set or commented out.
	 * @return their names, in the file's order
	 */
	static Set<String> documentedVariables() {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = DOCUMENTED_VARIABLE.matcher(text(".env.example"));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, String... keys) {
		Object current = node;
		for (String key : keys) {
			current = ((Map<String, Object>) current).get(key);
		}
		return (current != null) ? (Map<String, Object>) current : new LinkedHashMap<>();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		return (node != null) ? (List<Object>) node : List.of();
	}

}
