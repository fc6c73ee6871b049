package io.github.mcpoauthgateway.deploy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.provisioning.CognitoClients;
import io.github.mcpoauthgateway.provisioning.CognitoSetup;
import io.github.mcpoauthgateway.provisioning.FakeCognitoAccess;
import io.github.mcpoauthgateway.provisioning.ProvisioningPlan;
import io.github.mcpoauthgateway.mcp.McpProperties;
import io.github.mcpoauthgateway.security.CognitoProperties;
import io.github.mcpoauthgateway.security.OAuthProperties;
import io.github.mcpoauthgateway.security.ResourceServerSettings;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the CloudFormation templates under {@code infra/}: the server's
 * settings reach the container from parameters, and the templates agree with the server
 * and with each other. The CloudFormation linter runs in {@code .ci/check-static.sh}.
 */
class CloudFormationTemplatesTests {

	private static final String SERVICE = "infra/service.yaml";

	private static final String COGNITO = "infra/cognito.yaml";

	/**
	 * Settings the server needs in production (docs/configuration.md), besides its
	 * issuer.
	 */
	private static final List<String> SERVER_SETTINGS = List.of("MCP_RESOURCE_URL", "OAUTH_ALLOWED_CLIENT_IDS",
			"OAUTH_ENFORCE_ALLOWED_CLIENT_IDS", "MCP_REQUIRED_SCOPES", "MCP_ALLOWED_ORIGINS", "MCP_STATELESS",
			"SERVER_PORT");

	private static final Pattern DURATION_SECONDS = Pattern.compile("(\\d+)s");

	private static final Pattern DEPLOY_COMMAND = Pattern
		.compile("aws cloudformation deploy((?:[^\\n]*\\\\\\n)*[^\\n]*)");

	private final CloudFormationTemplate service = CloudFormationTemplate.read(SERVICE);

	private final CloudFormationTemplate cognito = CloudFormationTemplate.read(COGNITO);

	@Test
	void containerEnvironmentWhenServiceTemplateThenEverySettingComesFromAParameter() {
		assertThat(wiringProblems(this.service)).isEmpty();
		assertThat(this.service.containerEnvironment()).containsKeys(SERVER_SETTINGS.toArray(String[]::new));
	}

	@Test
	void wiringProblemsWhenASettingIsDroppedThenItIsNamed() {
		environmentEntries(this.service)
			.removeIf((entry) -> "MCP_STATELESS".equals(DeploymentFiles.map(entry).get("Name")));
		assertThat(wiringProblems(this.service)).containsExactly("MCP_STATELESS is not set");
	}

	@Test
	void wiringProblemsWhenAValueIsALiteralOrAnUndocumentedNameThenBothAreNamed() {
		List<Object> entries = environmentEntries(this.service);
		DeploymentFiles.map(entries.get(0)).put("Value", "https://mcp.example.com/mcp");
		entries.add(new LinkedHashMap<>(Map.of("Name", "MCP_STATELES", "Value", Map.of("Ref", "Stateless"))));
		assertThat(wiringProblems(this.service)).containsExactly("MCP_RESOURCE_URL is not a template parameter",
				"MCP_STATELES is not a setting that .env.example documents");
	}

	@ParameterizedTest
	@ValueSource(strings = { SERVICE, COGNITO })
	void parametersWhenTemplateThenEveryOneIsUsed(String path) {
		assertThat(CloudFormationTemplate.read(path).unusedParameters()).isEmpty();
	}

	@Test
	void unusedParametersWhenNothingRefersToOneThenItIsNamed() {
		this.service.parameters().put("Forgotten", Map.of("Type", "String"));
		assertThat(this.service.unusedParameters()).containsExactly("Forgotten");
	}

	@ParameterizedTest
	@ValueSource(strings = { SERVICE, COGNITO })
	void resourcesWhenTemplateThenEachHasACommentAbove(String path) {
		assertThat(CloudFormationTemplate.resourcesWithoutComment(DeploymentFiles.text(path))).isEmpty();
	}

	@Test
	void resourcesWithoutCommentWhenOneLacksItThenItIsNamed() {
		String text = "Parameters:\n  Name:\n    Type: String\nResources:\n  # Why.\n  Kept:\n    Type: A\n  Bare:\n    Type: B\n";
		assertThat(CloudFormationTemplate.resourcesWithoutComment(text)).containsExactly("Bare");
	}

	@Test
	void parameterDefaultsWhenSeveralTasksThenStateless() {
		assertThat(this.service.parameter("MinCapacity").get("Default")).isInstanceOfSatisfying(Integer.class,
				(tasks) -> assertThat(tasks).isGreaterThan(1));
		assertThat(this.service.parameterOf(this.service.containerEnvironment().get("MCP_STATELESS")))
			.isEqualTo("Stateless");
		assertThat(this.service.parameter("Stateless").get("Default")).isEqualTo("true");
	}

	@Test
	void idleTimeoutWhenAnyAllowedValueThenBetweenKeepAlivePingsAndTomcatKeepAlive() {
		Map<String, Object> idleTimeout = this.service.parameter("IdleTimeoutSeconds");
		Duration pings = seconds(this.service.parameter("KeepAliveInterval").get("Default"));
		Duration tomcatKeepAlive = seconds(
				DeploymentFiles.map(DeploymentFiles.yaml("src/main/resources/application.yml"), "server", "tomcat")
					.get("keep-alive-timeout"));
		assertThat(pings).isEqualTo(new McpProperties().getKeepAliveInterval());
		assertThat(Duration.ofSeconds((Integer) idleTimeout.get("MinValue"))).isGreaterThan(pings);
		assertThat(Duration.ofSeconds((Integer) idleTimeout.get("MaxValue"))).isLessThan(tomcatKeepAlive);
		assertThat(loadBalancerAttribute("idle_timeout.timeout_seconds"))
			.isEqualTo(Map.of("Ref", "IdleTimeoutSeconds"));
		assertThat(this.service.parameterOf(this.service.containerEnvironment().get("MCP_KEEP_ALIVE_INTERVAL")))
			.isEqualTo("KeepAliveInterval");
	}

	@Test
	void containerPortWhenServiceTemplateThenOneParameterForServerListenerAndProbes() {
		Map<String, Object> port = Map.of("Ref", "ContainerPort");
		Map<String, Object> container = DeploymentFiles
			.map(DeploymentFiles.list(this.service.properties("TaskDefinition").get("ContainerDefinitions")).get(0));
		assertThat(this.service.containerEnvironment().get("SERVER_PORT")).isEqualTo(port);
		assertThat(DeploymentFiles.map(DeploymentFiles.list(container.get("PortMappings")).get(0)).get("ContainerPort"))
			.isEqualTo(port);
		assertThat(this.service.properties("TargetGroup").get("Port")).isEqualTo(port);
		assertThat(DeploymentFiles
			.map(DeploymentFiles.list(this.service.properties("Service").get("LoadBalancers")).get(0))
			.get("ContainerPort")).isEqualTo(port);
		assertThat(this.service.properties("ServiceIngressFromLoadBalancer")).containsEntry("FromPort", port)
			.containsEntry("ToPort", port);
		assertThat(DeploymentFiles.map(container, "HealthCheck").get("Command")).asString()
			.contains("${ContainerPort}/actuator/health/");
	}

	@Test
	void containerWhenServiceTemplateThenReadOnlyRootWithTaskStorageWhereTheJvmWrites() {
		Map<String, Object> container = this.service.container();
		assertThat(container).containsEntry("ReadonlyRootFilesystem", true);
		List<Object> mounts = DeploymentFiles.list(container.get("MountPoints"));
		assertThat(mounts).singleElement()
			.satisfies((mount) -> assertThat(DeploymentFiles.map(mount)).containsEntry("ContainerPath", "/tmp")
				.containsEntry("ReadOnly", false));
		Object volume = DeploymentFiles.map(mounts.get(0)).get("SourceVolume");
		// A volume with nothing but a name is the task's own ephemeral storage.
		assertThat(DeploymentFiles.list(this.service.properties("TaskDefinition").get("Volumes")))
			.containsExactly(Map.of("Name", volume));
		// The JVM keeps its temporary files there (Dockerfile).
		assertThat(DeploymentFiles.text("Dockerfile")).containsPattern("ENTRYPOINT \\[.*\"-Djava.io.tmpdir=/tmp\"");
	}

	@Test
	void loadBalancerWhenAccessLogsBucketGivenThenLogsThereAndOtherwiseOff() {
		assertThat(this.service.parameter("AccessLogsBucket")).containsEntry("Default", "");
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions").get("HasAccessLogs")).isEqualTo(
				Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AccessLogsBucket"), "")))));
		assertThat(loadBalancerAttribute("access_logs.s3.enabled"))
			.isEqualTo(Map.of("Fn::If", List.of("HasAccessLogs", "true", "false")));
		List<Object> attributes = DeploymentFiles
			.list(this.service.properties("LoadBalancer").get("LoadBalancerAttributes"));
		assertThat(attributes).contains(
				Map.of("Fn::If",
						List.of("HasAccessLogs",
								Map.of("Key", "access_logs.s3.bucket", "Value", Map.of("Ref", "AccessLogsBucket")),
								Map.of("Ref", "AWS::NoValue"))),
				Map.of("Fn::If",
						List.of("HasAccessLogs",
								Map.of("Key", "access_logs.s3.prefix", "Value", Map.of("Ref", "AccessLogsPrefix")),
								Map.of("Ref", "AWS::NoValue"))));
		// The load balancer adds AWSLogs/<account>/... itself, and refuses a prefix with
		// it.
		assertThat((String) this.service.parameter("AccessLogsPrefix").get("AllowedPattern")).isNotBlank();
		assertThat("mcp/AWSLogs")
			.doesNotMatch((String) this.service.parameter("AccessLogsPrefix").get("AllowedPattern"));
		assertThat((String) this.service.parameter("AccessLogsPrefix").get("Default"))
			.matches((String) this.service.parameter("AccessLogsPrefix").get("AllowedPattern"));
	}

	@Test
	void listenersWhenServiceTemplateThenHttpsWithCertificateOrRedirectOnly() {
		List<Map<String, Object>> listeners = this.service.resourcesOfType("AWS::ElasticLoadBalancingV2::Listener");
		assertThat(listeners).isNotEmpty().allSatisfy((listener) -> {
			if ("HTTPS".equals(listener.get("Protocol"))) {
				assertThat(DeploymentFiles.list(listener.get("Certificates"))).isNotEmpty();
			}
			else {
				assertThat(DeploymentFiles.list(listener.get("DefaultActions")))
					.allSatisfy((action) -> assertThat(DeploymentFiles.map(action, "RedirectConfig"))
						.containsEntry("Protocol", "HTTPS"));
			}
		});
		assertThat(listeners).anySatisfy((listener) -> assertThat(listener).containsEntry("Protocol", "HTTPS"));
	}

	@Test
	void targetGroupWhenServiceTemplateThenReadinessProbeAndStickinessOnlyWithStickySessions() {
		Map<String, Object> targetGroup = this.service.properties("TargetGroup");
		assertThat(targetGroup).containsEntry("HealthCheckPath", "/actuator/health/readiness");
		List<Object> attributes = DeploymentFiles.list(targetGroup.get("TargetGroupAttributes"));
		assertThat(attributes).contains(Map.of("Key", "stickiness.enabled", "Value", Map.of("Ref", "StickySessions")));
		assertThat(this.service.parameter("StickySessions")).containsEntry("Default", "false");
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions").get("StickyOn"))
			.isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "StickySessions"), "true")));
		assertThat(attributes).contains(ifThen("StickyOn", Map.of("Key", "stickiness.type", "Value", "lb_cookie")),
				ifThen("StickyOn", Map.of("Key", "stickiness.lb_cookie.duration_seconds", "Value",
						Map.of("Ref", "StickinessSeconds"))));
		// Off by default, the defaults still serve several tasks: the stateless
		// transport.
		assertThat(this.service.parameter("Stateless").get("Default")).isEqualTo("true");
	}

	@Test
	void databaseWhenDatabaseEnabledThenEncryptedAuroraServerlessInPrivateSubnetsReachableFromTheTasksOnly() {
		assertThat(this.service.parameter("DatabaseEnabled")).containsEntry("Default", "false");
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions").get("DatabaseOn"))
			.isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "DatabaseEnabled"), "true")));
		Map<String, Object> resources = DeploymentFiles.map(this.service.document(), "Resources");
		for (String name : List.of("DatabaseSecret", "DatabaseSubnetGroup", "DatabaseSecurityGroup",
				"DatabaseIngressFromService", "ServiceEgressToDatabase", "DatabaseCluster", "DatabaseInstance",
				"DatabaseSecretAttachment")) {
			assertThat(DeploymentFiles.map(resources, name)).as(name).containsEntry("Condition", "DatabaseOn");
		}
		Map<String, Object> cluster = this.service.properties("DatabaseCluster");
		assertThat(cluster).containsEntry("Engine", "aurora-postgresql")
			.containsEntry("StorageEncrypted", true)
			.containsEntry("DeletionProtection", true)
			.containsEntry("DBSubnetGroupName", Map.of("Ref", "DatabaseSubnetGroup"))
			.containsEntry("VpcSecurityGroupIds", List.of(Map.of("Ref", "DatabaseSecurityGroup")))
			.containsEntry("ServerlessV2ScalingConfiguration", Map.of("MinCapacity",
					Map.of("Ref", "DatabaseMinCapacity"), "MaxCapacity", Map.of("Ref", "DatabaseMaxCapacity")));
		assertThat(DeploymentFiles.map(resources, "DatabaseCluster")).containsEntry("DeletionPolicy", "Snapshot");
		// The credentials come from the generated secret, never from a parameter.
		assertThat(cluster.get("MasterUserPassword"))
			.isEqualTo(Map.of("Fn::Sub", "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}"));
		assertThat(this.service.parameters().keySet()).noneMatch((name) -> name.matches(".*(Password|Username).*"));
		assertThat(this.service.properties("DatabaseInstance")).containsEntry("DBInstanceClass", "db.serverless")
			.containsEntry("PubliclyAccessible", false);
		assertThat(this.service.properties("DatabaseSubnetGroup")).containsEntry("SubnetIds",
				Map.of("Ref", "PrivateSubnetIds"));
		assertThat(this.service.properties("DatabaseIngressFromService")).containsEntry("FromPort", 5432)
			.containsEntry("SourceSecurityGroupId", Map.of("Ref", "ServiceSecurityGroup"))
			.doesNotContainKey("CidrIp");
		assertThat(this.service.properties("ServiceEgressToDatabase")).containsEntry("FromPort", 5432)
			.containsEntry("DestinationSecurityGroupId", Map.of("Ref", "DatabaseSecurityGroup"));
		// The service waits for the instance (when there is one): migrations run at
		// start.
		assertThat(DeploymentFiles.map(resources, "Service").get("DependsOn"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains("DatabaseReady");
		assertThat(DeploymentFiles.map(resources, "DatabaseReady", "Metadata").get("Instance"))
			.isEqualTo(Map.of("Fn::If", List.of("DatabaseOn", Map.of("Ref", "DatabaseInstance"), "")));
	}

	@Test
	void databaseWhenDatabaseEnabledThenUrlFromTheEndpointAndCredentialsAsSecretsTheExecutionRoleMayRead() {
		assertThat(this.service.containerEnvironment()).containsEntry("SPRING_DATASOURCE_URL", Map.of("Fn::Sub",
				"jdbc:postgresql://${DatabaseCluster.Endpoint.Address}:${DatabaseCluster.Endpoint.Port}/mcp"));
		assertThat(this.service.environmentConditions("SPRING_DATASOURCE_URL")).containsExactly("DatabaseOn");
		assertThat(this.service.containerSecrets())
			.containsEntry("SPRING_DATASOURCE_USERNAME", Map.of("Fn::Sub", "${DatabaseSecret}:username::"))
			.containsEntry("SPRING_DATASOURCE_PASSWORD", Map.of("Fn::Sub", "${DatabaseSecret}:password::"));
		for (String secret : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
			assertThat(this.service.secretConditions(secret)).containsExactly("HasSecrets", "DatabaseOn");
		}
		assertThat(this.service.containerEnvironment()).doesNotContainKeys("SPRING_DATASOURCE_USERNAME",
				"SPRING_DATASOURCE_PASSWORD");
		Object policies = CloudFormationTemplate.whenTrue(this.service.properties("ExecutionRole").get("Policies"));
		Map<String, Object> policy = DeploymentFiles.map(DeploymentFiles.list(policies).get(0));
		assertThat(DeploymentFiles
			.map(DeploymentFiles.list(DeploymentFiles.map(policy, "PolicyDocument").get("Statement")).get(0))
			.get("Resource")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(ifThen("DatabaseOn", Map.of("Ref", "DatabaseSecret")));
	}

	@Test
	void wiringProblemsWhenAValueNamesSomethingOtherThanTheTemplatesResourcesThenItIsNamed() {
		List<Object> entries = environmentEntries(this.service);
		entries.add(new LinkedHashMap<>(
				Map.of("Name", "SPRING_DATASOURCE_PASSWORD", "Value", Map.of("Fn::Sub", "${Elsewhere.Password}"))));
		assertThat(wiringProblems(this.service))
			.containsExactly("SPRING_DATASOURCE_PASSWORD is not a template parameter");
	}

	@Test
	void appClientWhenCognitoTemplateThenMayAskForTheScopeTheServerRequires() {
		Map<String, Object> requiredScope = DeploymentFiles.map(this.cognito.document(), "Outputs", "RequiredScope");
		Map<String, Object> resourceServer = this.cognito.properties("ResourceServer");
		List<Object> clientScopes = DeploymentFiles
			.list(this.cognito.properties("AppClient").get("AllowedOAuthScopes"));
		assertThat(resourceServer.get("Identifier")).isEqualTo(Map.of("Ref", "ResourceUrl"));
		assertThat(DeploymentFiles.list(resourceServer.get("Scopes")))
			.extracting((scope) -> DeploymentFiles.map(scope).get("ScopeName"))
			.containsExactly("tools", "admin");
		assertThat(clientScopes).containsExactly("openid", Map.of("Fn::Sub", "${ResourceUrl}/tools"),
				Map.of("Fn::Sub", "${ResourceUrl}/admin"));
		assertThat(clientScopes).contains(requiredScope.get("Value"));
	}

	@Test
	void appClientWhenCognitoTemplateThenCodeGrantWithTheCommandLineCallback() {
		Map<String, Object> client = this.cognito.properties("AppClient");
		assertThat(client).containsEntry("AllowedOAuthFlowsUserPoolClient", true)
			.containsEntry("AllowedOAuthFlows", List.of("code"));
		// Both branches of the Fn::If that adds the extra callback URLs.
		List<Object> callbacks = DeploymentFiles.list(DeploymentFiles
			.map(DeploymentFiles.list(DeploymentFiles.map(client, "CallbackURLs").get("Fn::Split")).get(1))
			.get("Fn::If"));
		assertThat(callbacks.get(1))
			.isEqualTo(Map.of("Fn::Sub", "http://localhost:8765/callback,${ExtraCallbackUrls}"));
		assertThat(callbacks.get(2)).isEqualTo("http://localhost:8765/callback");
	}

	@Test
	void appClientsWhenCognitoTemplateThenSignInFlowsAndRotationAsCognitoSetupSendsThem() {
		Map<String, Map<String, Object>> sent = new LinkedHashMap<>();
		try (FakeCognitoAccess fake = FakeCognitoAccess.start();
				CognitoIdentityProviderClient client = CognitoClients.create("us-east-1", URI.create(fake.endpoint()),
						StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))) {
			new CognitoSetup(client, (step) -> {
			}, false).apply(new ProvisioningPlan("us-east-1", "mcp-oauth-gateway", "mcp-example",
					"https://mcp.example.test/mcp", "mcp-clients", List.of(ProvisioningPlan.CLI_CALLBACK), false, null,
					false, "template-tests")
				.withBridge(new ProvisioningPlan.Bridge("https://mcp.example.test", "mcp-bridge", null)));
			sent.put("AppClient", fake.appClient("mcp-clients"));
			sent.put("BridgeClient", fake.appClient("mcp-bridge"));
		}
		sent.forEach((resource, request) -> {
			Map<String, Object> template = this.cognito.properties(resource);
			// Present in both: without it Cognito allows SRP, custom and refresh token
			// authentication.
			assertThat(template).as(resource).containsKey("ExplicitAuthFlows");
			for (String setting : List.of("ExplicitAuthFlows", "RefreshTokenRotation", "AllowedOAuthFlows",
					"AllowedOAuthFlowsUserPoolClient", "SupportedIdentityProviders", "PreventUserExistenceErrors",
					"EnableTokenRevocation")) {
				assertThat(template.get(setting)).as(resource + " " + setting).isEqualTo(request.get(setting));
			}
		});
		assertThat(this.cognito.properties("AppClient").get("RefreshTokenRotation"))
			.isEqualTo(Map.of("Feature", "ENABLED", "RetryGracePeriodSeconds", 10));
	}

	@Test
	void userPoolWhenCognitoTemplateThenEssentialsWithManagedLoginAndBranding() {
		assertThat(this.cognito.properties("UserPool")).containsEntry("UserPoolTier", "ESSENTIALS");
		assertThat(this.cognito.properties("UserPoolDomain")).containsEntry("ManagedLoginVersion", 2);
		assertThat(this.cognito.properties("ManagedLoginBranding")).containsEntry("UseCognitoProvidedValues", true)
			.containsEntry("ClientId", Map.of("Ref", "AppClient"));
	}

	@Test
	void userPoolWhenCognitoTemplateThenDeletionProtectedAndTaggedAsThisStacksInstallation() {
		Map<String, Object> pool = DeploymentFiles.map(this.cognito.document(), "Resources", "UserPool");
		assertThat(this.cognito.properties("UserPool")).containsEntry("DeletionProtection",
				Map.of("Ref", "DeletionProtection"));
		assertThat(this.cognito.parameter("DeletionProtection")).containsEntry("Default", "ACTIVE");
		// A rollback cannot delete a protected pool: it keeps it instead of failing.
		assertThat(pool).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
		assertThat(DeploymentFiles.map(this.cognito.properties("UserPool"), "UserPoolTags")).containsExactly(
				Map.entry(ProvisioningPlan.MANAGED_BY_TAG, ProvisioningPlan.MANAGED_BY),
				Map.entry(ProvisioningPlan.INSTALLATION_TAG, Map.of("Fn::Sub", "cloudformation:${AWS::StackId}")));
	}

	@Test
	void issuerOutputWhenSubstitutedThenTheIssuerTheServerDerivesFromThePool() {
		String issuer = (String) DeploymentFiles.map(this.cognito.document(), "Outputs", "Issuer", "Value")
			.get("Fn::Sub");
		McpProperties mcp = new McpProperties();
		mcp.setResourceUrl(URI.create("https://mcp.example.com/mcp"));
		mcp.setRequiredScopes(List.of("https://mcp.example.com/mcp/tools"));
		CognitoProperties pool = new CognitoProperties();
		pool.setRegion("eu-west-1");
		pool.setUserPoolId("eu-west-1_AbC123");
		assertThat(issuer.replace("${AWS::Region}", "eu-west-1").replace("${UserPool}", "eu-west-1_AbC123"))
			.isEqualTo(ResourceServerSettings.from(mcp, new OAuthProperties(), pool).issuer());
		assertThat(DeploymentFiles.map(this.cognito.document(), "Outputs")).containsKeys("Issuer", "UserPoolId",
				"ClientId", "LoginUrl", "RequiredScope", "Scopes");
	}

	@ParameterizedTest
	@ValueSource(strings = { SERVICE, COGNITO })
	void deployCommandWhenInfraReadmeThenNamesExistingParametersAndEveryRequiredOne(String path) {
		CloudFormationTemplate template = CloudFormationTemplate.read(path);
		Map<String, List<Set<String>>> commands = deployCommands(DeploymentFiles.text("infra/README.md"));
		assertThat(commands).containsKey(path);
		Set<String> required = new LinkedHashSet<>(template.parameters().keySet());
		required.removeIf((name) -> template.parameter(name).containsKey("Default"));
		assertThat(commands.get(path)).allSatisfy((overrides) -> {
			assertThat(template.parameters().keySet()).containsAll(overrides);
			assertThat(overrides).containsAll(required);
		});
	}

	@Test
	void deployCommandsWhenCommandSpansLinesThenOverridesOfEachTemplate() {
		String readme = """
				```bash
				aws cloudformation deploy --stack-name a --template-file infra/one.yaml \\
				  --parameter-overrides First=1 Second="$(echo 2)" \\
				  --capabilities CAPABILITY_IAM
				aws cloudformation deploy --template-file infra/two.yaml
				```
				""";
		assertThat(deployCommands(readme)).containsEntry("infra/one.yaml", List.of(Set.of("First", "Second")))
			.containsEntry("infra/two.yaml", List.of(Set.of()));
	}

	@Test
	void bridgeWhenServiceTemplateThenSettingsFromParametersAndSecretsFromTheSecretOnly() {
		Map<String, Object> environment = this.service.containerEnvironment();
		assertThat(this.service.parameterOf(environment.get("BRIDGE_ENABLED"))).isEqualTo("BridgeEnabled");
		assertThat(this.service.parameterOf(environment.get("BRIDGE_ISSUER"))).isEqualTo("BridgeIssuer");
		assertThat(this.service.parameterOf(environment.get("BRIDGE_UPSTREAM_CLIENT_ID")))
			.isEqualTo("BridgeUpstreamClientId");
		// Cognito is both the issuer of the tokens accepted directly and the bridge's
		// upstream.
		assertThat(this.service.parameterOf(environment.get("BRIDGE_UPSTREAM_ISSUER_URI"))).isEqualTo("IssuerUri");
		Map<String, Object> bridgeSecrets = new LinkedHashMap<>(this.service.containerSecrets());
		bridgeSecrets.keySet().removeIf((name) -> !name.startsWith("BRIDGE_"));
		assertThat(bridgeSecrets).containsExactly(
				Map.entry("BRIDGE_UPSTREAM_CLIENT_SECRET", Map.of("Fn::Sub", "${BridgeSecretArn}:clientSecret::")),
				Map.entry("BRIDGE_SIGNING_KEYS", Map.of("Fn::Sub", "${BridgeSecretArn}:signingKeys::")),
				Map.entry("BRIDGE_TOKEN_ENCRYPTION_KEY", Map.of("Fn::Sub", "${BridgeSecretArn}:tokenEncryptionKey::")));
		assertThat(DeploymentFiles.documentedVariables()).containsAll(this.service.containerSecrets().keySet());
		assertThat(environment).doesNotContainKeys(this.service.containerSecrets().keySet().toArray(String[]::new));
		// A secret is never a parameter value: only the ARN of the secret that holds it.
		assertThat(this.service.parameters().keySet())
			.noneMatch((name) -> name.matches(".*(ClientSecret|SigningKey|EncryptionKey).*"));
	}

	@Test
	void bridgeWhenServiceTemplateThenEveryBridgePartHangsOnBridgeEnabled() {
		assertThat(this.service.parameter("BridgeEnabled")).containsEntry("Default", "false");
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions").get("BridgeOn"))
			.isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "BridgeEnabled"), "true")));
		this.service.containerEnvironment()
			.keySet()
			.stream()
			.filter((name) -> name.startsWith("BRIDGE_"))
			.forEach((name) -> assertThat(this.service.environmentConditions(name)).as(name).startsWith("BridgeOn"));
		this.service.containerSecrets()
			.keySet()
			.stream()
			.filter((name) -> name.startsWith("BRIDGE_"))
			.forEach((name) -> assertThat(this.service.secretConditions(name)).as(name)
				.containsExactly("HasSecrets", "BridgeOn"));
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions", "HasSecrets").get("Fn::Or"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(Map.of("Condition", "BridgeOn"));
	}

	@Test
	void executionRoleWhenSecretsThenMayReadExactlyTheSecretsInUse() {
		assertThat(DeploymentFiles
			.list(DeploymentFiles.map(this.service.properties("ExecutionRole").get("Policies")).get("Fn::If")))
			.startsWith("HasSecrets")
			.endsWith(Map.of("Ref", "AWS::NoValue"));
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions", "HasSecrets")).isEqualTo(
				Map.of("Fn::Or", List.of(Map.of("Condition", "BridgeOn"), Map.of("Condition", "HasTargetsSecret"),
						Map.of("Condition", "HasTargetCredentialsSecret"), Map.of("Condition", "DatabaseOn"))));
		Object policies = CloudFormationTemplate.whenTrue(this.service.properties("ExecutionRole").get("Policies"));
		Map<String, Object> policy = DeploymentFiles.map(DeploymentFiles.list(policies).get(0));
		assertThat(DeploymentFiles.list(DeploymentFiles.map(policy, "PolicyDocument").get("Statement")))
			.containsExactly(Map.of("Effect", "Allow", "Action", "secretsmanager:GetSecretValue", "Resource",
					List.of(ifThen("BridgeOn", Map.of("Fn::Sub", "${BridgeSecretArn}")),
							ifThen("HasTargetsSecret", Map.of("Fn::Sub", "${TargetsSecretArn}")),
							ifThen("HasTargetCredentialsSecret", Map.of("Fn::Sub", "${TargetCredentialsSecretArn}")),
							ifThen("DatabaseOn", Map.of("Ref", "DatabaseSecret")))));
	}

	@Test
	void targetsWhenServiceTemplateThenYamlAndCredentialsFromTheirSecretsOnly() {
		assertThat(this.service.containerSecrets()).containsEntry("MCP_TARGETS", Map.of("Ref", "TargetsSecretArn"))
			.containsEntry("SPRING_APPLICATION_JSON", Map.of("Ref", "TargetCredentialsSecretArn"));
		assertThat(this.service.secretConditions("MCP_TARGETS")).containsExactly("HasSecrets", "HasTargetsSecret");
		assertThat(this.service.secretConditions("SPRING_APPLICATION_JSON")).containsExactly("HasSecrets",
				"HasTargetCredentialsSecret");
		for (String parameter : List.of("TargetsSecretArn", "TargetCredentialsSecretArn")) {
			assertThat(this.service.parameter(parameter)).containsEntry("Default", "")
				.containsEntry("AllowedPattern", this.service.parameter("BridgeSecretArn").get("AllowedPattern"));
		}
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions", "HasTargetsSecret")).isEqualTo(
				Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "TargetsSecretArn"), "")))));
		// The variable the server reads the targets YAML from.
		assertThat(DeploymentFiles.text("src/main/resources/application.yml"))
			.contains("targets-yaml: ${MCP_TARGETS:}");
		assertThat(this.service.containerEnvironment()).doesNotContainKeys("MCP_TARGETS", "SPRING_APPLICATION_JSON");
	}

	@Test
	void taskRoleWhenLambdaTargetArnsThenInvokeOnExactlyThoseFunctionsAndTheirVersionsAndAliases() {
		Map<String, Object> parameter = this.service.parameter("LambdaTargetArns");
		assertThat(parameter).containsEntry("Type", "CommaDelimitedList").containsEntry("Default", "");
		Pattern allowed = Pattern.compile((String) parameter.get("AllowedPattern"));
		assertThat(allowed.matcher("arn:aws:lambda:eu-west-1:123456789012:function:orders-tools").matches()).isTrue();
		assertThat(allowed.matcher("").matches()).isTrue();
		// Qualified ARNs and wildcards would widen ":*" beyond the function.
		assertThat(List.of("arn:aws:lambda:eu-west-1:123456789012:function:orders-tools:prod",
				"arn:aws:lambda:eu-west-1:123456789012:function:*", "orders-tools"))
			.allSatisfy((value) -> assertThat(allowed.matcher(value).matches()).as(value).isFalse());
		assertThat(DeploymentFiles.map(this.service.document(), "Conditions", "HasLambdaTargets"))
			.isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals",
					List.of(Map.of("Fn::Join", List.of("", Map.of("Ref", "LambdaTargetArns"))), "")))));
		assertThat(DeploymentFiles.map(this.service.document(), "Resources", "TaskRole")).containsEntry("Condition",
				"HasLambdaTargets");
		assertThat(this.service.properties("TaskDefinition").get("TaskRoleArn")).isEqualTo(Map.of("Fn::If", List
			.of("HasLambdaTargets", Map.of("Fn::GetAtt", List.of("TaskRole", "Arn")), Map.of("Ref", "AWS::NoValue"))));

		List<Object> policies = DeploymentFiles.list(this.service.properties("TaskRole").get("Policies"));
		assertThat(policies).hasSize(1);
		List<Object> statements = DeploymentFiles
			.list(DeploymentFiles.map(policies.get(0), "PolicyDocument").get("Statement"));
		Map<String, Object> arns = Map.of("LambdaTargetArns",
				List.of("arn:aws:lambda:eu-west-1:123456789012:function:orders-tools",
						"arn:aws:lambda:eu-west-1:123456789012:function:billing"));
		List<String> resources = new ArrayList<>();
		for (Object statement : statements) {
			Map<String, Object> allow = DeploymentFiles.map(statement);
			assertThat(allow).containsOnlyKeys("Effect", "Action", "Resource")
				.containsEntry("Effect", "Allow")
				.containsEntry("Action", "lambda:InvokeFunction");
			Object value = CloudFormationTemplate.evaluate(allow.get("Resource"), arns);
			DeploymentFiles.list(value).forEach((resource) -> resources.add((String) resource));
		}
		assertThat(resources).containsExactlyInAnyOrder("arn:aws:lambda:eu-west-1:123456789012:function:orders-tools",
				"arn:aws:lambda:eu-west-1:123456789012:function:billing",
				"arn:aws:lambda:eu-west-1:123456789012:function:orders-tools:*",
				"arn:aws:lambda:eu-west-1:123456789012:function:billing:*");
		assertThat(CloudFormationTemplate.evaluate(DeploymentFiles.map(statements.get(1)).get("Resource"),
				Map.of("LambdaTargetArns", List.of("arn:aws:lambda:eu-west-1:123456789012:function:one"))))
			.isEqualTo(List.of("arn:aws:lambda:eu-west-1:123456789012:function:one:*"));
		// Nothing broader anywhere, and the role ECS itself uses may not invoke at all.
		assertThat(DeploymentFiles.text(SERVICE)).doesNotContain("lambda:*", "lambda:Invoke*");
		assertThat(this.service.properties("ExecutionRole").toString()).doesNotContain("lambda");
	}

	private static Map<String, Object> ifThen(String condition, Object value) {
		return Map.of("Fn::If", List.of(condition, value, Map.of("Ref", "AWS::NoValue")));
	}

	@Test
	void bridgeClientWhenCognitoTemplateThenConfidentialCodeGrantWithOnlyTheBridgeCallback() {
		Map<String, Object> resource = DeploymentFiles.map(this.cognito.document(), "Resources", "BridgeClient");
		Map<String, Object> client = this.cognito.properties("BridgeClient");
		assertThat(resource).containsEntry("Condition", "HasBridge");
		assertThat(DeploymentFiles.map(this.cognito.document(), "Conditions").get("HasBridge"))
			.isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "BridgeUrl"), "")))));
		assertThat(this.cognito.parameter("BridgeUrl")).containsEntry("Default", "");
		assertThat(client).containsEntry("GenerateSecret", true)
			.containsEntry("AllowedOAuthFlowsUserPoolClient", true)
			.containsEntry("AllowedOAuthFlows", List.of("code"))
			.containsEntry("SupportedIdentityProviders", List.of("COGNITO"))
			.containsEntry("CallbackURLs",
					List.of(Map.of("Fn::Sub", "${BridgeUrl}" + ProvisioningPlan.Bridge.CALLBACK_PATH)));
		assertThat(DeploymentFiles.list(client.get("AllowedOAuthScopes")))
			.startsWith(ProvisioningPlan.Bridge.OPENID_SCOPES.toArray());
		assertThat(DeploymentFiles.map(this.cognito.document(), "Resources", "BridgeBranding"))
			.containsEntry("Condition", "HasBridge");
		assertThat(this.cognito.properties("BridgeBranding")).containsEntry("ClientId", Map.of("Ref", "BridgeClient"));
		assertThat(DeploymentFiles.map(this.cognito.document(), "Outputs", "BridgeClientId"))
			.containsEntry("Condition", "HasBridge")
			.containsEntry("Value", Map.of("Ref", "BridgeClient"));
	}

	private static List<String> wiringProblems(CloudFormationTemplate template) {
		Map<String, Object> environment = template.containerEnvironment();
		Set<String> documented = DeploymentFiles.documentedVariables();
		List<String> problems = new ArrayList<>();
		for (String setting : SERVER_SETTINGS) {
			if (!environment.containsKey(setting)) {
				problems.add(setting + " is not set");
			}
		}
		if (!environment.containsKey("OAUTH_ISSUER_URI")
				&& !(environment.containsKey("COGNITO_REGION") && environment.containsKey("COGNITO_USER_POOL_ID"))) {
			problems.add("no issuer: neither OAUTH_ISSUER_URI nor COGNITO_REGION and COGNITO_USER_POOL_ID is set");
		}
		environment.forEach((name, value) -> {
			if (template.parameterOf(value) == null && !template.fromOwnResources(value)) {
				problems.add(name + " is not a template parameter");
			}
			if (!documented.contains(name)) {
				problems.add(name + " is not a setting that .env.example documents");
			}
		});
		return problems;
	}

	private static List<Object> environmentEntries(CloudFormationTemplate template) {
		Object container = DeploymentFiles.list(template.properties("TaskDefinition").get("ContainerDefinitions"))
			.get(0);
		return DeploymentFiles.list(DeploymentFiles.map(container).get("Environment"));
	}

	private Object loadBalancerAttribute(String key) {
		return DeploymentFiles.list(this.service.properties("LoadBalancer").get("LoadBalancerAttributes"))
			.stream()
			.map(DeploymentFiles::map)
			.filter((attribute) -> key.equals(attribute.get("Key")))
			.findFirst()
			.map((attribute) -> attribute.get("Value"))
			.orElse(null);
	}

	private static Duration seconds(Object text) {
		Matcher matcher = DURATION_SECONDS.matcher(String.valueOf(text));
		assertThat(matcher.matches()).as("%s is a number of seconds", text).isTrue();
		return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
	}

	/**
	 * The parameter names each {@code aws cloudformation deploy} command of a README
	 * overrides, by template file, one set per command.
	 */
	private static Map<String, List<Set<String>>> deployCommands(String readme) {
		Map<String, List<Set<String>>> commands = new LinkedHashMap<>();
		Matcher command = DEPLOY_COMMAND.matcher(readme);
		while (command.find()) {
			String[] words = command.group(1).replace("\\\n", " ").trim().split("\\s+");
			String template = null;
			Set<String> overrides = new LinkedHashSet<>();
			boolean inOverrides = false;
			for (int i = 0; i < words.length; i++) {
				if (words[i].startsWith("--")) {
					inOverrides = words[i].equals("--parameter-overrides");
					if (words[i].equals("--template-file")) {
						template = words[i + 1];
					}
				}
				else if (inOverrides && words[i].matches("[A-Za-z0-9]+=.*")) {
					overrides.add(words[i].substring(0, words[i].indexOf('=')));
				}
			}
			commands.computeIfAbsent(template, (key) -> new ArrayList<>()).add(overrides);
		}
		return commands;
	}

}
