package io.github.mcpoauthgateway.mcp;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolCallContext;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class McpToolSpecificationsTests {

	private static final Caller CALLER = new Caller("https://issuer", "sub", "user", "client", Set.of(), Set.of(),
			null);

	/** A tool that reports progress when it may, and says whether it may. */
	private static final McpTool PROGRESSING = new McpTool() {

		@Override
		public McpSchema.Tool definition() {
			return McpSchema.Tool.builder().name("progressing").inputSchema(Map.of("type", "object")).build();
		}

		@Override
		public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
			return call(caller, arguments, ToolCallContext.NONE);
		}

		@Override
		public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments, ToolCallContext context) {
			context.progress(1, 2.0, "half");
			return McpSchema.CallToolResult.builder()
				.addTextContent(String.valueOf(context.progressRequested()))
				.build();
		}

	};

	private final McpServerFeatures.SyncToolSpecification specification = new McpToolSpecifications(
			new ToolRegistry(List.of(PROGRESSING), Map.of(), List.of()))
		.stateful()
		.get(0);

	@Test
	void callWhenClientSentProgressTokenThenToolProgressReachesItsSession() {
		McpSyncServerExchange exchange = exchange();
		McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder("progressing")
			.arguments(Map.of())
			.progressToken("token-1")
			.build();

		McpSchema.CallToolResult result = this.specification.callHandler().apply(exchange, request);

		assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("true");
		ArgumentCaptor<McpSchema.ProgressNotification> sent = ArgumentCaptor
			.forClass(McpSchema.ProgressNotification.class);
		verify(exchange).progressNotification(sent.capture());
		assertThat(sent.getValue().progressToken()).isEqualTo("token-1");
		assertThat(sent.getValue().progress()).isEqualTo(1.0);
		assertThat(sent.getValue().total()).isEqualTo(2.0);
		assertThat(sent.getValue().message()).isEqualTo("half");
	}

	@Test
	void callWhenNoProgressTokenThenToolToldAndNothingSent() {
		McpSyncServerExchange exchange = exchange();
		McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder("progressing")
			.arguments(Map.of())
			.build();

		McpSchema.CallToolResult result = this.specification.callHandler().apply(exchange, request);

		assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("false");
		verify(exchange).transportContext();
		org.mockito.Mockito.verifyNoMoreInteractions(exchange);
	}

	private static McpSyncServerExchange exchange() {
		McpSyncServerExchange exchange = mock(McpSyncServerExchange.class);
		given(exchange.transportContext())
			.willReturn(McpTransportContext.create(Map.of(McpToolSpecifications.CALLER_KEY, CALLER)));
		return exchange;
	}

}
