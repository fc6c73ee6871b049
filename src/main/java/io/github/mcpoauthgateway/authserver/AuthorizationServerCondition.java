package io.github.mcpoauthgateway.authserver;

import io.github.mcpoauthgateway.authserver.bridge.BridgeProperties;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.PropertyResolver;

/**
 * The embedded authorization server runs in two modes: the local stack with demo users
 * ({@code dev.enabled}) and the bridge to Cognito ({@code bridge.enabled}).
 */
public final class AuthorizationServerCondition extends AnyNestedCondition {

	AuthorizationServerCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	/**
	 * The same rule, for code that runs before conditions are evaluated (an environment
	 * post-processor).
	 * @param properties the environment
	 * @return whether either mode is on
	 */
	static boolean matches(PropertyResolver properties) {
		return properties.getProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled", Boolean.class, false)
				|| properties.getProperty(BridgeProperties.CONFIG_PREFIX + ".enabled", Boolean.class, false);
	}

	@ConditionalOnBooleanProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled")
	static final class DemoUsers {

	}

	@ConditionalOnBooleanProperty(BridgeProperties.CONFIG_PREFIX + ".enabled")
	static final class Bridge {

	}

}
