package io.github.mcpoauthgateway.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.authserver.SigningKeys;
import io.github.mcpoauthgateway.gateway.credentials.CallerTokens;
import io.github.mcpoauthgateway.gateway.credentials.TargetCredentials;
import io.github.mcpoauthgateway.gateway.lambda.LambdaTargetFactory;
import io.github.mcpoauthgateway.gateway.mcp.McpTargetFactory;
import io.github.mcpoauthgateway.gateway.openapi.OpenApiTargetFactory;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every kind of bad target declaration is refused at start, with a message naming the
 * entry and the setting.
 */
class GatewayDeclarationsTests {

	final MockEnvironment environment = new MockEnvironment().withProperty("API_KEY", "k");

	final TargetCredentials credentials = new TargetCredentials(this.environment, new CallerTokens(
			SigningKeys::generated, () -> "https://mcp.example.test", Duration.ofSeconds(60), Clock.systemUTC()));

	static TargetProperties openapi(String name) {
		TargetProperties target = new TargetProperties();
		target.setName(name);
		target.setKind("openapi");
		target.getOpenapi().setSpec("pets.yaml");
		return target;
	}

	List<DeclaredTarget> load(GatewayProperties properties) {
		return TargetDeclarations.load(properties, this.environment, List.of(new OpenApiTargetFactory()),
				this.credentials);
	}

	List<String> problems(Consumer<GatewayProperties> setup) {
		GatewayProperties properties = new GatewayProperties();
		setup.accept(properties);
		try {
			load(properties);
		}
		catch (InvalidSettingsException ex) {
			return ex.getProblems();
		}
		return List.of();
	}

	@Test
	void loadWhenTwoTargetsShareANameThenRefusedNamingTheSecond() {
		assertThat(problems((p) -> p.setTargets(List.of(openapi("pets"), openapi("pets")))))
			.containsExactly("gateway.targets[1] (pets): name pets is used by another target");
	}

	@Test
	void loadWhenNameHasOtherCharactersThenRefused() {
		assertThat(problems((p) -> p.setTargets(List.of(openapi("pet store")))))
			.containsExactly("gateway.targets[0] (pet store): name must match [a-zA-Z0-9_-]+");
	}

	@Test
	void loadWhenNameMissingThenRefused() {
		assertThat(problems((p) -> p.setTargets(List.of(openapi(null)))))
			.containsExactly("gateway.targets[0] (no name): name is required");
	}

	@Test
	void loadWhenMcpOrLambdaTargetHasNoNameThenRefusedByTheFactoryToo() {
		TargetProperties mcp = new TargetProperties();
		mcp.setKind("mcp");
		mcp.getMcp().setUrl(URI.create("http://127.0.0.1:1/mcp"));
		TargetProperties lambda = new TargetProperties();
		lambda.setKind("lambda");
		lambda.getLambda().setFunction("tools");
		LambdaTargetProperties.Tool tool = new LambdaTargetProperties.Tool();
		tool.setName("echo");
		lambda.getLambda().setTools(List.of(tool));
		GatewayProperties properties = new GatewayProperties();
		properties.setTargets(List.of(mcp, lambda));
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> TargetDeclarations.load(properties, this.environment,
					List.of(new McpTargetFactory(false), new LambdaTargetFactory()), this.credentials))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(
					"gateway.targets[0] (no name): name is required",
					"gateway.targets[0] (no name): An MCP target needs a name",
					"gateway.targets[1] (no name): name is required",
					"gateway.targets[1] (no name): A Lambda target's name must match [a-zA-Z0-9_-]{1,64}, got 'null'"));
	}

	@Test
	void loadWhenNameLeavesNoRoomForToolNamesThenRefused() {
		String name = "a".repeat(61);
		assertThat(problems((p) -> p.setTargets(List.of(openapi(name))))).containsExactly("gateway.targets[0] (" + name
				+ "): name is too long: tool names <name>___<tool> must fit in 64 characters");
	}

	@Test
	void loadWhenKindUnknownThenRefused() {
		TargetProperties target = openapi("fn");
		target.setKind("lambda");
		assertThat(problems((p) -> p.setTargets(List.of(target)))).containsExactly(
				"gateway.targets[0] (fn): kind lambda is not one this server serves (openapi, lambda or mcp)");
	}

	@Test
	void loadWhenOpenApiSpecMissingThenRefused() {
		TargetProperties target = openapi("pets");
		target.getOpenapi().setSpec(null);
		assertThat(problems((p) -> p.setTargets(List.of(target)))).containsExactly(
				"gateway.targets[0] (pets): openapi.spec is required: the document's file path or http(s) URL");
	}

	@Test
	void loadWhenHeaderVariableNotSetThenRefusedNamingTheVariable() {
		TargetProperties target = openapi("pets");
		target.getCredentials().setType("header");
		target.getCredentials().setHeaderName("X-Api-Key");
		target.getCredentials().setValueEnv("PETS_KEY");
		assertThat(problems((p) -> p.setTargets(List.of(target)))).containsExactly(
				"gateway.targets[0] (pets): credentials.value-env: environment variable PETS_KEY is not set");
	}

	@Test
	void loadWhenClientCredentialsIncompleteThenRefusedNamingEachSetting() {
		TargetProperties target = openapi("pets");
		target.getCredentials().setType("client-credentials");
		assertThat(problems((p) -> p.setTargets(List.of(target)))).containsExactly(
				"gateway.targets[0] (pets): credentials.token-uri must be the token endpoint's http(s) URL",
				"gateway.targets[0] (pets): credentials.client-id is required",
				"gateway.targets[0] (pets): credentials.client-secret-env must name the environment variable that holds the secret");
	}

	@Test
	void loadWhenLimitsAreNotPositiveThenRefused() {
		TargetProperties target = openapi("pets");
		target.setTimeout(Duration.ZERO);
		target.setMaxConcurrency(0);
		assertThat(problems((p) -> p.setTargets(List.of(target)))).containsExactly(
				"gateway.targets[0] (pets): timeout must be positive",
				"gateway.targets[0] (pets): max-concurrency must be at least 1");
	}

	@Test
	void loadWhenTargetsFileThenItsTargetsFollowThePropertiesOnes(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("targets.yaml");
		Files.writeString(file, """
				targets:
				  - name: billing
				    kind: openapi
				    timeout: 3s
				    max-response-bytes: 2MB
				    required-scopes: [billing:read]
				    credentials:
				      type: header
				      header-name: X-Api-Key
				      value-env: API_KEY
				    openapi:
				      spec: ${SPEC_DIR:/specs}/billing.yaml
				      include-tags: [invoices]
				""");
		GatewayProperties properties = new GatewayProperties();
		properties.setTargets(List.of(openapi("pets")));
		properties.setTargetsFile(file.toString());

		List<DeclaredTarget> targets = load(properties);

		assertThat(targets).extracting(DeclaredTarget::label)
			.containsExactly("gateway.targets[0] (pets)", "targets file " + file + ": targets[0] (billing)");
		TargetProperties billing = targets.get(1).properties();
		assertThat(billing.getTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(billing.getMaxResponseBytes().toMegabytes()).isEqualTo(2);
		assertThat(billing.getRequiredScopes()).containsExactly("billing:read");
		assertThat(billing.getOpenapi().getSpec()).isEqualTo("/specs/billing.yaml");
		assertThat(billing.getOpenapi().getIncludeTags()).containsExactly("invoices");
	}

	@Test
	void loadWhenTargetsFileEntryIsBadThenRefusedNamingFileAndIndex(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("targets.yaml");
		Files.writeString(file, """
				targets:
				  - name: ok
				    kind: openapi
				    openapi: { spec: a.yaml }
				  - name: ok
				    kind: mcp
				""");
		assertThat(problems((p) -> p.setTargetsFile(file.toString()))).containsExactly(
				"targets file " + file + ": targets[1] (ok): name ok is used by another target", "targets file " + file
						+ ": targets[1] (ok): kind mcp is not one this server serves (openapi, lambda or mcp)");
	}

	@Test
	void loadWhenTargetsFileMissingThenRefused(@TempDir Path dir) {
		Path file = dir.resolve("absent.yaml");
		assertThat(problems((p) -> p.setTargetsFile(file.toString()))).containsExactly(
				"targets file " + file + " (MCP_TARGETS_FILE, gateway.targets-file) does not exist or is not a file");
	}

	@Test
	void loadWhenTargetsFileHasAnInvalidValueThenRefusedNamingTheSetting(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("targets.yaml");
		Files.writeString(file, """
				targets:
				  - name: ok
				    kind: openapi
				    timeout: soon
				""");
		assertThat(problems((p) -> p.setTargetsFile(file.toString())))
			.containsExactly("targets file " + file + " cannot be read: invalid value for targets[0].timeout");
	}

	@Test
	void loadWhenTargetsYamlThenItsTargetsFollowTheFilesOnes(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("targets.yaml");
		Files.writeString(file, """
				targets:
				  - name: billing
				    kind: openapi
				    openapi: { spec: billing.yaml }
				""");
		GatewayProperties properties = new GatewayProperties();
		properties.setTargets(List.of(openapi("pets")));
		properties.setTargetsFile(file.toString());
		properties.setTargetsYaml("""
				targets:
				  - name: orders
				    kind: openapi
				    credentials:
				      type: header
				      header-name: X-Api-Key
				      value-env: API_KEY
				    openapi:
				      spec: ${SPEC_DIR:/specs}/orders.yaml
				""");

		List<DeclaredTarget> targets = load(properties);

		assertThat(targets).extracting(DeclaredTarget::label)
			.containsExactly("gateway.targets[0] (pets)", "targets file " + file + ": targets[0] (billing)",
					"MCP_TARGETS (gateway.targets-yaml): targets[0] (orders)");
		assertThat(targets.get(2).properties().getOpenapi().getSpec()).isEqualTo("/specs/orders.yaml");
		assertThat(targets.get(2).properties().getCredentials().getValueEnv()).isEqualTo("API_KEY");
	}

	@Test
	void loadWhenTargetsYamlEntryIsBadThenRefusedNamingTheVariableAndIndex() {
		assertThat(problems((p) -> p.setTargetsYaml("""
				targets:
				  - name: orders
				    kind: openapi
				    timeout: soon
				""")))
			.containsExactly("MCP_TARGETS (gateway.targets-yaml) cannot be read: invalid value for targets[0].timeout");
		assertThat(problems((p) -> {
			p.setTargets(List.of(openapi("orders")));
			p.setTargetsYaml("targets: [{ name: orders, kind: openapi, openapi: { spec: a.yaml } }]");
		})).containsExactly(
				"MCP_TARGETS (gateway.targets-yaml): targets[0] (orders): name orders is used by another target");
	}

	@Test
	void targetsYamlWhenMcpTargetsIsSetThenBoundFromIt() throws IOException {
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources().addFirst(new MapPropertySource("task", Map.of("MCP_TARGETS", "targets: []\n")));
		new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
			.forEach(spring.getPropertySources()::addLast);

		GatewayProperties bound = Binder.get(spring)
			.bindOrCreate(GatewayProperties.CONFIG_PREFIX, GatewayProperties.class);

		assertThat(bound.getTargetsYaml()).isEqualTo("targets: []\n");
	}

	@Test
	void credentialsWhenTheirVariablesComeFromSpringApplicationJsonThenFound() {
		// How infra/service.yaml hands the targets their secrets: one JSON secret as
		// SPRING_APPLICATION_JSON, whose keys are the variables value-env and
		// client-secret-env name.
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources()
			.addFirst(new MapPropertySource("task",
					Map.of("SPRING_APPLICATION_JSON", "{\"ORDERS_API_KEY\":\"k\",\"TARGETS_CLIENT_SECRET\":\"s\"}")));
		new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(spring, new SpringApplication());
		ConfigurationPropertySources.attach(spring);
		TargetCredentials fromJson = new TargetCredentials(spring, new CallerTokens(SigningKeys::generated,
				() -> "https://mcp.example.test", Duration.ofSeconds(60), Clock.systemUTC()));
		TargetProperties header = openapi("orders");
		header.getCredentials().setType("header");
		header.getCredentials().setHeaderName("X-Api-Key");
		header.getCredentials().setValueEnv("ORDERS_API_KEY");
		TargetProperties clientCredentials = openapi("billing");
		clientCredentials.getCredentials().setType("client-credentials");
		clientCredentials.getCredentials().setTokenUri(URI.create("https://auth.example.test/oauth2/token"));
		clientCredentials.getCredentials().setClientId("gateway");
		clientCredentials.getCredentials().setClientSecretEnv("TARGETS_CLIENT_SECRET");

		assertThat(fromJson.problems(header)).isEmpty();
		assertThat(fromJson.problems(clientCredentials)).isEmpty();
	}

}
