package io.github.mcpoauthgateway.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.gateway.credentials.TargetCredentials;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Reads the declared targets, from gateway.targets, then the targets file, then the
 * targets YAML, and checks them all before any starts, naming each bad entry.
 */
final class TargetDeclarations {

	static final String SEPARATOR = "___";

	/** The longest tool name clients are known to accept. */
	static final int MAX_TOOL_NAME = 64;

	private static final Pattern TARGET_NAME = Pattern.compile("[a-zA-Z0-9_-]+");

	private TargetDeclarations() {
	}

	/**
	 * The declared targets, checked.
	 * @throws InvalidSettingsException naming every bad entry
	 */
	static List<DeclaredTarget> load(GatewayProperties properties, Environment environment,
			List<TargetFactory> factories, TargetCredentials credentials) {
		List<DeclaredTarget> declared = new ArrayList<>();
		for (int i = 0; i < properties.getTargets().size(); i++) {
			TargetProperties target = properties.getTargets().get(i);
			declared.add(new DeclaredTarget(
					"gateway.targets[" + i + "] (" + ((target.getName() != null) ? target.getName() : "no name") + ")",
					target));
		}
		String file = properties.getTargetsFile();
		if (file != null && !file.isBlank()) {
			declared.addAll(readFile(Path.of(file.trim()), environment));
		}
		String yaml = properties.getTargetsYaml();
		if (yaml != null && !yaml.isBlank()) {
			declared.addAll(read("MCP_TARGETS (gateway.targets-yaml)",
					new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)), environment));
		}
		List<String> problems = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (DeclaredTarget target : declared) {
			problems(target, factories, credentials, names)
				.forEach((problem) -> problems.add(target.label() + ": " + problem));
		}
		if (!problems.isEmpty()) {
			throw new InvalidSettingsException(problems);
		}
		return declared;
	}

	private static List<DeclaredTarget> readFile(Path file, Environment environment) {
		String label = "targets file " + file;
		if (!Files.isRegularFile(file)) {
			throw new InvalidSettingsException(
					List.of(label + " (MCP_TARGETS_FILE, gateway.targets-file) does not exist or is not a file"));
		}
		return read(label, new FileSystemResource(file), environment);
	}

	private static List<DeclaredTarget> read(String label, Resource yaml, Environment environment) {
		List<TargetProperties> targets;
		try {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(label, yaml);
			// ${VARIABLE} placeholders in the file resolve against the environment.
			Binder binder = new Binder(ConfigurationPropertySources.from(sources),
					new PropertySourcesPlaceholdersResolver(environment));
			targets = binder.bind("targets", Bindable.listOf(TargetProperties.class)).orElse(List.of());
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidSettingsException(List.of(label + " cannot be read: " + reason(ex)));
		}
		List<DeclaredTarget> declared = new ArrayList<>();
		for (int i = 0; i < targets.size(); i++) {
			TargetProperties target = targets.get(i);
			declared.add(new DeclaredTarget(label + ": targets[" + i + "] ("
					+ ((target.getName() != null) ? target.getName() : "no name") + ")", target));
		}
		return declared;
	}

	private static String reason(Exception ex) {
		if (ex instanceof BindException bind && bind.getProperty() != null) {
			return "invalid value for " + bind.getProperty().getName();
		}
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message.lines().findFirst().orElse("unreadable") : "unreadable";
	}

	private static List<String> problems(DeclaredTarget declared, List<TargetFactory> factories,
			TargetCredentials credentials, Set<String> names) {
		TargetProperties target = declared.properties();
		List<String> problems = new ArrayList<>();
		String name = target.getName();
		if (name == null || name.isBlank()) {
			problems.add("name is required");
		}
		else if (!TARGET_NAME.matcher(name).matches()) {
			problems.add("name must match [a-zA-Z0-9_-]+");
		}
		else if (!names.add(name)) {
			problems.add("name " + name + " is used by another target");
		}
		else if (name.length() + SEPARATOR.length() >= MAX_TOOL_NAME) {
			problems.add("name is too long: tool names <name>" + SEPARATOR + "<tool> must fit in " + MAX_TOOL_NAME
					+ " characters");
		}
		TargetFactory factory = factory(target.getKind(), factories);
		if (target.getKind() == null || target.getKind().isBlank()) {
			problems.add("kind is required (openapi, lambda or mcp)");
		}
		else if (factory == null) {
			problems.add("kind " + target.getKind() + " is not one this server serves (openapi, lambda or mcp)");
		}
		if (target.getTimeout().isNegative() || target.getTimeout().isZero()) {
			problems.add("timeout must be positive");
		}
		if (target.getMaxConcurrency() < 1) {
			problems.add("max-concurrency must be at least 1");
		}
		if (target.getMaxResponseBytes().toBytes() < 1 || target.getMaxResponseBytes().toBytes() > Integer.MAX_VALUE) {
			problems.add("max-response-bytes must be between 1B and 2GB");
		}
		problems.addAll(credentials.problems(target));
		if (factory != null) {
			problems.addAll(factory.problems(target));
		}
		return problems;
	}

	static @Nullable TargetFactory factory(@Nullable String kind, List<TargetFactory> factories) {
		if (kind == null) {
			return null;
		}
		for (TargetFactory factory : factories) {
			if (factory.supports(kind)) {
				return factory;
			}
		}
		return null;
	}

}
