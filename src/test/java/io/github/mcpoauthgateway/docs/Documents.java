package io.github.mcpoauthgateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the repository's Markdown documents for the documentation checks; Maven runs the
 * tests in the project directory.
 */
final class Documents {

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	/** A fenced code block, whose backticks would pair with those of code spans. */
	private static final Pattern FENCED = Pattern.compile("^ *```.*?^ *```", Pattern.MULTILINE | Pattern.DOTALL);

	private Documents() {
	}

	static String text(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(String path, String text) {
		try {
			Files.writeString(Path.of(path), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The text between a start line and an end line, each an HTML comment, so that the
	 * section can be found again whatever the prose around it says.
	 * @param text the document
	 * @param start the comment that opens the section
	 * @param end the comment that closes it
	 * @return the lines between them
	 */
	static String section(String text, String start, String end) {
		int from = text.indexOf(start);
		int to = text.indexOf(end, from + 1);
		if (from < 0 || to < 0) {
			throw new IllegalStateException("No section between " + start + " and " + end);
		}
		return text.substring(from + start.length(), to);
	}

	/**
	 * The code spans of a piece of Markdown, in order, fenced code blocks left out.
	 * @param markdown the text
	 * @return what each pair of backticks encloses
	 */
	static List<String> codeSpans(String markdown) {
		List<String> spans = new ArrayList<>();
		Matcher matcher = CODE.matcher(FENCED.matcher(markdown).replaceAll(""));
		while (matcher.find()) {
			spans.add(matcher.group(1));
		}
		return spans;
	}

	/**
	 * The cells of a table row, escaped pipes kept inside their cell.
	 * @param line a line that starts with a pipe
	 * @return the cells, trimmed
	 */
	static List<String> cells(String line) {
		List<String> cells = new ArrayList<>();
		String[] parts = line.trim().split("(?<!\\\\)\\|", -1);
		for (int i = 1; i < parts.length - 1; i++) {
			cells.add(parts[i].trim());
		}
		return cells;
	}

}
