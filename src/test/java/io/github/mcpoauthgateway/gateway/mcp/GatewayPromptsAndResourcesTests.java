package io.github.mcpoauthgateway.gateway.mcp;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.gateway.GatewayTargets;
import io.github.mcpoauthgateway.gateway.TargetStatus;
import io.github.mcpoauthgateway.testsupport.AbstractMcpServerTests;
import io.github.mcpoauthgateway.testsupport.McpHttp;
import io.github.mcpoauthgateway.testsupport.TestAccessTokens;
import io.github.mcpoauthgateway.testsupport.TestMcpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An MCP target's prompts, resources, resource templates and completions end to end: the
 * SDK's MCP client with a token, this server, and the MCP reference server behind it over
 * stdio, twice: {@code docs}, which needs scope {@code everything:use}, and
 * {@code mirror}, for members of group {@code staff}, which offers the same URIs as
 * {@code docs} and so is served without them.
 */
class GatewayPromptsAndResourcesTests extends AbstractMcpServerTests {

	static final String TOKEN = TestAccessTokens.cognito().claim("scope", "mcp:tools everything:use").sign();

	static final String STAFF_TOKEN = TestAccessTokens.cognito()
		.claim("scope", "mcp:tools everything:use")
		.claim("cognito:groups", List.of("staff"))
		.sign();

	static final String DOCUMENT = "demo://resource/static/document/architecture.md";

	static final String TEXT_TEMPLATE = "demo://resource/dynamic/text/{resourceId}";

	@Autowired
	GatewayTargets targets;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		EverythingServer.assumeInstalled();
		List<String> command = EverythingServer.stdioCommand();
		for (String[] target : List.of(new String[] { "docs", "required-scopes", "everything:use" },
				new String[] { "mirror", "required-groups", "staff" })) {
			int i = target[0].equals("docs") ? 0 : 1;
			registry.add("gateway.targets[" + i + "].name", () -> target[0]);
			registry.add("gateway.targets[" + i + "].kind", () -> "mcp");
			registry.add("gateway.targets[" + i + "]." + target[1], () -> target[2]);
			registry.add("gateway.targets[" + i + "].mcp.command", () -> command.get(0));
			registry.add("gateway.targets[" + i + "].mcp.args",
					() -> String.join(",", command.subList(1, command.size())));
		}
	}

	@BeforeAll
	static void requireNode() {
		EverythingServer.assumeInstalled();
	}

	@Test
	void initializeWhenTargetOffersPromptsAndResourcesThenServerDeclaresThem() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
			assertThat(capabilities.prompts()).isNotNull();
			assertThat(capabilities.prompts().listChanged()).isTrue();
			assertThat(capabilities.resources()).isNotNull();
			assertThat(capabilities.resources().subscribe()).isTrue();
			assertThat(capabilities.completions()).isNotNull();
		}
	}

	@Test
	void listPromptsWhenTargetOffersPromptsThenNamespacedLikeItsTools() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
				.contains("docs___simple-prompt", "docs___args-prompt", "docs___completable-prompt")
				.noneMatch((name) -> name.startsWith("mirror___"));
		}
	}

	@Test
	void listPromptsWhenCallerInTargetGroupThenItsPromptsListedToo() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, STAFF_TOKEN)) {
			assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
				.contains("docs___simple-prompt", "mirror___simple-prompt");
		}
	}

	@Test
	void getPromptWhenNamespacedWithArgumentsThenUpstreamAnswers() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.GetPromptResult prompt = client
				.getPrompt(new McpSchema.GetPromptRequest("docs___args-prompt", Map.of("city", "Paris")));
			assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text())
				.isEqualTo("What's weather in Paris?");
		}
	}

	@Test
	void listResourcesWhenTargetOffersResourcesThenTheirOwnUris() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, STAFF_TOKEN)) {
			assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
				.containsOnlyOnce(DOCUMENT);
			assertThat(client.listResourceTemplates().resourceTemplates())
				.extracting(McpSchema.ResourceTemplate::uriTemplate)
				.containsOnlyOnce(TEXT_TEMPLATE);
		}
	}

	@Test
	void readResourceWhenListedUriThenUpstreamContents() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(DOCUMENT));
			McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().get(0);
			assertThat(contents.uri()).isEqualTo(DOCUMENT);
			assertThat(contents.text()).isNotBlank();
		}
	}

	@Test
	void readResourceWhenUriMatchesTemplateThenUpstreamFillsIt() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.ReadResourceResult read = client
				.readResource(new McpSchema.ReadResourceRequest("demo://resource/dynamic/text/7"));
			McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().get(0);
			assertThat(contents.uri()).isEqualTo("demo://resource/dynamic/text/7");
			assertThat(contents.text()).contains("7");
		}
	}

	@Test
	void completeWhenPromptArgumentThenUpstreamCompletes() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.CompleteResult result = client.completeCompletion(
					new McpSchema.CompleteRequest(new McpSchema.PromptReference("docs___completable-prompt"),
							new McpSchema.CompleteRequest.CompleteArgument("department", "Eng")));
			assertThat(result.completion().values()).containsExactly("Engineering");
		}
	}

	@Test
	void completeWhenResourceTemplateArgumentThenUpstreamCompletes() {
		try (McpSyncClient client = TestMcpClients.connect(this.port, TOKEN)) {
			McpSchema.CompleteResult result = client
				.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.ResourceReference(TEXT_TEMPLATE),
						new McpSchema.CompleteRequest.CompleteArgument("resourceId", "42")));
			assertThat(result.completion().values()).containsExactly("42");
		}
	}

	@Test
	void getPromptWhenTokenLacksTargetScopeThen403InsufficientScope() {
		HttpResponse<String> response = McpHttp.send(http().post(
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{\"name\":\"docs___simple-prompt\"}}")
			.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow getting this prompt\", resource_metadata=\""
						+ METADATA_URL + "\", scope=\"mcp:tools everything:use\"");
	}

	@Test
	void readResourceWhenTokenLacksTargetScopeThen403InsufficientScope() {
		HttpResponse<String> response = McpHttp.send(http()
			.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"" + DOCUMENT
					+ "\"}}")
			.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer error=\"insufficient_scope\", error_description=\"The token does not allow reading this resource\", resource_metadata=\""
						+ METADATA_URL + "\", scope=\"mcp:tools everything:use\"");
	}

	@Test
	void readResourceWhenTemplateUriAndTokenLacksTargetScopeThen403InsufficientScope() {
		HttpResponse<String> response = McpHttp.send(http().post(
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"demo://resource/dynamic/text/7\"}}")
			.header("Authorization", "Bearer " + TestAccessTokens.cognito().sign()));

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void startWhenTwoTargetsOfferTheSameUriThenSecondDoesNotServeItAndHealthSaysWhy() {
		TargetStatus mirror = this.targets.statuses().get("mirror");

		assertThat(mirror.up()).isTrue();
		assertThat(mirror.detail()).contains("resource " + DOCUMENT + " is not served: already served by docs")
			.contains("resource template " + TEXT_TEMPLATE + " is not served: already served by docs");
	}

}
