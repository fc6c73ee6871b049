package io.github.mcpoauthgateway.authserver;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.github.mcpoauthgateway.authserver.cimd.ClientAssertionDecoderFactory;
import io.github.mcpoauthgateway.authserver.cimd.ClientIdMetadataDocumentRegisteredClientRepository;
import io.github.mcpoauthgateway.authserver.cimd.ClientIdMetadataDocumentSettings;
import io.github.mcpoauthgateway.mcp.McpEndpoint;
import io.github.mcpoauthgateway.mcp.ToolRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.servlet.View;

/**
 * The embedded authorization server, the one MCP clients see in both modes: Spring
 * Authorization Server with authorization code + PKCE, rotating refresh tokens, RFC 8414
 * metadata and OpenID discovery, anonymous dynamic client registration, client ID
 * metadata documents, consent before sign-in, RFC 9207 {@code iss} on every response, and
 * Cognito-shaped tokens that the resource server validates exactly as Cognito's. How
 * people sign in is the {@link SignInMethod}: demo users or Cognito.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AuthorizationServerCondition.class)
@EnableScheduling
class AuthorizationServerConfiguration {

	static final String REGISTRATION_ENDPOINT = "/oauth2/register";

	static final String TOKEN_ENDPOINT = "/oauth2/token";

	static final String REVOCATION_ENDPOINT = "/oauth2/revoke";

	@Bean
	StoredJson storedJson(ObjectProvider<SecurityJacksonModule> modules) {
		return StoredJson.with(modules.orderedStream().toList());
	}

	@Bean
	SharedSecrets sharedSecrets(JdbcOperations jdbc) {
		return new SharedSecrets(jdbc);
	}

	@Bean
	ClientConsent clientConsent(SignInMethod signIn, AuthorizationServerProperties properties, SharedSecrets secrets) {
		// The same key on every replica: the approval may come back to any of them.
		return new ClientConsent(signIn.consentForEveryClient(), properties.getConsentTimeToLive(),
				secrets.get("consent-cookie", 32), Clock.systemUTC());
	}

	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter() {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DatabaseUnavailableFilter());
		// Outside Spring Session's filter, whose session writes fail too.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	@Bean
	ExpiredStatePurge expiredStatePurge(JdbcOperations jdbc, AuthorizationServerProperties properties) {
		return new ExpiredStatePurge(jdbc, properties.getMaxAuthorizations(), properties.getUnusedClientTimeToLive(),
				properties.getPurgeInterval(), Clock.systemUTC());
	}

	@Bean
	AuthorizationResponses authorizationResponses(SignInMethod signIn, ClientConsent consent) {
		return new AuthorizationResponses(signIn.issuer(), consent);
	}

	@Bean
	ScopesOffered scopesOffered(McpEndpoint endpoint, ToolRegistry tools) {
		Set<String> scopes = new LinkedHashSet<>();
		scopes.add("openid");
		scopes.addAll(endpoint.requiredScopes());
		scopes.addAll(tools.scopesSupported());
		return new ScopesOffered(Collections.unmodifiableSet(scopes));
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(SignInMethod signIn, ScopesOffered scopes,
			AuthorizationServerProperties properties, ClientIdMetadataDocumentSettings documents, JdbcOperations jdbc,
			StoredJson json) {
		RegisteredClientRepository clients = new RegisteredClients(signIn.configuredClients(scopes.values()), jdbc,
				json.mapper(), properties.getMaxRegisteredClients());
		if (!properties.isClientIdMetadataDocuments()) {
			return clients;
		}
		// A client whose id is an https URL is described by the document at that URL.
		return new ClientIdMetadataDocumentRegisteredClientRepository(clients, documents, scopes.values(),
				(builder) -> Clients.applyDefaults(builder, null, null, properties.getAccessTokenTimeToLive(),
						properties.getRefreshTokenTimeToLive()));
	}

	@Bean
	ClientIdMetadataDocumentSettings clientIdMetadataDocumentSettings(AuthorizationServerProperties properties) {
		return ClientIdMetadataDocumentSettings.defaults()
			.withAllowLoopbackHttp(properties.isAllowLoopbackClientMetadata());
	}

	@Bean
	OAuth2AuthorizationService authorizationService(SignInMethod signIn, JdbcOperations jdbc,
			RegisteredClientRepository clients, StoredJson json) {
		return new AuthorizationStore(jdbc, clients, json.mapper(), signIn, Clock.systemUTC());
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(SignInMethod signIn) {
		return AuthorizationServerSettings.builder()
			.issuer(signIn.issuer())
			.clientRegistrationEndpoint(REGISTRATION_ENDPOINT)
			.build();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return keys.published();
	}

	@Bean
	ResourceIndicators resourceIndicators(McpEndpoint endpoint) {
		return new ResourceIndicators(endpoint.resource().url());
	}

	@Bean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(SigningKeys keys, SignInMethod signIn,
			ResourceIndicators resources) {
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys.signing()));
		jwt.setJwtCustomizer(new CognitoAccessTokenCustomizer(signIn, resources));
		OAuth2TokenGenerator<OAuth2Token> generator = new DelegatingOAuth2TokenGenerator(jwt,
				new OAuth2AccessTokenGenerator(), new PublicClientRefreshTokenGenerator());
		return (context) -> {
			if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
					&& OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				// A refresh is a new decision to let the user in: ask the sign-in method.
				signIn.confirmStillAllowed(context.getPrincipal());
			}
			return generator.generate(context);
		};
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, SignInMethod signIn, SigningKeys keys,
			RegisteredClientRepository clients, ResourceIndicators resources, AuthorizationRequests requests,
			AuthorizationResponses responses, ScopesOffered scopes, AuthorizationServerProperties properties,
			ClientIdMetadataDocumentSettings documents) {
		MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		ClientRegistrationPolicy registrationPolicy = new ClientRegistrationPolicy(scopes.values(),
				properties.getMaxRedirectUris(), properties.getAccessTokenTimeToLive(),
				properties.getRefreshTokenTimeToLive());
		ServerMetadata metadata = new ServerMetadata(scopes.values(), properties.isClientIdMetadataDocuments(),
				signIn.issuer() + REGISTRATION_ENDPOINT);
		// @formatter:off
		http
			.oauth2AuthorizationServer((server) -> {
				http.securityMatcher(server.getEndpointsMatcher());
				server
					.authorizationEndpoint((authorize) -> authorize
						.authorizationRequestConverters((converters) -> converters.replaceAll((converter) ->
							(converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
								? requests.converter(converter) : converter))
						.authenticationProviders((providers) -> providers.forEach((provider) -> {
							if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
								codeRequests.setAuthenticationValidator(requests.validator(resources));
							}
						}))
						.authorizationResponseHandler(responses::onSuccess)
						.errorResponseHandler(responses::onFailure))
					.clientRegistrationEndpoint((registration) -> registration
						.openRegistrationAllowed(true)
						.authenticationProviders((providers) -> providers.forEach((provider) -> {
							if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registrations) {
								registrations.setAuthenticationValidator(registrationPolicy.validator());
								registrations.setRegisteredClientConverter(registrationPolicy.registeredClientConverter());
							}
						})))
					.clientAuthentication((clientAuthentication) -> clientAuthentication
						.authenticationConverter(
								new PublicClientRefreshTokenAuthenticationConverter(TOKEN_ENDPOINT, REVOCATION_ENDPOINT))
						.authenticationProvider(new PublicClientRefreshTokenAuthenticationProvider(clients))
						.authenticationProviders((providers) -> providers.forEach((provider) -> {
							if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
								// private_key_jwt: keys fetched only from public addresses, the
								// audience either the token endpoint or the issuer, no replay.
								assertions.setJwtDecoderFactory(new ClientAssertionDecoderFactory(documents,
										signIn.issuer(), signIn.issuer() + TOKEN_ENDPOINT));
							}
						})))
					.authorizationServerMetadataEndpoint((endpoint) -> endpoint
						.authorizationServerMetadataCustomizer((document) -> document
							.tokenEndpointAuthenticationMethods(ServerMetadata::clientAuthenticationMethods)
							.claims(metadata::customize)))
					.oidc((oidc) -> oidc
						.providerConfigurationEndpoint((discovery) -> discovery
							.providerConfigurationCustomizer((document) -> document
								.tokenEndpointAuthenticationMethods(ServerMetadata::clientAuthenticationMethods)
								.claims(metadata::customizeOpenIdDiscovery))));
			})
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(HttpMethod.POST, REGISTRATION_ENDPOINT).permitAll()
				.anyRequest().authenticated())
			.addFilterBefore(new RegistrationRequestSizeFilter(REGISTRATION_ENDPOINT,
					properties.getMaxRegistrationRequestBytes()), AuthorizationFilter.class)
			// The OpenID userinfo endpoint takes the server's own tokens; it gets its own
			// decoder so it does not use the MCP endpoint's.
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(keys.published()))))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(signIn.loginPage()), browser));
		// @formatter:on
		return http.build();
	}

	@Bean
	UpstreamSignInGuard upstreamSignInGuard(ClientConsent consent) {
		return new UpstreamSignInGuard(consent);
	}

	@Bean
	AuthorizationRequests authorizationRequests(ClientConsent consent) {
		return new AuthorizationRequests(consent);
	}

	@Bean
	@Order(2)
	SecurityFilterChain consentSecurityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.securityMatcher(ClientConsent.PAGE)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.requestCache((cache) -> cache.disable())
			// CSRF protection (the default) guards the approval; the page is never framed.
			.headers((headers) -> headers
				.frameOptions((frame) -> frame.deny())
				.contentSecurityPolicy((csp) -> csp.policyDirectives("frame-ancestors 'none'")));
		// @formatter:on
		return http.build();
	}

	/**
	 * Replaces the framework's "Whitelabel" error page with one in the product's style,
	 * for any error page a browser is shown.
	 * @return the view named {@code error}
	 */
	@Bean(name = "error")
	View error() {
		return new ErrorPageView();
	}

	/**
	 * The scopes a client may be granted.
	 *
	 * @param values the scope names
	 */
	record ScopesOffered(Set<String> values) {

	}

	/**
	 * What this server says of itself in its metadata.
	 */
	static final class ServerMetadata {

		private final Set<String> scopes;

		private final boolean clientIdMetadataDocuments;

		private final String registrationEndpoint;

		ServerMetadata(Set<String> scopes, boolean clientIdMetadataDocuments, String registrationEndpoint) {
			this.scopes = scopes;
			this.clientIdMetadataDocuments = clientIdMetadataDocuments;
			this.registrationEndpoint = registrationEndpoint;
		}

		static void clientAuthenticationMethods(List<String> methods) {
			// "none" is missing by default although public clients with PKCE are
			// supported; some MCP clients would then pick a secret-based method.
			methods.clear();
			methods.addAll(List.of("none", "client_secret_basic", "client_secret_post", "private_key_jwt"));
		}

		void customize(Map<String, Object> claims) {
			// Tokens are not sender-constrained here: do not advertise DPoP or mTLS
			// binding; and clients may use only the code and refresh grants.
			claims.remove("dpop_signing_alg_values_supported");
			claims.remove("tls_client_certificate_bound_access_tokens");
			claims.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
			claims.put("response_types_supported", List.of("code"));
			claims.put("code_challenge_methods_supported", List.of("S256"));
			claims.put("scopes_supported", List.copyOf(this.scopes));
			claims.put("authorization_response_iss_parameter_supported", true);
			claims.put("client_id_metadata_document_supported", this.clientIdMetadataDocuments);
		}

		void customizeOpenIdDiscovery(Map<String, Object> claims) {
			customize(claims);
			claims.put("registration_endpoint", this.registrationEndpoint);
		}

	}

}
