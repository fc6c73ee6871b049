package io.github.mcpoauthgateway.authserver;

import io.github.mcpoauthgateway.authserver.bridge.BridgeProperties;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * The embedded authorization server runs in two modes: the local stack with demo users
 * ({@code dev.enabled}) and the bridge to Cognito ({@code bridge.enabled}).
 */
public final class AuthorizationServerCondition extends AnyNestedCondition {

	AuthorizationServerCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBooleanProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled")
	static final class DemoUsers {

	}

	@ConditionalOnBooleanProperty(BridgeProperties.CONFIG_PREFIX + ".enabled")
	static final class Bridge {

	}

}
