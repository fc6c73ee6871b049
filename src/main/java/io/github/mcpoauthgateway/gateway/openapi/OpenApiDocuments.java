package io.github.mcpoauthgateway.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Reads an OpenAPI 3.x document from a file or an http(s) URL. The gateway fetches it
 * itself, with a timeout and a size cap, and the parser only resolves references inside
 * the document: it never fetches anything else.
 */
final class OpenApiDocuments {

	/** The largest document read. */
	static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

	private OpenApiDocuments() {
	}

	static OpenAPI read(String spec, Duration timeout) throws IOException, InterruptedException {
		String content = spec.startsWith("http://") || spec.startsWith("https://") ? fetch(URI.create(spec), timeout)
				: read(Path.of(spec));
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setResolveFully(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(content, null, options);
		OpenAPI document = result.getOpenAPI();
		if (document == null || document.getPaths() == null) {
			List<String> messages = (result.getMessages() != null) ? result.getMessages() : List.of();
			throw new IOException("the document at " + spec + " is not an OpenAPI 3.x document"
					+ (messages.isEmpty() ? "" : ": " + messages.get(0)));
		}
		return document;
	}

	private static String read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IOException("the document " + file + " does not exist");
		}
		if (Files.size(file) > MAX_DOCUMENT_BYTES) {
			throw new IOException("the document " + file + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
		}
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private static String fetch(URI url, Duration timeout) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(timeout)
			.header("Accept", "application/json, application/yaml;q=0.9, */*;q=0.5")
			.GET()
			.build();
		HttpResponse<InputStream> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new IOException(
					"the document at " + url + " could not be fetched (" + ex.getClass().getSimpleName() + ")", ex);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("the document at " + url + " answered HTTP " + response.statusCode());
			}
			byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
			if (bytes.length > MAX_DOCUMENT_BYTES) {
				throw new IOException("the document at " + url + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

}
