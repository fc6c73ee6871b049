package io.github.mcpoauthgateway.operations;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import io.github.mcpoauthgateway.testsupport.McpHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of {@code /actuator/prometheus} in the text format, read by series name and
 * labels.
 */
record Scrape(List<String> lines) {

	static Scrape of(McpHttp management) {
		HttpResponse<String> response = McpHttp.send(management.get("/actuator/prometheus"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new Scrape(response.body().lines().toList());
	}

	/**
	 * The value of the one series with this name and these labels, 0 when absent.
	 * @param name the series name, e.g. {@code mcp_token_validations_total}
	 * @param labels {@code name="value"} pairs the series must carry
	 * @return its value
	 */
	double value(String name, String... labels) {
		List<String> matching = this.lines.stream()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
			.toList();
		assertThat(matching).as(name + " " + Arrays.toString(labels)).hasSizeLessThanOrEqualTo(1);
		return matching.isEmpty() ? 0
				: Double.parseDouble(matching.get(0).substring(matching.get(0).lastIndexOf(' ') + 1));
	}

	boolean has(String name) {
		return this.lines.stream().anyMatch((line) -> line.startsWith(name + "{") || line.startsWith(name + " "));
	}

}
