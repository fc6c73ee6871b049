package io.github.mcpoauthgateway.authserver.bridge;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The bridge's app client at Cognito, for Spring Security's OAuth2 client. Endpoints come
 * from the issuer's discovery document, fetched on first use (so the server starts while
 * Cognito is unreachable) and each overridable, as emulators leave some out.
 */
final class UpstreamClientRegistrations implements ClientRegistrationRepository, Supplier<ClientRegistration> {

	private final BridgeProperties.Upstream upstream;

	private final String issuerUri;

	private final String redirectUri;

	private volatile @Nullable ClientRegistration registration;

	UpstreamClientRegistrations(BridgeProperties.Upstream upstream, String issuerUri, String redirectUri) {
		this.upstream = upstream;
		this.issuerUri = issuerUri;
		this.redirectUri = redirectUri;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		return CognitoSignIn.REGISTRATION_ID.equals(registrationId) ? get() : null;
	}

	@Override
	public ClientRegistration get() {
		ClientRegistration registration = this.registration;
		if (registration == null) {
			synchronized (this) {
				registration = this.registration;
				if (registration == null) {
					registration = build();
					this.registration = registration;
				}
			}
		}
		return registration;
	}

	private ClientRegistration build() {
		boolean complete = this.upstream.getAuthorizationUri() != null && this.upstream.getTokenUri() != null
				&& this.upstream.getJwkSetUri() != null;
		ClientRegistration.Builder builder = complete
				? ClientRegistration.withRegistrationId(CognitoSignIn.REGISTRATION_ID).issuerUri(this.issuerUri)
				: ClientRegistrations.fromIssuerLocation(this.issuerUri).registrationId(CognitoSignIn.REGISTRATION_ID);
		builder.clientId(this.upstream.getClientId())
			.clientSecret(this.upstream.getClientSecret())
			.clientAuthenticationMethod(new ClientAuthenticationMethod(this.upstream.getClientAuthenticationMethod()))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.redirectUri)
			.scope(this.upstream.getScopes())
			.clientName("Amazon Cognito")
			// The ID token says who the user is; no UserInfo call on the sign-in path.
			.userInfoUri(null)
			.userNameAttributeName("sub");
		set(this.upstream.getAuthorizationUri(), (uri) -> builder.authorizationUri(uri));
		set(this.upstream.getTokenUri(), (uri) -> builder.tokenUri(uri));
		set(this.upstream.getJwkSetUri(), (uri) -> builder.jwkSetUri(uri));
		return builder.build();
	}

	private static void set(@Nullable URI value, java.util.function.Consumer<String> setter) {
		if (value != null) {
			setter.accept(value.toString());
		}
	}

}
