package io.github.mcpoauthgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.mcpoauthgateway.training.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the Dockerfile, .dockerignore and docker-compose.yml: this machine and
 * CI have no Docker engine, so nothing here builds or runs them.
 */
class ContainerFilesTests {

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	/** The bridge's secret settings (docs/bridge-mode.md). */
	private static final List<String> BRIDGE_SECRETS = List.of("BRIDGE_UPSTREAM_CLIENT_SECRET", "BRIDGE_SIGNING_KEYS",
			"BRIDGE_TOKEN_ENCRYPTION_KEY");

	/** The JVM's temporary directory, writable in a read-only container. */
	static final String TMP = "/tmp";

	private static final Pattern INTERPOLATED = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

	private final List<Instruction> dockerfile = instructions(DeploymentFiles.text("Dockerfile"));

	private final Map<String, Object> compose = DeploymentFiles.yaml("docker-compose.yml");

	@Test
	void dockerfileWhenBuiltThenBuildStageAndJreRuntimeStage() {
		List<Instruction> froms = this.dockerfile.stream().filter((i) -> i.is("FROM")).toList();
		assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
		assertThat(froms.get(0).arguments()).matches("(--platform=\\S+ )?\\S+ (?i:as) build");
		assertThat(froms.get(froms.size() - 1).arguments()).contains("jre").doesNotContainIgnoringCase(" as ");
		assertThat(finalStage().stream().filter((i) -> i.is("COPY"))).allSatisfy(
				(copy) -> assertThat(copy.arguments()).matches("--from=build .*|--from=training /app/app\\.aot \\./"));
	}

	@Test
	void dockerfileWhenBuiltThenTheRuntimeStartsFromTheTrainingRunsAotCache() {
		List<Instruction> froms = this.dockerfile.stream().filter((i) -> i.is("FROM")).toList();
		String runtimeImage = froms.get(froms.size() - 1).arguments();
		// The cache belongs to one JVM build: it is made by the runtime image itself.
		assertThat(froms).contains(new Instruction("FROM", runtimeImage + " AS training"));
		assertThat(runtimeImage).matches("eclipse-temurin:(2[5-9]|[3-9][0-9])-jre\\S*");
		List<Instruction> training = stage("training");
		assertThat(training).contains(new Instruction("WORKDIR", "/app"));
		assertThat(training).filteredOn((i) -> i.is("RUN"))
			.singleElement()
			.satisfies((run) -> assertThat(run.arguments().replaceAll("\\s+", " "))
				.contains("java -XX:AOTCacheOutput=app.aot")
				// The runtime's class path (-jar application.jar), and the run that
				// serves
				// requests (TrainingRunTests checks that it works on this code).
				.contains("-cp application.jar " + TrainingRun.class.getName()));
		assertThat(finalStage()).contains(new Instruction("WORKDIR", "/app"),
				new Instruction("COPY", "--from=training /app/app.aot ./"));
		List<String> command = quoted(
				finalStage().stream().filter((i) -> i.is("ENTRYPOINT")).findFirst().orElseThrow().arguments());
		assertThat(command).contains("-XX:AOTCache=app.aot", "application.jar");
		assertThat(command.indexOf("-XX:AOTCache=app.aot")).isLessThan(command.indexOf("-jar"));
		// Same layers in the same order as the runtime, so the class path the cache
		// recorded is the one the server starts with.
		assertThat(training.stream().filter((i) -> i.is("COPY")).toList()).isEqualTo(finalStage().stream()
			.filter((i) -> i.is("COPY") && i.arguments().startsWith("--from=build "))
			.toList());
	}

	@Test
	void dockerfileWhenRunThenUserWithoutPrivileges() {
		List<Instruction> users = finalStage().stream().filter((i) -> i.is("USER")).toList();
		assertThat(users).isNotEmpty();
		String user = users.get(users.size() - 1).arguments().split(":")[0];
		assertThat(user).isNotIn("root", "0");
	}

	@Test
	void dockerfileWhenRunThenHealthCheckOnTheExposedPort() {
		assertThat(finalStage()).anySatisfy((i) -> {
			assertThat(i.keyword()).isEqualTo("HEALTHCHECK");
			assertThat(i.arguments()).contains("http://127.0.0.1:${SERVER_PORT}/actuator/health/liveness");
		});
		assertThat(finalStage()).contains(new Instruction("EXPOSE", "8080"),
				new Instruction("ENV", "SERVER_PORT=8080"));
	}

	@Test
	void dockerfileWhenRunThenJavaIsTheProcessAndArgumentsReachTheJar() {
		List<Instruction> entrypoints = finalStage().stream().filter((i) -> i.is("ENTRYPOINT")).toList();
		assertThat(entrypoints).hasSize(1);
		assertThat(entrypoints.get(0).arguments()).startsWith("[");
		List<String> command = quoted(entrypoints.get(0).arguments());
		assertThat(command).startsWith("java")
			.contains("-XX:+ExitOnOutOfMemoryError", "-jar")
			.anySatisfy((flag) -> assertThat(flag).startsWith("-XX:MaxRAMPercentage="));
		// A CMD would become the jar's default arguments and stop the server from
		// starting.
		assertThat(finalStage()).noneMatch((i) -> i.is("CMD"));
		assertThat(this.dockerfile).noneMatch((i) -> i.is("ADD") && i.arguments().matches("(?s).*\\b\\w+://.*"));
	}

	@Test
	void dockerfileWhenRunThenTheJvmKeepsItsTemporaryFilesUnderTmp() {
		List<String> command = quoted(
				finalStage().stream().filter((i) -> i.is("ENTRYPOINT")).findFirst().orElseThrow().arguments());
		// The one writable place of a read-only container (compose's tmpfs, the task's
		// volume): Tomcat's work directory and uploads go there.
		assertThat(command).contains("-Djava.io.tmpdir=" + TMP).startsWith("java");
		assertThat(command.indexOf("-Djava.io.tmpdir=" + TMP)).isLessThan(command.indexOf("-jar"));
	}

	@Test
	void servicesWhenComposeThenReadOnlyRootWithATmpfsWhereTheJvmWrites() {
		DeploymentFiles.map(this.compose, "services").forEach((name, service) -> {
			Map<String, Object> settings = DeploymentFiles.map(service);
			assertThat(settings).as(name).containsEntry("read_only", true);
			Object tmpfs = settings.get("tmpfs");
			List<Object> mounts = (tmpfs instanceof List<?>) ? DeploymentFiles.list(tmpfs) : List.of(tmpfs);
			assertThat(mounts).as(name).anySatisfy((mount) -> assertThat(mount.toString()).matches(TMP + "(:.*)?"));
		});
	}

	@Test
	void dockerignoreWhenBuildContextThenBuildSourcesInAndSecretsOut() throws IOException {
		List<String> patterns = dockerignorePatterns();
		List<String> copied = new ArrayList<>();
		for (Instruction copy : this.dockerfile) {
			if (copy.is("COPY") && !copy.arguments().startsWith("--from")) {
				String[] words = copy.arguments().split("\\s+");
				for (int i = 0; i < words.length - 1; i++) {
					copied.addAll(filesUnder(words[i]));
				}
			}
		}
		assertThat(copied).contains("mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties",
				"src/main/resources/application.yml");
		assertThat(copied).allSatisfy((file) -> assertThat(ignored(patterns, file)).as(file).isFalse());
		assertThat(List.of(".env", ".git/HEAD", "target/mcp-oauth-gateway.jar",
				".ci/node_modules/cfn-lint/package.json", "src/test/java/Secret.java"))
			.allSatisfy((file) -> assertThat(ignored(patterns, file)).as(file).isTrue());
	}

	@Test
	void ignoredWhenExceptionAfterWildcardThenOnlyTheExceptionAndItsContentsRemain() {
		List<String> patterns = List.of("*", "!src/main/", "src/main/secret.txt");
		assertThat(ignored(patterns, "src/main/java/A.java")).isFalse();
		assertThat(ignored(patterns, "src/test/java/B.java")).isTrue();
		assertThat(ignored(patterns, "src/main/secret.txt")).isTrue();
		assertThat(ignored(patterns, "README.md")).isTrue();
	}

	@Test
	void localServiceWhenComposeThenLocalProfileReachableFromThisMachineOnly() {
		Map<String, Object> local = DeploymentFiles.map(this.compose, "services", "local");
		assertThat(environment(local)).containsEntry(DeploymentFiles.SPRING_PROFILES_ACTIVE, "local")
			.containsEntry("DEV_ALLOW_REMOTE", "true");
		// .env holds the Cognito settings, which would override the local profile's.
		assertThat(local).doesNotContainKey("env_file");
		// The local stack advertises http://localhost:8080: the published port must
		// match.
		assertThat(DeploymentFiles.list(local.get("ports"))).containsExactly("127.0.0.1:8080:8080");
	}

	@Test
	void serverServiceWhenComposeThenEverySettingFromDotEnvAndLoopbackOnly() {
		Map<String, Object> server = DeploymentFiles.map(this.compose, "services", "server");
		assertThat(server.get("env_file")).isEqualTo(".env");
		assertThat(environment(server).keySet())
			.noneMatch((name) -> name.equals(DeploymentFiles.SPRING_PROFILES_ACTIVE) || name.startsWith("DEV_"));
		assertThat(DeploymentFiles.list(server.get("ports")))
			.containsExactly("127.0.0.1:${SERVER_PORT:-8080}:${SERVER_PORT:-8080}");
		assertThat(DeploymentFiles.documentedVariables()).contains("MCP_RESOURCE_URL", "OAUTH_ISSUER_URI",
				"COGNITO_REGION", "COGNITO_USER_POOL_ID", "OAUTH_ALLOWED_CLIENT_IDS", "MCP_REQUIRED_SCOPES",
				"MCP_ALLOWED_ORIGINS", "MCP_STATELESS", "SERVER_PORT");
	}

	@Test
	void serverServiceWhenComposeThenDirectModeWhateverDotEnvSays() {
		Map<String, Object> server = DeploymentFiles.map(this.compose, "services", "server");
		assertThat(environment(server)).containsEntry("BRIDGE_ENABLED", "false");
		assertThat(server).doesNotContainKey("secrets");
	}

	@Test
	void bridgeServiceWhenComposeThenBridgeModeWithSecretsFromFilesOnly() {
		Map<String, Object> bridge = DeploymentFiles.map(this.compose, "services", "bridge");
		assertThat(bridge.get("env_file")).isEqualTo(".env");
		assertThat(environment(bridge)).containsEntry("BRIDGE_ENABLED", "true")
			.containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/run/secrets/");
		assertThat(DeploymentFiles.list(bridge.get("ports")))
			.containsExactly("127.0.0.1:${SERVER_PORT:-8080}:${SERVER_PORT:-8080}");
		Map<String, String> targets = new LinkedHashMap<>();
		for (Object secret : DeploymentFiles.list(bridge.get("secrets"))) {
			Map<String, Object> mount = DeploymentFiles.map(secret);
			targets.put((String) mount.get("target"), (String) mount.get("source"));
		}
		// A config tree file named after the property; relaxed binding makes the
		// variable.
		assertThat(targets.keySet()).extracting(ContainerFilesTests::variableOf)
			.containsExactlyInAnyOrderElementsOf(BRIDGE_SECRETS);
		Map<String, Object> files = DeploymentFiles.map(this.compose, "secrets");
		assertThat(files).containsOnlyKeys(targets.values());
		targets.forEach((target, source) -> assertThat(DeploymentFiles.map(files, source).get("file"))
			.isEqualTo("./secrets/" + target));
	}

	@Test
	void configTreeWhenSecretFilesAsComposeMountsThemThenTheBridgePropertiesWithoutTrailingNewline(@TempDir Path run)
			throws IOException {
		Map<String, String> values = Map.of("bridge.upstream.client-secret", "s3cret", "bridge.signing-keys",
				"{\"keys\":[]}", "bridge.token-encryption-key", "AAAA");
		for (Map.Entry<String, String> file : values.entrySet()) {
			Files.writeString(run.resolve(file.getKey()), file.getValue() + "\n");
		}
		StandardEnvironment spring = new StandardEnvironment();
		String importValue = environment(DeploymentFiles.map(this.compose, "services", "bridge"))
			.get("SPRING_CONFIG_IMPORT")
			.replace("/run/secrets/", run.toAbsolutePath() + "/");
		spring.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.config.import", importValue)));

		ConfigDataEnvironmentPostProcessor.applyTo(spring);

		values.forEach((property, value) -> assertThat(spring.getProperty(property)).as(property).isEqualTo(value));
	}

	@Test
	void secretsWhenComposeThenNeverInTheFileAndTheirFilesNeverCommittedOrBuilt() throws IOException {
		String text = DeploymentFiles.text("docker-compose.yml");
		DeploymentFiles.map(this.compose, "services")
			.forEach((name, service) -> assertThat(environment(DeploymentFiles.map(service)).keySet()).as(name)
				.doesNotContainAnyElementsOf(BRIDGE_SECRETS));
		assertThat(BRIDGE_SECRETS).allSatisfy((secret) -> assertThat(text).doesNotContain(secret + "="));
		List<String> gitignore = DeploymentFiles.text(".gitignore")
			.lines()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignored(gitignore, "secrets/bridge.signing-keys")).isTrue();
		assertThat(ignored(dockerignorePatterns(), "secrets/bridge.signing-keys")).isTrue();
	}

	@Test
	void bridgeSecretsWhenEnvExampleThenDocumentedAsSecretsWithoutValues() {
		Set<String> documented = DeploymentFiles.documentedVariables();
		assertThat(documented).contains("BRIDGE_ENABLED", "BRIDGE_ISSUER", "BRIDGE_UPSTREAM_CLIENT_ID",
				"BRIDGE_UPSTREAM_ISSUER_URI", "BRIDGE_UPSTREAM_AUTHORIZATION_URI", "BRIDGE_UPSTREAM_TOKEN_URI",
				"BRIDGE_UPSTREAM_JWK_SET_URI", "BRIDGE_UPSTREAM_REVOCATION_URI", "BRIDGE_UPSTREAM_SCOPES",
				"SPRING_CONFIG_IMPORT");
		List<String> lines = DeploymentFiles.text(".env.example").lines().toList();
		assertThat(BRIDGE_SECRETS)
			.allSatisfy((secret) -> assertThat(lines).filteredOn((line) -> line.matches("^#?\\s*" + secret + "=.*"))
				.singleElement()
				.satisfies((line) -> assertThat(line).startsWith("# " + secret + "=<").contains("SECRET")));
	}

	@Test
	void servicesWhenComposeThenTargetsFilesReadOnlyFromAConfigDirectoryInTheRepository() {
		serverServices()
			.forEach((name, service) -> assertThat(DeploymentFiles.list(DeploymentFiles.map(service).get("volumes")))
				.as(name)
				.containsExactly("./config:/config:ro"));
		// Docker would create a missing bind-mount source as an empty directory owned by
		// root.
		assertThat(DeploymentFiles.file("config")).isDirectory();
		assertThat(DeploymentFiles.text(".env.example")).contains("# MCP_TARGETS_FILE=/config/targets.yaml");
		assertThat(environment(DeploymentFiles.map(this.compose, "services", "local")))
			.containsEntry("MCP_TARGETS_FILE", null);
	}

	@Test
	void gatewaySettingsWhenEnvExampleThenDocumentedAndSecretsWithoutValues() {
		assertThat(DeploymentFiles.documentedVariables()).contains("MCP_TARGETS_FILE", "MCP_TARGETS",
				"TARGETS_TOKEN_URI", "TARGETS_CLIENT_ID", "GATEWAY_CALLER_TOKEN_LIFETIME");
		List<String> lines = DeploymentFiles.text(".env.example").lines().toList();
		assertThat(List.of("TARGETS_CLIENT_SECRET", "SPRING_APPLICATION_JSON", "GATEWAY_CALLER_TOKEN_JWK_SET"))
			.allSatisfy((secret) -> assertThat(lines).filteredOn((line) -> line.matches("^#?\\s*" + secret + "=.*"))
				.singleElement()
				.satisfies((line) -> assertThat(line).startsWith("# " + secret + "=<").contains("SECRET")));
	}

	@Test
	void servicesWhenComposeThenEachHasAHealthCheckOnTheActuator() {
		assertThat(DeploymentFiles.map(this.compose, "services")).containsOnlyKeys("local", "server", "bridge",
				"postgres");
		serverServices()
			.forEach((name, service) -> assertThat(DeploymentFiles.map(service, "healthcheck").get("test")).as(name)
				.asString()
				.contains("http://127.0.0.1:", "/actuator/health/readiness"));
	}

	@Test
	void variablesWhenComposeThenOnlyDocumentedOnes() {
		Set<String> documented = DeploymentFiles.documentedVariables();
		serverServices().forEach((name, service) -> {
			Set<String> variables = new LinkedHashSet<>(environment(DeploymentFiles.map(service)).keySet());
			variables.remove(DeploymentFiles.SPRING_PROFILES_ACTIVE);
			assertThat(documented).as(name).containsAll(variables);
		});
		Matcher interpolated = INTERPOLATED.matcher(DeploymentFiles.text("docker-compose.yml"));
		while (interpolated.find()) {
			assertThat(interpolated.group(1)).isIn(documented);
		}
	}

	@Test
	void bridgeServiceWhenComposeThenStateInThePostgresServiceOnceItIsHealthy() {
		Map<String, Object> bridge = DeploymentFiles.map(this.compose, "services", "bridge");
		assertThat(environment(bridge)).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/mcp")
			.containsEntry("SPRING_DATASOURCE_USERNAME", "${POSTGRES_USER:-mcp}")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}");
		assertThat(DeploymentFiles.map(bridge, "depends_on"))
			.isEqualTo(Map.of("postgres", Map.of("condition", "service_healthy")));

		Map<String, Object> postgres = DeploymentFiles.map(this.compose, "services", "postgres");
		assertThat(DeploymentFiles.list(postgres.get("profiles"))).containsExactly("bridge");
		assertThat(postgres).as("reachable from the bridge service only").doesNotContainKey("ports");
		assertThat(environment(postgres)).containsEntry("POSTGRES_DB", "mcp")
			.containsEntry("POSTGRES_USER", "${POSTGRES_USER:-mcp}")
			.containsEntry("POSTGRES_PASSWORD", "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}");
		assertThat(DeploymentFiles.map(postgres, "healthcheck").get("test")).asString().contains("pg_isready");
		assertThat(DeploymentFiles.list(postgres.get("volumes")))
			.containsExactly("postgres-data:/var/lib/postgresql/data");
		assertThat(DeploymentFiles.map(this.compose, "volumes")).containsOnlyKeys("postgres-data");
		// The password is a secret of .env, documented without a value.
		assertThat(DeploymentFiles.text(".env.example").lines().toList())
			.filteredOn((line) -> line.matches("^#?\\s*POSTGRES_PASSWORD=.*"))
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith("# POSTGRES_PASSWORD=<").contains("SECRET"));
	}

	/** The services that run the server's image (not the database). */
	private Map<String, Object> serverServices() {
		Map<String, Object> services = new LinkedHashMap<>(DeploymentFiles.map(this.compose, "services"));
		services.keySet()
			.removeIf((name) -> !"mcp-oauth-gateway:latest".equals(DeploymentFiles.map(services, name).get("image")));
		return services;
	}

	private List<Instruction> stage(String name) {
		int from = -1;
		for (int i = 0; i < this.dockerfile.size(); i++) {
			Instruction instruction = this.dockerfile.get(i);
			if (instruction.is("FROM")) {
				if (from >= 0) {
					return this.dockerfile.subList(from, i);
				}
				if (instruction.arguments().toLowerCase(Locale.ROOT).endsWith(" as " + name)) {
					from = i;
				}
			}
		}
		assertThat(from).as("stage %s", name).isNotNegative();
		return this.dockerfile.subList(from, this.dockerfile.size());
	}

	private List<Instruction> finalStage() {
		int from = 0;
		for (int i = 0; i < this.dockerfile.size(); i++) {
			if (this.dockerfile.get(i).is("FROM")) {
				from = i;
			}
		}
		return this.dockerfile.subList(from, this.dockerfile.size());
	}

	/**
	 * The environment variable that Spring Boot's relaxed binding maps to a property.
	 */
	private static String variableOf(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	/**
	 * The instructions of a Dockerfile, continuation lines joined, comments left out.
	 */
	private static List<Instruction> instructions(String dockerfile) {
		List<Instruction> instructions = new ArrayList<>();
		for (String line : dockerfile.replaceAll("\\\\\\n\\s*", " ").split("\\n")) {
			String trimmed = line.trim();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				String[] parts = trimmed.split("\\s+", 2);
				instructions
					.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), (parts.length > 1) ? parts[1].trim() : ""));
			}
		}
		return instructions;
	}

	private static List<String> quoted(String text) {
		List<String> values = new ArrayList<>();
		Matcher matcher = QUOTED.matcher(text);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	private static List<String> dockerignorePatterns() {
		return DeploymentFiles.text(".dockerignore")
			.lines()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	/**
	 * Whether Docker leaves a file out of the build context: the last pattern that
	 * matches the file or one of its parent directories decides, and {@code !} makes an
	 * exception.
	 */
	private static boolean ignored(List<String> patterns, String file) {
		boolean ignored = false;
		for (String pattern : patterns) {
			boolean exception = pattern.startsWith("!");
			String glob = pattern.substring(exception ? 1 : 0).replaceAll("^/+|/+$", "");
			Pattern regex = Pattern.compile(Pattern.quote(glob).replace("*", "\\E[^/]*\\Q").replace("?", "\\E[^/]\\Q"));
			String[] parts = file.split("/");
			for (int length = 1; length <= parts.length; length++) {
				if (regex.matcher(String.join("/", List.of(parts).subList(0, length))).matches()) {
					ignored = !exception;
					break;
				}
			}
		}
		return ignored;
	}

	private static List<String> filesUnder(String path) throws IOException {
		Path start = DeploymentFiles.file(path);
		if (!Files.isDirectory(start)) {
			return List.of(path);
		}
		try (Stream<Path> files = Files.walk(start)) {
			return files.filter(Files::isRegularFile).map((file) -> file.toString().replace('\\', '/')).toList();
		}
	}

	/**
	 * A service's environment, from either of Compose's forms; a name alone (passed
	 * through from the shell) has a {@code null} value.
	 */
	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		Object declared = service.get("environment");
		if (declared instanceof Map<?, ?> map) {
			map.forEach((name, value) -> environment.put((String) name, (value != null) ? value.toString() : null));
		}
		else {
			for (Object entry : DeploymentFiles.list(declared)) {
				String[] pair = entry.toString().split("=", 2);
				environment.put(pair[0], (pair.length > 1) ? pair[1] : null);
			}
		}
		return environment;
	}

	record Instruction(String keyword, String arguments) {

		boolean is(String keyword) {
			return this.keyword.equals(keyword);
		}

	}

}
