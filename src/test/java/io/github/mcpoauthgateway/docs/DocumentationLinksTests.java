package io.github.mcpoauthgateway.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Markdown documents hold together: every relative link reaches a file, every anchor
 * a heading, and the README's two commands are the ones CI and the documents run.
 */
class DocumentationLinksTests {

	static final String RUN_COMMAND = "./mvnw spring-boot:run";

	static final String TEST_COMMAND = "./mvnw -B verify";

	private static final List<String> DOCUMENTS = documents();

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

	private static final Pattern FENCED = Pattern.compile("^ *```.*?^ *```", Pattern.MULTILINE | Pattern.DOTALL);

	@Test
	void linksWhenRelativeThenTheFileAndTheHeadingExist() {
		List<String> broken = new ArrayList<>();
		for (String document : DOCUMENTS) {
			Matcher matcher = LINK.matcher(prose(Documents.text(document)));
			while (matcher.find()) {
				String link = matcher.group(1);
				if (link.matches("^[a-z]+:.*")) {
					continue;
				}
				String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
				String anchor = link.contains("#") ? link.substring(link.indexOf('#') + 1) : null;
				Path target = file.isEmpty() ? Path.of(document) : Path.of(document).resolveSibling(file).normalize();
				if (!Files.exists(target)) {
					broken.add(document + ": " + link + " (no file " + target + ")");
				}
				else if (anchor != null && !anchors(target).contains(anchor)) {
					broken.add(document + ": " + link + " (no heading #" + anchor + " in " + target + ")");
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void readmeWhenCommandsThenTheOnesCiAndTheWalkthroughRun() {
		String readme = Documents.text("README.md");
		assertThat(readme).contains("```bash\n" + RUN_COMMAND + "\n```", "```bash\n" + TEST_COMMAND + "\n```");
		List<String> ci = Documents.text(".ci/run").strip().lines().toList();
		assertThat(ci.get(ci.size() - 1)).as(".ci/run ends with the README's test command").isEqualTo(TEST_COMMAND);
		assertThat(Documents.text("docs/CONTRIBUTING.md")).contains(TEST_COMMAND);
		assertThat(Documents.text("docs/protocol-walkthrough.md")).contains(RUN_COMMAND);
	}

	@Test
	void readmeWhenReadThenShortAndLinksEveryDocument() throws IOException {
		String readme = Documents.text("README.md");
		assertThat(readme.lines().count()).as("README lines").isLessThanOrEqualTo(170);
		try (Stream<Path> files = Files.list(Path.of("docs"))) {
			List<String> pages = files.map((file) -> "docs/" + file.getFileName()).sorted().toList();
			assertThat(pages).isNotEmpty().allSatisfy((page) -> assertThat(readme).contains("](" + page + ")"));
		}
		assertThat(readme).contains("](infra/README.md)", "](bench/README.md)");
	}

	private static List<String> documents() {
		List<String> documents = new ArrayList<>(
				List.of("README.md", "infra/README.md", "bench/README.md", "config/README.md"));
		try (Stream<Path> files = Files.list(Path.of("docs"))) {
			files.map((file) -> "docs/" + file.getFileName())
				.filter((file) -> file.endsWith(".md"))
				.sorted()
				.forEach(documents::add);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return documents;
	}

	private static String prose(String markdown) {
		return FENCED.matcher(markdown).replaceAll("");
	}

	/**
	 * The anchors GitHub gives a document's headings: lower case, punctuation but hyphens
	 * and underscores dropped, spaces as hyphens, repeats numbered.
	 */
	static Set<String> anchors(Path document) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Matcher matcher = HEADING.matcher(prose(Documents.text(document.toString())));
		while (matcher.find()) {
			String slug = matcher.group(1)
				.strip()
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-');
			int count = seen.merge(slug, 1, Integer::sum);
			anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
		}
		return anchors;
	}

}
