package io.github.mcpoauthgateway.security;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bearer provider answers exactly as Spring Security's
 * {@link JwtAuthenticationProvider} does, only without filling in a stack trace for a
 * refused token.
 */
class JwtBearerAuthenticationProviderTests {

	private static final Jwt JWT = Jwt.withTokenValue("token")
		.header("alg", "RS256")
		.subject("alice")
		.claim("scope", "mcp:tools mcp:admin")
		.issuedAt(Instant.now())
		.expiresAt(Instant.now().plusSeconds(60))
		.build();

	private static BearerTokenAuthenticationToken bearer() {
		BearerTokenAuthenticationToken bearer = new BearerTokenAuthenticationToken("token");
		bearer.setDetails(new WebAuthenticationDetails(new MockHttpServletRequest()));
		return bearer;
	}

	@Test
	void authenticateWhenTokenAcceptedThenSameAuthenticationAsSpringsProvider() {
		JwtDecoder decoder = (token) -> JWT;
		BearerTokenAuthenticationToken bearer = bearer();
		Authentication ours = new JwtBearerAuthenticationProvider(decoder).authenticate(bearer);
		Authentication springs = new JwtAuthenticationProvider(decoder).authenticate(bearer);
		assertThat(ours).isInstanceOf(springs.getClass());
		assertThat(ours.getName()).isEqualTo(springs.getName()).isEqualTo("alice");
		// Spring Security 7 adds a FACTOR_BEARER authority stamped with the time: compare
		// names.
		assertThat(authorityNames(ours)).isEqualTo(authorityNames(springs))
			.contains("SCOPE_mcp:tools", "SCOPE_mcp:admin", "FACTOR_BEARER");
		assertThat(ours.getDetails()).isSameAs(bearer.getDetails());
		assertThat(((AbstractAuthenticationToken) ours).isAuthenticated()).isTrue();
	}

	@Test
	void authenticateWhenTokenRefusedThenInvalidBearerTokenWithoutStackTrace() {
		BadJwtException refusal = new BadJwtException("An error occurred while attempting to decode the Jwt: expired");
		JwtDecoder decoder = (token) -> {
			throw refusal;
		};
		InvalidBearerTokenException springs = catchThrowable(new JwtAuthenticationProvider(decoder),
				InvalidBearerTokenException.class);
		InvalidBearerTokenException ours = catchThrowable(new JwtBearerAuthenticationProvider(decoder),
				InvalidBearerTokenException.class);
		assertThat(ours.getMessage()).isEqualTo(springs.getMessage());
		assertThat(ours.getError().getErrorCode()).isEqualTo(springs.getError().getErrorCode())
			.isEqualTo("invalid_token");
		assertThat(ours.getError().getDescription()).isEqualTo(springs.getError().getDescription());
		assertThat(ours.getCause()).isSameAs(refusal);
		assertThat(ours.getStackTrace()).isEmpty();
		assertThat(springs.getStackTrace()).isNotEmpty();
	}

	@Test
	void authenticateWhenKeysUnavailableThenServiceExceptionAsSpringsProvider() {
		JwtException unavailable = new JwtException("Couldn't retrieve remote JWK set");
		JwtDecoder decoder = (token) -> {
			throw unavailable;
		};
		AuthenticationServiceException springs = catchThrowable(new JwtAuthenticationProvider(decoder),
				AuthenticationServiceException.class);
		AuthenticationServiceException ours = catchThrowable(new JwtBearerAuthenticationProvider(decoder),
				AuthenticationServiceException.class);
		assertThat(ours.getMessage()).isEqualTo(springs.getMessage());
		assertThat(ours.getCause()).isSameAs(unavailable);
	}

	@Test
	void supportsWhenBearerTokenThenTrueOtherwiseFalse() {
		JwtBearerAuthenticationProvider provider = new JwtBearerAuthenticationProvider((token) -> JWT);
		assertThat(provider.supports(BearerTokenAuthenticationToken.class)).isTrue();
		assertThat(provider.supports(AbstractAuthenticationToken.class)).isFalse();
	}

	private static Set<String> authorityNames(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

	private static <T extends Throwable> T catchThrowable(
			org.springframework.security.authentication.AuthenticationProvider provider, Class<T> type) {
		try {
			provider.authenticate(bearer());
		}
		catch (Throwable ex) {
			assertThat(ex).isInstanceOf(type);
			return type.cast(ex);
		}
		throw new AssertionError("the token was accepted");
	}

}
