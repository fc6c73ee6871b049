package io.github.mcpoauthgateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Spring Security's {@code JwtAuthenticationProvider}, except that a refused token's
 * exception carries no stack trace. A bad token is the client's mistake: it is answered
 * with the 401 challenge and never logged with a trace, yet filling in the hundred frames
 * of the filter chain was a sixteenth of the cost of that 401. The rest is the same: the
 * decoder's {@link BadJwtException} becomes {@link InvalidBearerTokenException} with the
 * same message, any other {@link JwtException} (keys unavailable) an
 * {@link AuthenticationServiceException}, and an accepted token the default
 * {@link JwtAuthenticationConverter}'s authentication with the request's details.
 */
final class JwtBearerAuthenticationProvider implements AuthenticationProvider {

	private final JwtDecoder decoder;

	private final JwtAuthenticationConverter converter = new JwtAuthenticationConverter();

	JwtBearerAuthenticationProvider(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
		Jwt jwt;
		try {
			jwt = this.decoder.decode(bearer.getToken());
		}
		catch (BadJwtException ex) {
			throw new RefusedBearerTokenException(ex);
		}
		catch (JwtException ex) {
			throw new AuthenticationServiceException(ex.getMessage(), ex);
		}
		AbstractAuthenticationToken token = this.converter.convert(jwt);
		token.setDetails(bearer.getDetails());
		return token;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * The 401 of a refused token, without a stack trace; its cause is the decoder's
	 * exception.
	 */
	static final class RefusedBearerTokenException extends InvalidBearerTokenException {

		private static final long serialVersionUID = 1L;

		RefusedBearerTokenException(BadJwtException cause) {
			super(String.valueOf(cause.getMessage()), cause);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
