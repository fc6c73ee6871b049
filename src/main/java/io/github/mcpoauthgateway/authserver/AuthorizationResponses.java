package io.github.mcpoauthgateway.authserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Answers of the authorization endpoint: every redirect to a client carries the RFC 9207
 * {@code iss} parameter beside {@code state}, so a client can tell which server answered;
 * a request needing consent goes to the consent page; and an error that must not be
 * redirected (unknown client, unregistered redirect URI) is a page that tells the person
 * what happened, not the framework's error page.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207">RFC 9207</a>
 */
final class AuthorizationResponses {

	private final String issuer;

	private final ClientConsent consent;

	AuthorizationResponses(String issuer, ClientConsent consent) {
		this.issuer = issuer;
		this.consent = consent;
	}

	void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		// An authenticated request has both: the authorization server resolved the
		// redirect
		// URI and issued the code (its own success handler reads them the same way).
		String redirectUri = Objects.requireNonNull(result.getRedirectUri(), "No redirect URI");
		OAuth2AuthorizationCode code = Objects.requireNonNull(result.getAuthorizationCode(), "No authorization code");
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam(OAuth2ParameterNames.CODE, code.getTokenValue());
		addStateAndIssuer(uri, result.getState());
		response.sendRedirect(uri.build(true).toUriString());
	}

	void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof ConsentRequiredException required) {
			this.consent.redirectToConsentPage(request, response, required);
			return;
		}
		OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest)
				? codeRequest.getAuthorizationCodeRequestAuthentication() : null;
		if (authorization == null || !StringUtils.hasText(authorization.getRedirectUri())) {
			// Never redirect to a URI that is not the client's: tell the person instead.
			writeErrorPage(response, error);
			return;
		}
		redirectWithError(request, response, authorization.getRedirectUri(), error.getErrorCode(),
				error.getDescription(), authorization.getState());
	}

	void redirectWithError(HttpServletRequest request, HttpServletResponse response, String redirectUri,
			String errorCode, @Nullable String description, @Nullable String state) throws IOException {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam(OAuth2ParameterNames.ERROR, errorCode);
		if (StringUtils.hasText(description)) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
					UriUtils.encode(description, StandardCharsets.UTF_8));
		}
		addStateAndIssuer(uri, state);
		response.sendRedirect(uri.build(true).toUriString());
	}

	private void addStateAndIssuer(UriComponentsBuilder uri, @Nullable String state) {
		if (StringUtils.hasText(state)) {
			uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(state, StandardCharsets.UTF_8));
		}
		uri.queryParam("iss", UriUtils.encode(this.issuer, StandardCharsets.UTF_8));
	}

	private static void writeErrorPage(HttpServletResponse response, OAuth2Error error) throws IOException {
		String description = (error.getDescription() != null) ? error.getDescription() : "";
		String html;
		if (description.contains(OAuth2ParameterNames.CLIENT_ID)) {
			html = Pages.error("Unknown application",
					"The application that sent you here is not registered with this server, or its registration "
							+ "could not be verified. Go back to the application and connect again.");
		}
		else if (description.contains(OAuth2ParameterNames.REDIRECT_URI)) {
			html = Pages.error("Return address not allowed",
					"The application asked to send you back to an address it has not registered, so the sign-in "
							+ "was stopped. If you did not expect this, close this page. Developers: register this "
							+ "exact redirect URI.");
		}
		else {
			html = Pages.error("Invalid sign-in request", "The application sent a request this server cannot accept ("
					+ error.getErrorCode() + "). Go back to the application and try again.");
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		Pages.write(response, html);
	}

}
