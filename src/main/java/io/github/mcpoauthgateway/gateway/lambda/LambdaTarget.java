package io.github.mcpoauthgateway.gateway.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.Target;
import io.github.mcpoauthgateway.gateway.TargetStatus;
import io.github.mcpoauthgateway.tool.Caller;
import io.github.mcpoauthgateway.tool.McpTool;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import org.springframework.util.Assert;

/**
 * A Lambda function serving one or more tools, each call a synchronous invocation
 * ({@code RequestResponse}) bounded by the target's timeout.
 * <p>
 * The event, stable for function authors:
 *
 * <pre>{@code
 * {
 *   "tool": "<tool name, without the target prefix>",
 *   "arguments": { ...the call's arguments... },
 *   "caller": {
 *     "sub": "...", "username": "..." or null, "client_id": "..." or null,
 *     "scopes": ["..."], "groups": ["..."], "issuer": "https://..."
 *   },
 *   "headers": { "<name>": "<value>" }    // only when the target's outbound credentials give any,
 *                                          // e.g. a short-lived JWT naming the caller, signed by this server
 * }
 * }</pre>
 *
 * The caller's access token is never in it. The client context carries {@code {"custom":
 * {"bedrockAgentCoreToolName": "<target>___<tool>"}}}, where AWS's own gateway puts the
 * tool's name.
 * <p>
 * The function's response becomes the tool result: a function error (handled or not) a
 * tool error with the error's type and the first line of its message; a result object
 * whose {@code content} is an array of typed items (an MCP {@code CallToolResult}) that
 * result as it is; any other JSON object structured content and the same JSON as text; a
 * JSON string that text; other JSON values their JSON text. A response over the size cap,
 * one that is not JSON, and every failure to invoke (throttling, timeout, access denied,
 * missing function, network) are tool errors naming the target; a call never throws for
 * them.
 * <p>
 * The status is up until a call fails to reach the function, and up again once one does:
 * no probe, so the role needs nothing beyond {@code lambda:InvokeFunction}.
 */
public final class LambdaTarget implements Target {

	private static final Log logger = LogFactory.getLog(LambdaTarget.class);

	private final LambdaTargetSettings settings;

	private final LambdaClient client;

	private final OutboundCredentials credentials;

	private final LambdaResults results;

	private final List<McpTool> tools;

	private volatile TargetStatus status = TargetStatus.up("not called yet");

	/**
	 * Creates the target with a client of its own: region and credentials from the
	 * default AWS chains, unless the settings name a region or endpoint.
	 * @param settings the target
	 * @param credentials the outbound headers to put in the event, such as a signed JWT
	 * naming the caller; {@link OutboundCredentials#NONE} for none
	 * @return the target
	 */
	public static LambdaTarget create(LambdaTargetSettings settings, OutboundCredentials credentials) {
		return new LambdaTarget(settings, LambdaClients.builder(settings).build(), credentials);
	}

	/**
	 * Creates the target over a client built elsewhere, which it then owns and closes.
	 * @param settings the target
	 * @param client the Lambda client
	 * @param credentials the outbound headers to put in the event
	 */
	public LambdaTarget(LambdaTargetSettings settings, LambdaClient client, OutboundCredentials credentials) {
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(credentials, "credentials cannot be null");
		this.settings = settings;
		this.client = client;
		this.credentials = credentials;
		this.results = new LambdaResults(settings.name(), settings.maxResponseBytes());
		List<McpTool> tools = new ArrayList<>();
		for (LambdaTargetSettings.ToolDefinition tool : settings.tools()) {
			tools.add(new LambdaTool(definition(tool), this));
		}
		this.tools = List.copyOf(tools);
	}

	@Override
	public String name() {
		return this.settings.name();
	}

	@Override
	public List<McpTool> tools() {
		return this.tools;
	}

	@Override
	public TargetStatus status() {
		return this.status;
	}

	@Override
	public void close() {
		this.client.close();
	}

	McpSchema.CallToolResult invoke(String tool, Caller caller, Map<String, Object> arguments) {
		InvokeRequest request = InvokeRequest.builder()
			.functionName(this.settings.function())
			.invocationType(InvocationType.REQUEST_RESPONSE)
			.clientContext(LambdaEvents.clientContext(name(), tool))
			.payload(SdkBytes
				.fromByteArrayUnsafe(LambdaEvents.event(tool, arguments, caller, this.credentials.headers(caller))))
			.overrideConfiguration((call) -> call.apiCallTimeout(this.settings.timeout()))
			.build();
		InvokeResponse response;
		try {
			response = this.client.invoke(request);
		}
		catch (SdkException ex) {
			String problem = LambdaErrors.describe(ex, this.settings.timeout());
			logger.warn("Lambda target '" + name() + "', tool '" + tool + "': " + problem + " " + ex.getMessage());
			if (LambdaErrors.isOutage(ex)) {
				this.status = TargetStatus.down("last call failed: " + problem);
			}
			return LambdaResults.error(name(), problem);
		}
		this.status = TargetStatus.up("last call reached the function");
		return this.results.toResult(response);
	}

	private static McpSchema.Tool definition(LambdaTargetSettings.ToolDefinition tool) {
		return McpSchema.Tool.builder()
			.name(tool.name())
			.description(tool.description())
			.inputSchema(tool.inputSchema())
			.build();
	}

}
