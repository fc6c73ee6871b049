package io.github.mcpoauthgateway.authserver;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.github.mcpoauthgateway.security.ResourceServerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded authorization server for local runs: Spring Authorization Server with
 * authorization code + PKCE, refresh tokens, OpenID discovery and RFC 8414 metadata, demo
 * users and clients, and Cognito-shaped tokens that the resource server validates exactly
 * as it validates Cognito's. Development only, and off unless {@code dev.enabled} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DevAuthProperties.CONFIG_PREFIX + ".enabled")
class DevAuthorizationServerConfiguration {

	@Bean
	DevSecrets devSecrets(DevAuthProperties properties) {
		return new DevSecrets(Secrets.orGenerated(properties.getUserPassword()),
				Secrets.orGenerated(properties.getAdminPassword()), Secrets.orGenerated(properties.getClientSecret()));
	}

	@Bean
	DevUsers devUsers(DevSecrets secrets) {
		return new DevUsers(secrets.userPassword(), secrets.adminPassword());
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(DevAuthProperties properties, DevSecrets secrets) {
		return new InMemoryRegisteredClientRepository(DevClients.all(properties, secrets.clientSecret()));
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(ResourceServerSettings settings) {
		// The issuer the resource server trusts: one setting for both sides.
		return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
	}

	@Bean
	JWKSource<SecurityContext> devJwkSource() throws JOSEException {
		// A new key at every start: tokens from an earlier run are refused, as they
		// would be after a key rotation.
		return new ImmutableJWKSet<>(new JWKSet(new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID())
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.generate()));
	}

	@Bean
	ResourceIndicators resourceIndicators(ResourceServerSettings settings) {
		return new ResourceIndicators(Set.of(settings.resource().url()));
	}

	@Bean
	OAuth2TokenGenerator<?> devTokenGenerator(JWKSource<SecurityContext> devJwkSource, DevUsers users,
			ResourceIndicators resources) {
		OAuth2TokenCustomizer<JwtEncodingContext> customizer = new CognitoAccessTokenCustomizer(users, resources);
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(devJwkSource));
		jwt.setJwtCustomizer(customizer);
		return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(),
				new PublicClientRefreshTokenGenerator());
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain devAuthorizationServerSecurityFilterChain(HttpSecurity http,
			JWKSource<SecurityContext> devJwkSource, RegisteredClientRepository clients, ResourceIndicators resources) {
		MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		// @formatter:off
		http
			.oauth2AuthorizationServer((server) -> {
				http.securityMatcher(server.getEndpointsMatcher());
				server
					.authorizationEndpoint((authorize) -> authorize
						.authenticationProviders((providers) -> providers.forEach((provider) -> {
							if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
								codeRequests.setAuthenticationValidator(
									OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
										.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
										.andThen(resources::validateAuthorizationRequest));
							}
						})))
					.clientAuthentication((clientAuthentication) -> clientAuthentication
						.authenticationConverter(new PublicClientRefreshTokenAuthenticationConverter())
						.authenticationProvider(new PublicClientRefreshTokenAuthenticationProvider(clients)))
					.authorizationServerMetadataEndpoint((metadata) -> metadata
						.authorizationServerMetadataCustomizer((document) -> document
							.tokenEndpointAuthenticationMethods(DevAuthorizationServerConfiguration::clientAuthenticationMethods)
							.claims(DevAuthorizationServerConfiguration::withoutUnsupportedFeatures)))
					.oidc((oidc) -> oidc
						.providerConfigurationEndpoint((discovery) -> discovery
							.providerConfigurationCustomizer((document) -> document
								.tokenEndpointAuthenticationMethods(DevAuthorizationServerConfiguration::clientAuthenticationMethods)
								.claims(DevAuthorizationServerConfiguration::withoutUnsupportedFeatures))));
			})
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// The OpenID userinfo endpoint takes the server's own tokens; it gets its own
			// decoder so it does not use the MCP endpoint's.
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(devJwkSource))))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browser));
		// @formatter:on
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain devLoginSecurityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.securityMatcher("/login", "/logout")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.formLogin((login) -> login.loginPage("/login"))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		// @formatter:on
		return http.build();
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> devLoopbackOnly(DevAuthProperties properties) {
		return (factory) -> {
			if (!properties.isAllowRemote()) {
				// Demo users with logged passwords: reachable from this machine only.
				factory.setAddress(InetAddress.getLoopbackAddress());
			}
		};
	}

	@Bean
	DevModeBanner devModeBanner(DevAuthProperties properties, ResourceServerSettings settings, DevSecrets secrets,
			DevUsers users) {
		return new DevModeBanner(properties, settings, secrets, users);
	}

	private static void clientAuthenticationMethods(List<String> methods) {
		// "none" is missing by default although public clients with PKCE are supported;
		// some MCP clients would then pick a secret-based method.
		methods.clear();
		methods.addAll(List.of("client_secret_basic", "client_secret_post", "none"));
	}

	private static void withoutUnsupportedFeatures(Map<String, Object> claims) {
		// Tokens are not sender-constrained here: do not advertise DPoP or mTLS binding;
		// and the demo clients may use only the code and refresh grants.
		claims.remove("dpop_signing_alg_values_supported");
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
	}

	/**
	 * The demo credentials, configured or generated at startup.
	 *
	 * @param userPassword password of {@code user}
	 * @param adminPassword password of {@code admin}
	 * @param clientSecret secret of {@code mcp-confidential}
	 */
	record DevSecrets(String userPassword, String adminPassword, String clientSecret) {

	}

}
