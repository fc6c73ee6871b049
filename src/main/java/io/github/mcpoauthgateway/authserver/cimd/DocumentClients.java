package io.github.mcpoauthgateway.authserver.cimd;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.ConfigurationSettingNames;

/**
 * Registered clients made from client metadata documents.
 */
final class DocumentClients {

	private DocumentClients() {
	}

	/**
	 * The registered client a document describes. The shared defaults come first; what
	 * the document decides (redirect URIs, authentication, grant types, scopes) comes
	 * after and wins, and PKCE stays required.
	 * @param document the checked document
	 * @param scopesOffered the scopes a client may be granted
	 * @param clientDefaults the settings shared by all clients: token lifetimes and the
	 * like
	 * @return the client, whose id and client id are both the URL
	 */
	static RegisteredClient registeredClient(ClientIdMetadataDocument document, Set<String> scopesOffered,
			Consumer<RegisteredClient.Builder> clientDefaults) {
		RegisteredClient.Builder builder = RegisteredClient.withId(document.clientId());
		clientDefaults.accept(builder);
		builder.id(document.clientId())
			.clientId(document.clientId())
			.clientIdIssuedAt(null)
			.clientSecret(null)
			.clientSecretExpiresAt(null)
			.clientName(document.clientName())
			.clientAuthenticationMethods((methods) -> {
				methods.clear();
				methods.add(document.authenticationMethod());
			})
			.authorizationGrantTypes((grantTypes) -> {
				grantTypes.clear();
				grantTypes.add(AuthorizationGrantType.AUTHORIZATION_CODE);
				grantTypes.add(AuthorizationGrantType.REFRESH_TOKEN);
			})
			.redirectUris((uris) -> {
				uris.clear();
				uris.addAll(document.redirectUris());
			})
			.postLogoutRedirectUris(Set::clear)
			.scopes((scopes) -> {
				scopes.clear();
				scopes.addAll(scopes(document.scope(), scopesOffered));
			});
		RegisteredClient defaulted = builder.build();
		ClientSettings.Builder settings = ClientSettings.withSettings(defaulted.getClientSettings().getSettings())
			.requireProofKey(true)
			.setting(ClientIdMetadataDocumentRegisteredClientRepository.REGISTRATION_SETTING,
					ClientIdMetadataDocumentRegisteredClientRepository.REGISTRATION_CIMD)
			.setting(ClientIdMetadataDocumentRegisteredClientRepository.HOST_SETTING, document.host());
		settings.settings((values) -> {
			values.remove(ConfigurationSettingNames.Client.JWK_SET_URL);
			values.remove(ConfigurationSettingNames.Client.TOKEN_ENDPOINT_AUTHENTICATION_SIGNING_ALGORITHM);
			values.remove(ClientIdMetadataDocumentRegisteredClientRepository.JWKS_SETTING);
		});
		SignatureAlgorithm signingAlgorithm = document.signingAlgorithm();
		if (signingAlgorithm != null) {
			settings.tokenEndpointAuthenticationSigningAlgorithm(signingAlgorithm);
		}
		String jwksUri = document.jwksUri();
		if (jwksUri != null) {
			settings.jwkSetUrl(jwksUri);
		}
		String jwks = document.jwks();
		if (jwks != null) {
			settings.setting(ClientIdMetadataDocumentRegisteredClientRepository.JWKS_SETTING, jwks);
		}
		return RegisteredClient.from(defaulted).clientSettings(settings.build()).build();
	}

	private static Set<String> scopes(@Nullable String scope, Set<String> scopesOffered) {
		if (scope == null) {
			return scopesOffered;
		}
		Set<String> granted = new LinkedHashSet<>();
		for (String requested : scope.split(" ")) {
			if (scopesOffered.contains(requested)) {
				granted.add(requested);
			}
		}
		return granted;
	}

}
