package io.github.mcpoauthgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway: the targets declared here, those of the targets file and of
 * the targets YAML, and how the caller is named to upstreams.
 */
@ConfigurationProperties(GatewayProperties.CONFIG_PREFIX)
public final class GatewayProperties {

	public static final String CONFIG_PREFIX = "gateway";

	/**
	 * YAML file with a top-level "targets" list, in the same shape as gateway.targets;
	 * its targets are served after those of gateway.targets.
	 */
	private @Nullable String targetsFile;

	/**
	 * The same YAML as text, for platforms that hand the server a variable rather than a
	 * file (an ECS secret, MCP_TARGETS); its targets are served after the file's.
	 */
	private @Nullable String targetsYaml;

	/**
	 * Targets served as tools named <target>___<tool>.
	 */
	private List<TargetProperties> targets = new ArrayList<>();

	/**
	 * The short-lived JWT that names the verified caller to targets with send-caller.
	 */
	private final CallerToken callerToken = new CallerToken();

	public @Nullable String getTargetsFile() {
		return this.targetsFile;
	}

	public void setTargetsFile(@Nullable String targetsFile) {
		this.targetsFile = targetsFile;
	}

	public @Nullable String getTargetsYaml() {
		return this.targetsYaml;
	}

	public void setTargetsYaml(@Nullable String targetsYaml) {
		this.targetsYaml = targetsYaml;
	}

	public List<TargetProperties> getTargets() {
		return this.targets;
	}

	public void setTargets(List<TargetProperties> targets) {
		this.targets = targets;
	}

	public CallerToken getCallerToken() {
		return this.callerToken;
	}

	/**
	 * Settings of the caller JWT.
	 */
	public static final class CallerToken {

		/**
		 * How long a caller JWT is valid after it is issued.
		 */
		private Duration lifetime = Duration.ofSeconds(60);

		/**
		 * JWK Set (JSON) with the RSA private key that signs caller JWTs; every replica
		 * needs the same one. Empty: a key generated at each start.
		 */
		private @Nullable String jwkSet;

		public Duration getLifetime() {
			return this.lifetime;
		}

		public void setLifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

		public @Nullable String getJwkSet() {
			return this.jwkSet;
		}

		public void setJwkSet(@Nullable String jwkSet) {
			this.jwkSet = jwkSet;
		}

	}

}
