package io.github.mcpoauthgateway.authserver;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Recognizes a public client's refresh request ({@code grant_type=refresh_token} at the
 * token endpoint) and revocation request (RFC 7009, at the revocation endpoint), each
 * with a {@code client_id} and no secret, which Spring Authorization Server would not
 * authenticate otherwise. Nothing else: not at introspection, not another grant.
 */
final class PublicClientRefreshTokenAuthenticationConverter implements AuthenticationConverter {

	static final String PURPOSE = PublicClientRefreshTokenAuthenticationConverter.class.getName() + ".purpose";

	static final String REVOCATION = "revocation";

	private final String tokenEndpoint;

	private final String revocationEndpoint;

	PublicClientRefreshTokenAuthenticationConverter(String tokenEndpoint, String revocationEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
		this.revocationEndpoint = revocationEndpoint;
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!HttpMethod.POST.matches(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
			return null;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Map<String, Object> purpose;
		if (this.tokenEndpoint.equals(path) && AuthorizationGrantType.REFRESH_TOKEN.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			purpose = Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue());
		}
		else if (this.revocationEndpoint.equals(path) && request.getParameter(OAuth2ParameterNames.TOKEN) != null) {
			purpose = Map.of(PURPOSE, REVOCATION);
		}
		else {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null) {
			return null;
		}
		if (clientIds.length != 1 || clientIds[0].isBlank()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, purpose);
	}

}
