package io.github.mcpoauthgateway.authserver.bridge;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import io.github.mcpoauthgateway.authserver.AuthorizationServerProperties;
import io.github.mcpoauthgateway.authserver.DevAuthProperties;
import io.github.mcpoauthgateway.authserver.SignInMethod;
import io.github.mcpoauthgateway.authserver.SigningKeys;
import io.github.mcpoauthgateway.authserver.UpstreamSignInGuard;
import io.github.mcpoauthgateway.security.CognitoProperties;
import io.github.mcpoauthgateway.security.EmbeddedIssuer;
import io.github.mcpoauthgateway.security.InvalidSettingsException;
import io.github.mcpoauthgateway.security.OAuthProperties;
import io.github.mcpoauthgateway.security.ResourceServerSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Bridge mode: the embedded authorization server signs users in through Cognito's managed
 * login, with Spring Security's OAuth2 client (authorization code with PKCE,
 * {@code state} and nonce) and one confidential app client whose only callback is
 * {@value #CALLBACK_PATH} on this server; it signs its own tokens with configured keys,
 * which the MCP endpoint trusts in memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(BridgeProperties.CONFIG_PREFIX + ".enabled")
class BridgeConfiguration {

	static final String CALLBACK_PATH = "/login/oauth2/code/" + CognitoSignIn.REGISTRATION_ID;

	private static final Log logger = LogFactory.getLog(BridgeConfiguration.class);

	private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	BridgeSettings bridgeSettings(BridgeProperties bridge, DevAuthProperties dev, ResourceServerSettings resource,
			CognitoProperties cognito, OAuthProperties oauth, Environment environment) {
		List<String> problems = new ArrayList<>();
		if (dev.isEnabled()) {
			problems.add("BRIDGE_ENABLED (bridge.enabled) and the local stack's demo users (dev.enabled, the local "
					+ "profile) cannot run together: run the jar without the local profile");
		}
		String issuer = StringUtils.hasText(bridge.getIssuer()) ? bridge.getIssuer().trim()
				: resource.endpoint().resource().origin();
		URI issuerUri = issuerUri(issuer);
		if (issuerUri == null) {
			problems.add("BRIDGE_ISSUER (bridge.issuer) must be an http(s) URL with a host and no trailing slash, "
					+ "query or fragment");
		}
		String upstreamIssuer = first(bridge.getUpstream().getIssuerUri(), cognito.issuerUri(), oauth.getIssuerUri());
		if (upstreamIssuer == null) {
			problems.add("BRIDGE_UPSTREAM_ISSUER_URI (bridge.upstream.issuer-uri) or COGNITO_REGION + "
					+ "COGNITO_USER_POOL_ID must name the Cognito user pool that signs users in");
		}
		if (!StringUtils.hasText(bridge.getUpstream().getClientId())
				|| !StringUtils.hasText(bridge.getUpstream().getClientSecret())) {
			problems.add("BRIDGE_UPSTREAM_CLIENT_ID and BRIDGE_UPSTREAM_CLIENT_SECRET must name the bridge's "
					+ "confidential Cognito app client (cognito setup --bridge-url creates one)");
		}
		String method = bridge.getUpstream().getClientAuthenticationMethod();
		if (!"client_secret_basic".equals(method) && !"client_secret_post".equals(method)) {
			problems
				.add("BRIDGE_UPSTREAM_CLIENT_AUTHENTICATION_METHOD must be client_secret_basic or client_secret_post");
		}
		SigningKeys keys = null;
		if (!StringUtils.hasText(bridge.getSigningKeys())) {
			problems.add("BRIDGE_SIGNING_KEYS (bridge.signing-keys) is not set: give the JWK Set that signs the "
					+ "bridge's tokens (java -jar <jar> keys generate)");
		}
		else {
			try {
				keys = SigningKeys.parse(bridge.getSigningKeys());
			}
			catch (IllegalArgumentException ex) {
				problems.add("BRIDGE_SIGNING_KEYS (bridge.signing-keys) " + ex.getMessage());
			}
		}
		TokenCipher cipher = null;
		String database = environment.getProperty("spring.datasource.url", "");
		if (!StringUtils.hasText(bridge.getTokenEncryptionKey()) && StringUtils.hasText(database)
				&& !database.startsWith("jdbc:h2:")) {
			// A shared database means several replicas, and a key made here would be no
			// other replica's: every refresh there would fail.
			problems.add("BRIDGE_TOKEN_ENCRYPTION_KEY (bridge.token-encryption-key) must be set with a shared database "
					+ "(SPRING_DATASOURCE_URL): every replica decrypts the Cognito tokens the others stored");
		}
		else if (!StringUtils.hasText(bridge.getTokenEncryptionKey())) {
			logger.warn("BRIDGE_TOKEN_ENCRYPTION_KEY is not set: the Cognito tokens kept in the database are "
					+ "encrypted with a key made for this run only, which no other replica has");
			cipher = TokenCipher.random();
		}
		else {
			try {
				cipher = new TokenCipher(Base64.getDecoder().decode(bridge.getTokenEncryptionKey().trim()));
			}
			catch (IllegalArgumentException ex) {
				problems.add("BRIDGE_TOKEN_ENCRYPTION_KEY (bridge.token-encryption-key) must be 32 random bytes, "
						+ "base64-encoded");
			}
		}
		// Each of issuerUri, upstreamIssuer, keys and cipher is null only where a problem
		// was added above.
		if (!problems.isEmpty() || issuerUri == null || upstreamIssuer == null || keys == null || cipher == null) {
			throw new InvalidSettingsException(problems);
		}
		if ("http".equals(issuerUri.getScheme()) && !"localhost".equals(issuerUri.getHost())
				&& !"127.0.0.1".equals(issuerUri.getHost())) {
			logger.warn("BRIDGE_ISSUER " + issuer + " uses plain http: use https outside local development");
		}
		return new BridgeSettings(issuer, upstreamIssuer, keys, cipher);
	}

	@Bean
	SigningKeys signingKeys(BridgeSettings settings) {
		return settings.keys();
	}

	@Bean
	EmbeddedIssuer embeddedIssuer(BridgeSettings settings) {
		return new EmbeddedIssuer(settings.issuer(), settings.keys().published());
	}

	@Bean
	UpstreamClientRegistrations upstreamClientRegistrations(BridgeProperties bridge, BridgeSettings settings) {
		return new UpstreamClientRegistrations(bridge.getUpstream(), settings.upstreamIssuer(),
				settings.issuer() + CALLBACK_PATH);
	}

	@Bean
	UpstreamGrants upstreamGrants(BridgeSettings settings, UpstreamClientRegistrations registrations,
			AuthorizationServerProperties properties, JdbcOperations jdbc) {
		RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();
		refresh.setRestClient(tokenEndpointClient());
		return new UpstreamGrants(jdbc, settings.cipher(), registrations, refresh, properties.getMaxAuthorizations(),
				properties.getRefreshTokenTimeToLive(), Clock.systemUTC());
	}

	@Bean
	SecurityJacksonModule cognitoUserJacksonModule() {
		// The signed-in user is stored with each grant in the shared database.
		return new CognitoUserJacksonModule();
	}

	@Bean
	SignInMethod cognitoSignIn(BridgeSettings settings, UpstreamGrants grants,
			AuthorizationServerProperties properties) {
		logger.info("Bridge mode: MCP clients register and sign in at " + settings.issuer() + "; users sign in at "
				+ settings.upstreamIssuer() + " (callback " + settings.issuer() + CALLBACK_PATH + ")");
		return new CognitoSignIn(settings.issuer(), grants, properties.getAccessTokenTimeToLive(),
				properties.getRefreshTokenTimeToLive());
	}

	@Bean
	@Order(3)
	SecurityFilterChain bridgeSignInSecurityFilterChain(HttpSecurity http, UpstreamClientRegistrations registrations,
			UpstreamGrants grants, UpstreamSignInGuard guard, BridgeProperties bridge) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		Consumer<OAuth2AuthorizationRequest.Builder> customizer = OAuth2AuthorizationRequestCustomizers.withPkce();
		if (!bridge.getUpstream().isNonce()) {
			customizer = customizer
				.andThen((request) -> request.attributes((attributes) -> attributes.remove(OidcParameterNames.NONCE))
					.additionalParameters((parameters) -> parameters.remove(OidcParameterNames.NONCE)));
		}
		resolver.setAuthorizationRequestCustomizer(customizer);
		RestClientAuthorizationCodeTokenResponseClient codeExchange = new RestClientAuthorizationCodeTokenResponseClient();
		codeExchange.setRestClient(tokenEndpointClient());
		// @formatter:off
		http
			.securityMatcher(OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/**",
					"/login/oauth2/code/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.oauth2Login((login) -> login
				.loginPage("/oauth2/authorization/" + CognitoSignIn.REGISTRATION_ID)
				.clientRegistrationRepository(registrations)
				.authorizedClientRepository(new UpstreamGrantRecorder(grants))
				.authorizationEndpoint((authorization) -> authorization.authorizationRequestResolver(resolver))
				.tokenEndpoint((token) -> token.accessTokenResponseClient(codeExchange))
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(new CognitoUserService()))
				.failureHandler(new UpstreamFailureHandler()))
			.addFilterBefore(guard.filter(), OAuth2AuthorizationRequestRedirectFilter.class);
		// @formatter:on
		return http.build();
	}

	/**
	 * A client for Cognito's token endpoint as Spring Security builds it, with timeouts.
	 */
	private static RestClient tokenEndpointClient() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(UPSTREAM_TIMEOUT);
		factory.setReadTimeout(UPSTREAM_TIMEOUT);
		// @formatter:off
		return RestClient.builder()
			.requestFactory(factory)
			.configureMessageConverters((converters) -> {
				converters.addCustomConverter(new FormHttpMessageConverter());
				converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		// @formatter:on
	}

	private static @Nullable URI issuerUri(String issuer) {
		try {
			URI uri = new URI(issuer);
			boolean valid = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
					&& !issuer.endsWith("/");
			return valid ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static @Nullable String first(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value.trim();
			}
		}
		return null;
	}

	/**
	 * The bridge's checked settings.
	 *
	 * @param issuer the bridge's issuer
	 * @param upstreamIssuer the Cognito user pool's issuer
	 * @param keys the bridge's signing keys
	 * @param cipher what encrypts the Cognito tokens it keeps
	 */
	record BridgeSettings(String issuer, String upstreamIssuer, SigningKeys keys, TokenCipher cipher) {

	}

}
