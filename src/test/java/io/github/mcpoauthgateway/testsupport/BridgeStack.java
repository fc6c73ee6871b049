package io.github.mcpoauthgateway.testsupport;

import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.mcpoauthgateway.McpOAuthGatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * The server in bridge mode with cognito-local as its upstream login, both on loopback: a
 * user pool with the bridge's confidential app client (its callback on this server), a
 * second app client whose Cognito tokens the server accepts directly, and users.
 */
public final class BridgeStack implements AutoCloseable {

	public static final String PASSWORD = "Bridge-user-pw-1";

	private final CognitoLocal cognito;

	private final int port;

	private final String poolId;

	private final String allowedClient;

	private final RSAKey signingKey;

	private final ConfigurableApplicationContext server;

	private BridgeStack(CognitoLocal cognito, String... extraArguments) throws Exception {
		this.cognito = cognito;
		this.port = TestSocketUtils.findAvailableTcpPort();
		CognitoIdentityProviderClient client = cognito.client();
		this.poolId = client.createUserPool((request) -> request.poolName("bridge")).userPool().id();
		UserPoolClientType bridgeClient = client
			.createUserPoolClient((request) -> request.userPoolId(this.poolId)
				.clientName("mcp-bridge")
				.generateSecret(true)
				.allowedOAuthFlows(OAuthFlowType.CODE)
				.allowedOAuthFlowsUserPoolClient(true)
				.allowedOAuthScopes("openid", "email", "profile")
				.callbackURLs(issuer() + "/login/oauth2/code/cognito"))
			.userPoolClient();
		this.allowedClient = client
			.createUserPoolClient((request) -> request.userPoolId(this.poolId)
				.clientName("allowed-direct")
				.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH))
			.userPoolClient()
			.clientId();
		this.signingKey = TestKeys.generate("bridge-" + UUID.randomUUID());
		String upstream = cognito.issuer(this.poolId);
		String[] arguments = { "--server.port=" + this.port, "--mcp.resource-url=" + resource(),
				"--mcp.required-scopes=mcp:tools", "--mcp.tool-access.server_status.scopes=mcp:admin",
				"--mcp.tool-access.server_status.groups=admin", "--oauth.issuer-uri=" + upstream,
				"--oauth.jwks-uri=" + upstream + "/.well-known/jwks.json",
				"--oauth.allowed-client-ids=" + this.allowedClient, "--bridge.enabled=true",
				"--bridge.signing-keys=" + new JWKSet(this.signingKey).toString(false),
				"--bridge.upstream.client-id=" + bridgeClient.clientId(),
				"--bridge.upstream.client-secret=" + bridgeClient.clientSecret(),
				// cognito-local reads the client id from the form only.
				"--bridge.upstream.client-authentication-method=client_secret_post",
				// Its discovery document lacks these endpoints.
				"--bridge.upstream.authorization-uri=" + cognito.origin() + "/oauth2/authorize",
				"--bridge.upstream.token-uri=" + cognito.origin() + "/oauth2/token",
				"--bridge.upstream.jwk-set-uri=" + upstream + "/.well-known/jwks.json",
				// Nor does it return the nonce in its ID tokens.
				"--bridge.upstream.nonce=false" };
		String[] all = new String[arguments.length + extraArguments.length];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		System.arraycopy(extraArguments, 0, all, arguments.length, extraArguments.length);
		this.server = new SpringApplicationBuilder(McpOAuthGatewayApplication.class).run(all);
	}

	/**
	 * Starts cognito-local, provisions it, and starts the server in bridge mode.
	 * @param extraArguments more settings for the server
	 * @return the running stack
	 * @throws Exception if either cannot start
	 */
	public static BridgeStack start(String... extraArguments) throws Exception {
		CognitoLocal cognito = CognitoLocal.start();
		try {
			return new BridgeStack(cognito, extraArguments);
		}
		catch (Exception | Error ex) {
			cognito.close();
			throw ex;
		}
	}

	public void createUser(String username) {
		this.cognito.client()
			.adminCreateUser((request) -> request.userPoolId(this.poolId)
				.username(username)
				.temporaryPassword("Temp-pw-1")
				.messageAction(MessageActionType.SUPPRESS));
		this.cognito.client()
			.adminSetUserPassword(
					(request) -> request.userPoolId(this.poolId).username(username).password(PASSWORD).permanent(true));
	}

	public void deleteUser(String username) {
		this.cognito.client().adminDeleteUser((request) -> request.userPoolId(this.poolId).username(username));
	}

	public int port() {
		return this.port;
	}

	public String issuer() {
		return "http://localhost:" + this.port;
	}

	public String resource() {
		return issuer() + "/mcp";
	}

	public String upstreamIssuer() {
		return this.cognito.issuer(this.poolId);
	}

	public CognitoLocal cognito() {
		return this.cognito;
	}

	public String allowedClient() {
		return this.allowedClient;
	}

	public RSAKey signingKey() {
		return this.signingKey;
	}

	/**
	 * The bridge as a browser meets it, signing in on cognito-local's form.
	 * @return the helper
	 */
	public DevAuthorizationServer authorizationServer() {
		return new DevAuthorizationServer(issuer(), this.cognito.origin());
	}

	@Override
	public void close() throws InterruptedException {
		this.server.close();
		this.cognito.close();
	}

}
