package io.github.mcpoauthgateway.mcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.github.mcpoauthgateway.tool.ToolAccess;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's part of a tool call, between the MCP SDK and the tool: the registry's
 * access rule checked for the verified caller, then the tool run. The tool itself does
 * nothing, so what is measured is the dispatch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ToolDispatchBenchmark {

	private static final McpSchema.CallToolResult DONE = McpSchema.CallToolResult.builder()
		.addTextContent("done")
		.isError(false)
		.build();

	private McpStatelessServerFeatures.SyncToolSpecification echo;

	private McpStatelessServerFeatures.SyncToolSpecification restricted;

	private McpTransportContext context;

	private McpSchema.CallToolRequest request;

	@Setup
	public void setUp() {
		ToolRegistry registry = new ToolRegistry(
				List.of(tool("echo", ToolAccess.anyCaller()),
						tool("admin", ToolAccess.scopes("mcp:admin").inAnyGroup("admin"))),
				Map.of(), List.of("mcp:tools"));
		List<McpStatelessServerFeatures.SyncToolSpecification> specifications = new McpToolSpecifications(registry)
			.stateless();
		this.echo = specifications.get(0);
		this.restricted = specifications.get(1);
		Caller caller = new Caller("https://issuer.example.test", "sub-1", "user", "client-1",
				Set.of("mcp:tools", "mcp:admin"), Set.of("admin"), null);
		this.context = McpTransportContext.create(Map.of(McpToolSpecifications.CALLER_KEY, caller));
		this.request = new McpSchema.CallToolRequest("echo", Map.of("text", "hello"));
	}

	@Benchmark
	public McpSchema.CallToolResult anyCallerTool() {
		return this.echo.callHandler().apply(this.context, this.request);
	}

	@Benchmark
	public McpSchema.CallToolResult scopedGroupTool() {
		return this.restricted.callHandler().apply(this.context, this.request);
	}

	private static McpTool tool(String name, ToolAccess access) {
		McpSchema.Tool definition = McpSchema.Tool.builder()
			.name(name)
			.inputSchema(Map.of("type", "object", "properties", Map.of()))
			.build();
		return new McpTool() {
			@Override
			public McpSchema.Tool definition() {
				return definition;
			}

			@Override
			public ToolAccess access() {
				return access;
			}

			@Override
			public McpSchema.CallToolResult call(Caller caller, Map<String, Object> arguments) {
				return DONE;
			}
		};
	}

}
