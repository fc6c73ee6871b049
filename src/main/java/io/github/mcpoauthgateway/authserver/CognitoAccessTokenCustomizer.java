package io.github.mcpoauthgateway.authserver;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.github.mcpoauthgateway.cognito.CognitoClaimNames;

import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Gives the embedded server's tokens Amazon Cognito's claim shape, so that local runs go
 * through exactly the validation that production tokens do: a UUID {@code sub},
 * {@code token_use}, {@code client_id}, a space-delimited {@code scope},
 * {@code username}, {@code cognito:groups} and {@code auth_time}, and an {@code aud} only
 * when the client asked for a resource.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html">Cognito
 * access token</a>
 */
final class CognitoAccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SignInMethod signIn;

	private final ResourceIndicators resources;

	CognitoAccessTokenCustomizer(SignInMethod signIn, ResourceIndicators resources) {
		this.signIn = signIn;
		this.resources = resources;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			SignedInUser user = this.signIn.user(context.getPrincipal());
			context.getClaims().subject(user.subject()).claim("cognito:username", user.username());
			return;
		}
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String audience = this.resources.audience(context);
		if (audience == null
				&& (this.signIn.consentForEveryClient() || Clients.isRegistered(context.getRegisteredClient()))) {
			// Configured clients keep Cognito's shape (an aud only when asked for); a
			// registered client is known by no allow-list, so its tokens always name the
			// resource they are for.
			audience = this.resources.defaultResource();
		}
		SignedInUser user = this.signIn.user(context.getPrincipal());
		JwtClaimsSet.Builder claims = context.getClaims();
		claims.claims((all) -> {
			all.remove(JwtClaimNames.AUD);
			all.remove(JwtClaimNames.NBF);
			all.remove(CognitoClaimNames.SCOPE);
		});
		// Mutable lists: the claims are stored with the grant as JSON, whose type
		// allow-list knows ArrayList, not the classes of List.of.
		if (audience != null) {
			claims.audience(new ArrayList<>(List.of(audience)));
		}
		claims.subject(user.subject())
			.claim(CognitoClaimNames.TOKEN_USE, CognitoClaimNames.ACCESS)
			.claim(CognitoClaimNames.CLIENT_ID, context.getRegisteredClient().getClientId())
			.claim(CognitoClaimNames.USERNAME, user.username())
			.claim(CognitoClaimNames.GROUPS, new ArrayList<>(user.groups()))
			.claim("auth_time", user.authenticatedAt().getEpochSecond());
		if (!context.getAuthorizedScopes().isEmpty()) {
			claims.claim(CognitoClaimNames.SCOPE, String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
		}
	}

}
