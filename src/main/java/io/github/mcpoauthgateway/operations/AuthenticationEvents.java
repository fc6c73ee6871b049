package io.github.mcpoauthgateway.operations;

import java.util.function.Consumer;

import io.github.mcpoauthgateway.authserver.SignInMethod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts and audits what the embedded authorization server decides, from Spring
 * Security's authentication events: sign-ins (the demo login form, or Cognito in bridge
 * mode), dynamic client registrations and token grants. It declares the authentication
 * types it listens to, so the event of every accepted bearer token at the MCP endpoint
 * never reaches it.
 */
final class AuthenticationEvents implements SmartApplicationListener {

	static final String SIGN_INS = "mcp.authserver.signins";

	static final String REGISTRATIONS = "mcp.authserver.registrations";

	static final String TOKEN_GRANTS = "mcp.authserver.token.grants";

	private static final String AUTHORIZATION_CODE = "authorization_code";

	private static final String REFRESH_TOKEN = "refresh_token";

	private final Counter signInSucceeded;

	private final Counter signInFailed;

	private final Counter signInDenied;

	private final Counter registrationAccepted;

	private final Counter registrationRefused;

	private final MeterRegistry registry;

	private final ObjectProvider<SignInMethod> signIn;

	private final @Nullable AuditLog audit;

	AuthenticationEvents(MeterRegistry registry, ObjectProvider<SignInMethod> signIn, @Nullable AuditLog audit) {
		this.registry = registry;
		this.signIn = signIn;
		this.audit = audit;
		this.signInSucceeded = counter(SIGN_INS, "Sign-ins at the authorization server, by outcome", "succeeded");
		this.signInFailed = counter(SIGN_INS, "Sign-ins at the authorization server, by outcome", "failed");
		this.signInDenied = counter(SIGN_INS, "Sign-ins at the authorization server, by outcome", "denied");
		this.registrationAccepted = counter(REGISTRATIONS, "Dynamic client registrations, by outcome", "accepted");
		this.registrationRefused = counter(REGISTRATIONS, "Dynamic client registrations, by outcome", "refused");
		for (String grantType : new String[] { AUTHORIZATION_CODE, REFRESH_TOKEN }) {
			grantCounter(grantType, "issued");
			grantCounter(grantType, "refused");
		}
	}

	private Counter counter(String name, String description, String outcome) {
		return Counter.builder(name).description(description).tag("outcome", outcome).register(this.registry);
	}

	private Counter grantCounter(String grantType, String outcome) {
		return Counter.builder(TOKEN_GRANTS)
			.description("Token requests at the authorization server, by grant type and outcome")
			.tag("grant_type", grantType)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		// Exactly the success event: form login also publishes an interactive one. A
		// parent manager that had no provider for a refused request says so too, after
		// the failure that counts.
		return eventType == AuthenticationSuccessEvent.class
				|| (AbstractAuthenticationFailureEvent.class.isAssignableFrom(eventType)
						&& eventType != AuthenticationFailureProviderNotFoundEvent.class);
	}

	@Override
	public boolean supportsSourceType(@Nullable Class<?> sourceType) {
		return sourceType != null && (UsernamePasswordAuthenticationToken.class.isAssignableFrom(sourceType)
				|| OAuth2LoginAuthenticationToken.class.isAssignableFrom(sourceType)
				|| OAuth2ClientRegistrationAuthenticationToken.class.isAssignableFrom(sourceType)
				|| OAuth2AccessTokenAuthenticationToken.class.isAssignableFrom(sourceType)
				|| OAuth2AuthorizationCodeAuthenticationToken.class.isAssignableFrom(sourceType)
				|| OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(sourceType));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof AuthenticationSuccessEvent success) {
			succeeded(success.getAuthentication());
		}
		else if (event instanceof AbstractAuthenticationFailureEvent failure) {
			failed(failure.getAuthentication(), failure.getException());
		}
	}

	private void succeeded(Authentication authentication) {
		if (authentication instanceof UsernamePasswordAuthenticationToken
				|| authentication instanceof OAuth2LoginAuthenticationToken) {
			this.signInSucceeded.increment();
			audit((audit) -> audit.signIn("succeeded", subject(authentication), method(authentication)));
		}
		else if (authentication instanceof OAuth2ClientRegistrationAuthenticationToken registration) {
			this.registrationAccepted.increment();
			audit((audit) -> audit.registration("accepted", registration.getClientRegistration().getClientId(), null));
		}
		else if (authentication instanceof OAuth2AccessTokenAuthenticationToken token) {
			String grantType = requestedGrantType();
			grantCounter(grantType, "issued").increment();
			audit((audit) -> audit.tokenGrant("issued", grantType, token.getRegisteredClient().getClientId(), null));
		}
	}

	private void failed(Authentication authentication, Exception exception) {
		String error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: null;
		if (authentication instanceof UsernamePasswordAuthenticationToken
				|| authentication instanceof OAuth2LoginAuthenticationToken) {
			// Cancelled or refused at Cognito: denied; a wrong password or a broken
			// exchange: failed. The attempted username is never written.
			boolean denied = OAuth2ErrorCodes.ACCESS_DENIED.equals(error);
			(denied ? this.signInDenied : this.signInFailed).increment();
			audit((audit) -> audit.signIn(denied ? "denied" : "failed", null, method(authentication)));
		}
		else if (authentication instanceof OAuth2ClientRegistrationAuthenticationToken) {
			this.registrationRefused.increment();
			audit((audit) -> audit.registration("refused", null, error));
		}
		else if (authentication instanceof OAuth2AuthorizationCodeAuthenticationToken
				|| authentication instanceof OAuth2RefreshTokenAuthenticationToken) {
			String grantType = (authentication instanceof OAuth2RefreshTokenAuthenticationToken) ? REFRESH_TOKEN
					: AUTHORIZATION_CODE;
			grantCounter(grantType, "refused").increment();
			audit((audit) -> audit.tokenGrant("refused", grantType, clientId(authentication), error));
		}
	}

	private void audit(Consumer<AuditLog> write) {
		if (this.audit != null) {
			write.accept(this.audit);
		}
	}

	private @Nullable String subject(Authentication authentication) {
		SignInMethod method = this.signIn.getIfAvailable();
		if (method == null) {
			return null;
		}
		try {
			return method.user(authentication).subject();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String method(Authentication authentication) {
		return (authentication instanceof OAuth2LoginAuthenticationToken) ? "cognito" : "password";
	}

	private static @Nullable String clientId(Authentication authentication) {
		Object client = (authentication instanceof OAuth2AuthorizationCodeAuthenticationToken code)
				? code.getPrincipal() : ((OAuth2RefreshTokenAuthenticationToken) authentication).getPrincipal();
		return (client instanceof Authentication clientAuthentication) ? clientAuthentication.getName() : null;
	}

	/**
	 * The grant type of the token request being answered, read from the request: the
	 * success event carries only the issued tokens. The server allows two grants only.
	 */
	private static String requestedGrantType() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			if (REFRESH_TOKEN.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
				return REFRESH_TOKEN;
			}
		}
		return AUTHORIZATION_CODE;
	}

}
