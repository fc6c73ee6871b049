package io.github.mcpoauthgateway.authserver;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
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

	private final DevUsers users;

	private final ResourceIndicators resources;

	CognitoAccessTokenCustomizer(DevUsers users, ResourceIndicators resources) {
		this.users = users;
		this.resources = resources;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			DevUsers.DevUser user = user(context.getPrincipal());
			context.getClaims().subject(user.subject()).claim("cognito:username", user.username());
			return;
		}
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String audience = this.resources.audience(context);
		DevUsers.DevUser user = user(context.getPrincipal());
		JwtClaimsSet.Builder claims = context.getClaims();
		claims.claims((all) -> {
			all.remove(JwtClaimNames.AUD);
			all.remove(JwtClaimNames.NBF);
			all.remove("scope");
		});
		if (audience != null) {
			claims.audience(List.of(audience));
		}
		claims.subject(user.subject())
			.claim("token_use", "access")
			.claim("client_id", context.getRegisteredClient().getClientId())
			.claim("username", user.username())
			.claim("cognito:groups", user.groups())
			.claim("auth_time", authTime(context.getPrincipal()).getEpochSecond());
		if (!context.getAuthorizedScopes().isEmpty()) {
			claims.claim("scope", String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
		}
	}

	private DevUsers.DevUser user(Authentication principal) {
		DevUsers.DevUser user = this.users.find(principal.getName());
		if (user == null) {
			// Only the authorization code grant is registered, so every token has a user.
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
		}
		return user;
	}

	/**
	 * When the user logged in: Spring Security records each authentication factor with
	 * the time it was verified; the principal is kept on refresh, so the time is too.
	 */
	private static Instant authTime(Authentication principal) {
		Instant latest = null;
		for (GrantedAuthority authority : principal.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor
					&& (latest == null || factor.getIssuedAt().isAfter(latest))) {
				latest = factor.getIssuedAt();
			}
		}
		return (latest != null) ? latest : Instant.now();
	}

}
