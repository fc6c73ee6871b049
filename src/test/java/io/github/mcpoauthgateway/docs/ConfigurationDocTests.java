package io.github.mcpoauthgateway.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.docs.ConfigurationMetadata.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md cannot drift from the settings: its generated tables are what the
 * configuration metadata gives, every property its other tables name binds, and every
 * variable of .env.example is documented.
 */
class ConfigurationDocTests {

	static final String DOCUMENT = "docs/configuration.md";

	/** Set it to write the generated tables instead of comparing them. */
	static final String REGENERATE = "docs.regenerate";

	static final String HOW_TO_REGENERATE = "./mvnw -B verify -Dtest=ConfigurationDocTests "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -D" + REGENERATE + "=true";

	private static final Pattern GENERATED = Pattern.compile(
			"(<!-- generated from the configuration metadata: ([a-z.-]+) -->\n)(.*?)(<!-- end of generated table -->)",
			Pattern.DOTALL);

	private static final Pattern ENV_EXAMPLE_VARIABLE = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

	/**
	 * The property names .env.example gives in brackets, e.g. [cognito.region,
	 * cognito.user-pool-id].
	 */
	private static final Pattern ENV_EXAMPLE_PROPERTIES = Pattern
		.compile("\\[([a-z][a-z0-9.*-]*(?:, [a-z][a-z0-9.*-]*)*)]");

	private static ConfigurationMetadata metadata;

	private static ConfigurationTables tables;

	@BeforeAll
	static void load() {
		metadata = ConfigurationMetadata.load();
		tables = ConfigurationTables.fromApplicationYaml();
	}

	@Test
	void generatedTablesWhenComparedWithTheMetadataThenTheSame() {
		String document = Documents.text(DOCUMENT);
		String regenerated = regenerate(document);
		if (Boolean.getBoolean(REGENERATE)) {
			Documents.write(DOCUMENT, regenerated);
		}
		else {
			assertThat(document)
				.as("The settings tables of %s differ from the configuration metadata; regenerate them with: %s",
						DOCUMENT, HOW_TO_REGENERATE)
				.isEqualTo(regenerated);
		}
	}

	@Test
	void generatedTablesWhenTogetherThenEveryPropertyOfTheProjectOnce() {
		Map<String, List<Property>> byTable = assign(blockPrefixes(Documents.text(DOCUMENT)));
		List<String> placed = byTable.values().stream().flatMap(List::stream).map(Property::name).toList();
		assertThat(placed).as("properties in no generated table of %s", DOCUMENT)
			.containsExactlyInAnyOrderElementsOf(metadata.project().keySet());
		assertThat(byTable).allSatisfy(
				(prefix, properties) -> assertThat(properties).as("generated table %s matches no property", prefix)
					.isNotEmpty());
	}

	@Test
	void handWrittenTablesWhenPropertyNamedThenItBinds() {
		List<String> named = new ArrayList<>();
		for (List<String> row : handWrittenRows(Documents.text(DOCUMENT))) {
			List<String> properties = Documents.codeSpans(row.get(1));
			named.addAll(properties);
			List<String> variables = Documents.codeSpans(row.get(0));
			// A row names a variable and the property it binds, one by one.
			if (variables.size() == properties.size()) {
				for (int i = 0; i < variables.size(); i++) {
					assertThat(variables.get(i)).as("variable of %s", properties.get(i))
						.isEqualTo(relaxed(properties.get(i)));
				}
			}
		}
		assertThat(named).isNotEmpty()
			.allSatisfy((name) -> assertThat(metadata.exists(name))
				.as("%s names %s, which is no property of the project or of Spring Boot", DOCUMENT, name)
				.isTrue());
	}

	@Test
	void envExampleWhenVariableListedThenConfigurationDocumentsIt() {
		Set<String> documented = new LinkedHashSet<>(Documents.codeSpans(Documents.text(DOCUMENT)));
		Matcher matcher = ENV_EXAMPLE_VARIABLE.matcher(Documents.text(".env.example"));
		List<String> variables = new ArrayList<>();
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		assertThat(variables).isNotEmpty();
		assertThat(variables.stream().filter((variable) -> !documented.contains(variable)))
			.as("variables of .env.example that %s does not name", DOCUMENT)
			.isEmpty();
	}

	@Test
	void envExampleWhenPropertyInBracketsThenItBinds() {
		Matcher matcher = ENV_EXAMPLE_PROPERTIES.matcher(Documents.text(".env.example"));
		List<String> named = new ArrayList<>();
		while (matcher.find()) {
			named.addAll(List.of(matcher.group(1).split(", ")));
		}
		assertThat(named).isNotEmpty();
		assertThat(named.stream()
			.filter((name) -> !(name.endsWith(".*") ? metadata.hasPropertiesUnder(name.substring(0, name.length() - 2))
					: metadata.exists(name))))
			.as("properties .env.example names in brackets that do not exist")
			.isEmpty();
	}

	private static String regenerate(String document) {
		Map<String, List<Property>> byTable = assign(blockPrefixes(document));
		Matcher matcher = GENERATED.matcher(document);
		StringBuilder regenerated = new StringBuilder();
		while (matcher.find()) {
			String table = tables.render(byTable.get(matcher.group(2)));
			matcher.appendReplacement(regenerated,
					Matcher.quoteReplacement(matcher.group(1) + table + matcher.group(4)));
		}
		matcher.appendTail(regenerated);
		return regenerated.toString();
	}

	private static List<String> blockPrefixes(String document) {
		List<String> prefixes = new ArrayList<>();
		Matcher matcher = GENERATED.matcher(document);
		while (matcher.find()) {
			prefixes.add(matcher.group(2));
		}
		assertThat(prefixes).as("generated tables in %s", DOCUMENT).isNotEmpty().doesNotHaveDuplicates();
		return prefixes;
	}

	/**
	 * Each property goes to the table with the longest prefix it starts with, so that
	 * {@code mcp.audit} can have a table of its own beside {@code mcp}.
	 */
	private static Map<String, List<Property>> assign(List<String> prefixes) {
		Map<String, List<Property>> byTable = new LinkedHashMap<>();
		prefixes.forEach((prefix) -> byTable.put(prefix, new ArrayList<>()));
		for (Property property : metadata.project().values()) {
			prefixes.stream()
				.filter((prefix) -> property.name().startsWith(prefix + "."))
				.max(Comparator.comparingInt(String::length))
				.ifPresent((prefix) -> byTable.get(prefix).add(property));
		}
		return byTable;
	}

	/**
	 * The rows (variable cell, property cell) of the tables outside the generated ones
	 * whose header has a Property column.
	 */
	private static List<List<String>> handWrittenRows(String document) {
		String prose = GENERATED.matcher(document).replaceAll("");
		List<List<String>> rows = new ArrayList<>();
		int variable = -1;
		int property = -1;
		boolean inTable = false;
		for (String line : prose.split("\n")) {
			if (!line.startsWith("|")) {
				inTable = false;
				continue;
			}
			List<String> cells = Documents.cells(line);
			if (!inTable) {
				inTable = true;
				variable = cells.indexOf("Variable");
				property = cells.indexOf("Property");
			}
			else if (property >= 0 && !cells.get(0).startsWith("---")) {
				rows.add(List.of((variable >= 0) ? cells.get(variable) : "", cells.get(property)));
			}
		}
		return rows;
	}

	private static String relaxed(String property) {
		return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

}
