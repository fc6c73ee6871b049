package io.github.mcpoauthgateway.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.gateway.credentials.TargetCredentials;
import io.github.mcpoauthgateway.mcp.FeatureRegistry;
import io.github.mcpoauthgateway.mcp.ToolRegistry;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import io.github.mcpoauthgateway.tool.McpTool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The running targets: started once at start, their tools namespaced and published to the
 * tool registry, again whenever a target's tools change, and closed at shutdown. A target
 * that cannot start is served without tools and reported down, unless it is required.
 * <p>
 * An MCP target's prompts, resources and resource templates are published to the feature
 * registry the same way, at start and whenever they change. A prompt name, URI or URI
 * template another target already serves is not published for this one: it is logged, and
 * shown in the target's health detail, and the rest of the target is served.
 */
public final class GatewayTargets implements DisposableBean {

	private static final Log logger = LogFactory.getLog(GatewayTargets.class);

	private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

	private final List<Running> running = new ArrayList<>();

	private final ToolRegistry registry;

	private final FeatureRegistry features;

	private final MeterRegistry meters;

	GatewayTargets(List<DeclaredTarget> declared, List<TargetFactory> factories, TargetCredentials credentials,
			ToolRegistry registry, FeatureRegistry features, MeterRegistry meters) {
		this.registry = registry;
		this.features = features;
		this.meters = meters;
		try {
			for (DeclaredTarget target : declared) {
				this.running.add(start(target, factories, credentials));
			}
		}
		catch (RuntimeException ex) {
			destroy();
			throw ex;
		}
	}

	private Running start(DeclaredTarget declared, List<TargetFactory> factories, TargetCredentials credentials) {
		TargetProperties properties = declared.properties();
		TargetCalls calls = new TargetCalls(declared.name(), properties.getMaxConcurrency(), properties.getTimeout(),
				this.meters);
		// A declared target passed TargetDeclarations' checks, which refuse an unknown
		// kind.
		TargetFactory factory = Objects.requireNonNull(TargetDeclarations.factory(properties.getKind(), factories),
				"No factory for the target's kind");
		Target target;
		try {
			target = factory.create(properties, credentials.create(properties));
		}
		catch (Exception ex) {
			calls.close();
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			if (properties.isRequired()) {
				throw new InvalidSettingsException(
						List.of(declared.label() + ": the target is required but could not start: " + reason));
			}
			logger.warn(declared.label() + " could not start; serving without its tools: " + reason);
			return new Running(declared, null, calls, reason, new AtomicReference<>(List.of()));
		}
		Running entry = new Running(declared, target, calls, null, new AtomicReference<>(List.of()));
		try {
			publish(entry, target, true);
		}
		catch (RuntimeException ex) {
			entry.close();
			throw ex;
		}
		target.onToolsChanged(() -> publish(entry, target, false));
		UpstreamFeatures upstream = target.features();
		if (upstream != null) {
			TargetFeatures served = new TargetFeatures(declared, upstream, calls);
			upstream.onChanged(() -> publishFeatures(entry, served));
			upstream.onResourceUpdated((uri) -> this.features.resourceUpdated(declared.name(), uri));
			publishFeatures(entry, served);
		}
		int tools = target.tools().size();
		logger.info(declared.label() + " serves " + tools + ((tools == 1) ? " tool" : " tools"));
		return entry;
	}

	/**
	 * Publishes a target's tools under their namespaced names (or their own, with
	 * prefix-tools off). At start a bad or taken name refuses the start; later, a tool
	 * list with one is not published, and logged.
	 */
	private void publish(Running entry, Target target, boolean atStart) {
		List<McpTool> tools = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		List<McpTool> upstream;
		try {
			upstream = target.tools();
		}
		catch (RuntimeException ex) {
			logger.warn(entry.declared.label() + ": could not list its tools", ex);
			return;
		}
		for (McpTool tool : upstream) {
			String toolName = tool.definition().name();
			String name = entry.declared.properties().isPrefixTools()
					? entry.declared.name() + TargetDeclarations.SEPARATOR + toolName : toolName;
			if (!TOOL_NAME.matcher(toolName).matches()) {
				problems.add("tool " + toolName + " has a name that is not [A-Za-z0-9_.-]+ (exclude it)");
			}
			else if (name.length() > TargetDeclarations.MAX_TOOL_NAME) {
				problems.add("tool name " + name + " is longer than " + TargetDeclarations.MAX_TOOL_NAME
						+ " characters (exclude the tool or shorten the target name)");
			}
			else if (this.registry.isBuiltIn(name)) {
				problems.add("tool name " + name + " is the name of a built-in tool");
			}
			else {
				tools.add(new TargetTool(name, tool, entry.calls));
			}
		}
		try {
			if (problems.isEmpty()) {
				this.registry.replaceGroup(entry.declared.name(), tools);
			}
		}
		catch (IllegalArgumentException ex) {
			problems.add(ex.getMessage());
		}
		if (problems.isEmpty()) {
			return;
		}
		if (atStart) {
			throw new InvalidSettingsException(
					problems.stream().map((p) -> entry.declared.label() + ": " + p).toList());
		}
		problems.forEach((problem) -> logger.warn(entry.declared.label() + ": tools not updated: " + problem));
	}

	/**
	 * Publishes a target's prompts, resources and templates; those another target serves
	 * are left out, logged and kept for the health detail.
	 */
	private void publishFeatures(Running entry, TargetFeatures served) {
		List<String> problems;
		try {
			problems = this.features.replaceGroup(entry.declared.name(), served);
		}
		catch (RuntimeException ex) {
			logger.warn(entry.declared.label() + ": could not publish its prompts and resources", ex);
			return;
		}
		List<String> before = entry.notServed.getAndSet(List.copyOf(problems));
		if (!problems.equals(before)) {
			problems.forEach((problem) -> logger.warn(entry.declared.label() + ": " + problem));
		}
	}

	/**
	 * The state of each target, for the health endpoint.
	 * @return the status of each target, by name, in declaration order
	 */
	public Map<String, TargetStatus> statuses() {
		Map<String, TargetStatus> statuses = new LinkedHashMap<>();
		for (Running entry : this.running) {
			statuses.put(entry.declared.name(), entry.status());
		}
		return statuses;
	}

	/**
	 * Registers the {@code mcp.gateway.target.up} gauge of each target: 1 when up, 0 when
	 * down, read at each scrape.
	 */
	void registerHealthGauges() {
		for (Running entry : this.running) {
			Gauge.builder("mcp.gateway.target.up", entry, (target) -> target.status().up() ? 1 : 0)
				.description("Whether a gateway target is up (1) or down (0)")
				.tag("target", entry.declared.name())
				.register(this.meters);
		}
	}

	@Override
	public void destroy() {
		this.running.forEach(Running::close);
	}

	private record Running(DeclaredTarget declared, @Nullable Target target, TargetCalls calls,
			@Nullable String startFailure, AtomicReference<List<String>> notServed) {

		TargetStatus status() {
			if (this.target == null) {
				return TargetStatus.down("did not start: " + this.startFailure);
			}
			TargetStatus status;
			try {
				status = this.target.status();
			}
			catch (RuntimeException ex) {
				return TargetStatus.down("status unknown: " + ex.getClass().getSimpleName());
			}
			// Never null (only lists are set), but NullAway takes AtomicReference.get()
			// as @Nullable whatever the type argument.
			List<String> notServed = this.notServed.get();
			if (notServed == null || notServed.isEmpty()) {
				return status;
			}
			// The target works; what it offers that another target serves does not.
			String detail = ((status.detail() != null) ? status.detail() + "; " : "") + String.join("; ", notServed);
			return new TargetStatus(status.up(), detail);
		}

		void close() {
			this.calls.close();
			if (this.target != null) {
				try {
					this.target.close();
				}
				catch (RuntimeException ex) {
					logger.warn(this.declared.label() + " did not close cleanly", ex);
				}
			}
		}

	}

}
