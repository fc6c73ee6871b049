package io.github.mcpoauthgateway.gateway.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.mcpoauthgateway.gateway.CredentialsProperties;
import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.TargetProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Makes each target's {@link OutboundCredentials} from its settings, and says at start
 * what is wrong with them: a missing environment variable refuses the start rather than
 * failing every call.
 */
public final class TargetCredentials {

	private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

	// Headers the HTTP client owns, or that would let a credential rewrite the request.
	private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "connection",
			"transfer-encoding", "upgrade", "expect", "te", "trailer", "keep-alive", "proxy-authorization");

	private final Environment environment;

	private final CallerTokens callerTokens;

	public TargetCredentials(Environment environment, CallerTokens callerTokens) {
		this.environment = environment;
		this.callerTokens = callerTokens;
	}

	/**
	 * What is wrong with a target's credential settings.
	 * @param target the target's settings
	 * @return one sentence per problem, naming the setting
	 */
	public List<String> problems(TargetProperties target) {
		CredentialsProperties settings = target.getCredentials();
		List<String> problems = new ArrayList<>();
		switch (settings.getType()) {
			case "none" -> {
			}
			case "header" -> {
				if (!validHeader(settings.getHeaderName())) {
					problems.add("credentials.header-name must be a header name such as X-Api-Key");
				}
				problems.addAll(missingVariable("credentials.value-env", settings.getValueEnv()));
			}
			case "client-credentials" -> {
				if (settings.getTokenUri() == null || !settings.getTokenUri().isAbsolute()
						|| !List.of("http", "https").contains(settings.getTokenUri().getScheme())) {
					problems.add("credentials.token-uri must be the token endpoint's http(s) URL");
				}
				if (settings.getClientId() == null || settings.getClientId().isBlank()) {
					problems.add("credentials.client-id is required");
				}
				problems.addAll(missingVariable("credentials.client-secret-env", settings.getClientSecretEnv()));
				if (!List.of("basic", "post").contains(settings.getClientAuthentication())) {
					problems.add("credentials.client-authentication must be basic or post");
				}
			}
			default -> problems.add("credentials.type must be none, header or client-credentials");
		}
		if (target.isSendCaller() && !validHeader(target.getCallerHeader())) {
			problems.add("caller-header must be a header name such as X-MCP-Caller");
		}
		return problems;
	}

	/**
	 * The credentials of a target whose settings passed {@link #problems}.
	 * @param target the target's settings
	 * @return its credentials
	 */
	public OutboundCredentials create(TargetProperties target) {
		CredentialsProperties settings = target.getCredentials();
		List<OutboundCredentials> credentials = new ArrayList<>();
		switch (settings.getType()) {
			case "header" -> credentials
				.add(new StaticHeaderCredentials(required(settings.getHeaderName(), "credentials.header-name"),
						secret(settings.getValueEnv(), "credentials.value-env")));
			case "client-credentials" ->
				credentials.add(new ClientCredentialsTokens(required(target.getName(), "name"), settings,
						secret(settings.getClientSecretEnv(), "credentials.client-secret-env"), target.getTimeout()));
			default -> {
			}
		}
		if (target.isSendCaller()) {
			String name = required(target.getName(), "name");
			String header = target.getCallerHeader();
			// The gateway's own requests (no caller) name nobody.
			credentials
				.add((caller) -> (caller != null) ? Map.of(header, this.callerTokens.issue(caller, name)) : Map.of());
		}
		if (credentials.isEmpty()) {
			return OutboundCredentials.NONE;
		}
		return (credentials.size() == 1) ? credentials.get(0) : new CompositeCredentials(credentials);
	}

	// create() takes settings that passed problems(), where these are checked.
	private static String required(@Nullable String value, String setting) {
		return Objects.requireNonNull(value, setting + " is not set");
	}

	private String secret(@Nullable String variable, String setting) {
		String value = this.environment.getProperty(required(variable, setting));
		return Objects.requireNonNull(value, setting + ": environment variable " + variable + " is not set");
	}

	private List<String> missingVariable(String setting, @Nullable String variable) {
		if (variable == null || variable.isBlank()) {
			return List.of(setting + " must name the environment variable that holds the secret");
		}
		String value = this.environment.getProperty(variable);
		if (value == null || value.isEmpty()) {
			return List.of(setting + ": environment variable " + variable + " is not set");
		}
		return List.of();
	}

	private static boolean validHeader(@Nullable String name) {
		return name != null && HEADER_NAME.matcher(name).matches()
				&& !RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT));
	}

}
