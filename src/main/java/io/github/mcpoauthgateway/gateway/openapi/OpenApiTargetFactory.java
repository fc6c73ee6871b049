package io.github.mcpoauthgateway.gateway.openapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.mcpoauthgateway.gateway.OpenApiTargetProperties;
import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.Target;
import io.github.mcpoauthgateway.gateway.TargetFactory;
import io.github.mcpoauthgateway.gateway.TargetProperties;
import io.github.mcpoauthgateway.tool.McpTool;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import org.jspecify.annotations.Nullable;

/**
 * Starts openapi targets: reads the document and makes a tool of every operation with an
 * operationId that the include and exclude lists let through.
 */
public final class OpenApiTargetFactory implements TargetFactory {

	public static final String KIND = "openapi";

	@Override
	public boolean supports(String kind) {
		return KIND.equals(kind);
	}

	@Override
	public List<String> problems(TargetProperties target) {
		OpenApiTargetProperties settings = target.getOpenapi();
		List<String> problems = new ArrayList<>();
		if (settings.getSpec() == null || settings.getSpec().isBlank()) {
			problems.add("openapi.spec is required: the document's file path or http(s) URL");
		}
		if (settings.getBaseUrl() != null && !isHttpUrl(settings.getBaseUrl())) {
			problems.add("openapi.base-url must be an absolute http(s) URL");
		}
		return problems;
	}

	@Override
	public Target create(TargetProperties target, OutboundCredentials credentials) throws Exception {
		OpenApiTargetProperties settings = target.getOpenapi();
		// create() takes settings that passed problems(): the name and spec are set.
		String spec = Objects.requireNonNull(settings.getSpec(), "openapi.spec is not set");
		OpenAPI document = OpenApiDocuments.read(spec.trim(), target.getTimeout());
		String baseUrl = baseUrl(settings.getBaseUrl(), document);
		boolean openApi31 = document.getOpenapi() != null && document.getOpenapi().startsWith("3.1");
		OpenApiTarget running = new OpenApiTarget(Objects.requireNonNull(target.getName(), "name is not set"), baseUrl);
		// Redirects are never followed: credentials go to the configured base URL only.
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(target.getTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		List<McpTool> tools = new ArrayList<>();
		for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
			PathItem item = path.getValue();
			List<io.swagger.v3.oas.models.parameters.Parameter> shared = (item.getParameters() != null)
					? item.getParameters() : List.of();
			for (Map.Entry<PathItem.HttpMethod, io.swagger.v3.oas.models.Operation> entry : item.readOperationsMap()
				.entrySet()) {
				io.swagger.v3.oas.models.Operation operation = entry.getValue();
				if (!selected(operation, settings)) {
					continue;
				}
				Operation described = Operation.of(entry.getKey().name(), path.getKey(), operation, shared, openApi31);
				tools.add(new OperationTool(described, baseUrl, client, credentials, target.getTimeout(),
						Math.toIntExact(target.getMaxResponseBytes().toBytes()), running::reachable));
			}
		}
		running.tools(tools);
		return running;
	}

	private static boolean selected(io.swagger.v3.oas.models.Operation operation, OpenApiTargetProperties settings) {
		String id = operation.getOperationId();
		if (id == null || id.isBlank()) {
			return false;
		}
		List<String> tags = (operation.getTags() != null) ? operation.getTags() : List.of();
		if (!settings.getIncludeOperations().isEmpty() && !settings.getIncludeOperations().contains(id)) {
			return false;
		}
		if (!settings.getIncludeTags().isEmpty() && tags.stream().noneMatch(settings.getIncludeTags()::contains)) {
			return false;
		}
		return !settings.getExcludeOperations().contains(id)
				&& tags.stream().noneMatch(settings.getExcludeTags()::contains);
	}

	private static String baseUrl(@Nullable URI configured, OpenAPI document) {
		if (configured != null) {
			return configured.toString();
		}
		if (document.getServers() != null) {
			for (Server server : document.getServers()) {
				if (server.getUrl() != null && isHttpUrl(URI.create(server.getUrl()))) {
					return server.getUrl();
				}
			}
		}
		throw new IllegalStateException(
				"openapi.base-url is not set and the document names no absolute http(s) server URL");
	}

	private static boolean isHttpUrl(URI url) {
		return url.isAbsolute() && url.getHost() != null
				&& ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
	}

}
