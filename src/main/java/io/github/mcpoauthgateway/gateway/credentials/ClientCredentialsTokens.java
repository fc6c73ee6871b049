package io.github.mcpoauthgateway.gateway.credentials;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.github.mcpoauthgateway.gateway.CredentialsProperties;
import io.github.mcpoauthgateway.gateway.OutboundCredentials;
import io.github.mcpoauthgateway.gateway.TargetException;
import io.github.mcpoauthgateway.tool.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * An OAuth 2.0 client-credentials access token for the target (e.g. from a Cognito
 * machine-to-machine app client), obtained on first use, cached, and obtained again
 * shortly before it expires, by Spring Security's OAuth2 client.
 */
final class ClientCredentialsTokens implements OutboundCredentials {

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizeRequest request;

	ClientCredentialsTokens(String target, CredentialsProperties settings, String clientSecret, Duration timeout) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(target)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId(settings.getClientId())
			.clientSecret(clientSecret)
			.clientAuthenticationMethod("post".equals(settings.getClientAuthentication())
					? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.tokenUri(Objects.requireNonNull(settings.getTokenUri(), "credentials.token-uri is not set").toString())
			.scope(settings.getScopes())
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		// Redirects are never followed: the client secret goes to the configured endpoint
		// only.
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build());
		requests.setReadTimeout(timeout);
		RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
		tokens.setRestClient(RestClient.builder().requestFactory(requests).configureMessageConverters((converters) -> {
			converters.addCustomConverter(new FormHttpMessageConverter());
			converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
		}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokens);
		this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
				new InMemoryOAuth2AuthorizedClientService(registrations));
		this.manager.setAuthorizedClientProvider(provider);
		this.request = OAuth2AuthorizeRequest.withClientRegistrationId(target)
			.principal("gateway-target:" + target)
			.build();
	}

	@Override
	public Map<String, String> headers(@Nullable Caller caller) {
		OAuth2AuthorizedClient client;
		try {
			client = this.manager.authorize(this.request);
		}
		catch (OAuth2AuthorizationException ex) {
			throw new TargetException(
					"could not obtain an access token from its token endpoint (" + ex.getError().getErrorCode() + ")",
					ex);
		}
		if (client == null) {
			throw new TargetException("could not obtain an access token from its token endpoint");
		}
		return Map.of("Authorization", "Bearer " + client.getAccessToken().getTokenValue());
	}

}
