package io.github.mcpoauthgateway.authserver;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.util.CollectionUtils;

/**
 * Anonymous dynamic client registration (RFC 7591) as MCP clients use it: public and
 * confidential clients with the authorization code and refresh grants; {@code scope}
 * accepted (Spring Authorization Server refuses any) and answered with the scopes this
 * server offers; redirect URIs checked by {@link RedirectUris}, at most a few, exactly as
 * given.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591">RFC 7591</a>
 */
final class ClientRegistrationPolicy {

	static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private static final Set<String> AUTHENTICATION_METHODS = Set.of(ClientAuthenticationMethod.NONE.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());

	private static final int MAX_CLIENT_NAME_LENGTH = 200;

	private final Set<String> scopesOffered;

	private final int maxRedirectUris;

	private final Duration accessTokenTimeToLive;

	private final Duration refreshTokenTimeToLive;

	private final OAuth2ClientRegistrationRegisteredClientConverter defaults = new OAuth2ClientRegistrationRegisteredClientConverter();

	ClientRegistrationPolicy(Set<String> scopesOffered, int maxRedirectUris, Duration accessTokenTimeToLive,
			Duration refreshTokenTimeToLive) {
		this.scopesOffered = scopesOffered;
		this.maxRedirectUris = maxRedirectUris;
		this.accessTokenTimeToLive = accessTokenTimeToLive;
		this.refreshTokenTimeToLive = refreshTokenTimeToLive;
	}

	/**
	 * Spring Authorization Server's checks (fragments, unsafe schemes, https JWK Set
	 * URLs) and this server's.
	 * @return the validator of registration requests
	 */
	Consumer<OAuth2ClientRegistrationAuthenticationContext> validator() {
		return OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
			.andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR)
			.andThen((context) -> validate(((OAuth2ClientRegistrationAuthenticationToken) context.getAuthentication())
				.getClientRegistration()));
	}

	void validate(OAuth2ClientRegistration registration) {
		List<String> redirectUris = registration.getRedirectUris();
		if (CollectionUtils.isEmpty(redirectUris)) {
			throw error(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "redirect_uris is required");
		}
		if (redirectUris.size() > this.maxRedirectUris) {
			throw error(OAuth2ErrorCodes.INVALID_REDIRECT_URI,
					"At most " + this.maxRedirectUris + " redirect_uris may be registered");
		}
		for (int i = 0; i < redirectUris.size(); i++) {
			String problem = RedirectUris.problem(redirectUris.get(i));
			if (problem != null) {
				// The index, not the value: the response never echoes what was sent.
				throw error(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "redirect_uris[" + i + "] " + problem);
			}
		}
		if (registration.getGrantTypes() != null && !GRANT_TYPES.containsAll(registration.getGrantTypes())) {
			throw error(INVALID_CLIENT_METADATA, "grant_types may be authorization_code and refresh_token only");
		}
		if (registration.getResponseTypes() != null && !List.of("code").containsAll(registration.getResponseTypes())) {
			throw error(INVALID_CLIENT_METADATA, "response_types may be code only");
		}
		String method = registration.getTokenEndpointAuthenticationMethod();
		if (method != null && !AUTHENTICATION_METHODS.contains(method)) {
			throw error(INVALID_CLIENT_METADATA,
					"token_endpoint_auth_method must be one of none, client_secret_basic, client_secret_post, private_key_jwt");
		}
		if (ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue().equals(method)
				&& registration.getJwkSetUrl() == null) {
			throw error(INVALID_CLIENT_METADATA, "private_key_jwt needs a jwks_uri");
		}
		if (registration.getClientName() != null && registration.getClientName().length() > MAX_CLIENT_NAME_LENGTH) {
			throw error(INVALID_CLIENT_METADATA,
					"client_name is longer than " + MAX_CLIENT_NAME_LENGTH + " characters");
		}
	}

	/**
	 * Turns a registration into a client with this server's defaults.
	 * @return the converter for Spring Authorization Server's registration provider
	 */
	Converter<OAuth2ClientRegistration, RegisteredClient> registeredClientConverter() {
		return (registration) -> {
			RegisteredClient converted = this.defaults.convert(registration);
			RegisteredClient.Builder builder = RegisteredClient.from(converted).scopes((granted) -> {
				// Every scope this server offers, whatever the client asked for: MCP
				// clients
				// register with the scope of the first challenge, and must still be able
				// to
				// step up later. The user's consent and each tool's rules decide what a
				// token
				// carries and opens.
				granted.clear();
				granted.addAll(this.scopesOffered);
			}).authorizationGrantTypes((grants) -> {
				// Refresh tokens are what keeps an MCP client connected; every client
				// gets the grant, whether or not it listed it.
				grants.clear();
				grants.add(AuthorizationGrantType.AUTHORIZATION_CODE);
				grants.add(AuthorizationGrantType.REFRESH_TOKEN);
			});
			Clients.applyDefaults(builder, converted.getClientSettings(), Clients.DYNAMIC, this.accessTokenTimeToLive,
					this.refreshTokenTimeToLive);
			return builder.build();
		};
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
	}

}
