package io.github.mcpoauthgateway.authserver.bridge;

import java.io.IOException;
import java.util.Set;

import io.github.mcpoauthgateway.authserver.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * What a person sees when the sign-in at Cognito does not succeed: cancelled, refused, or
 * Cognito unreachable; a page that says which and what to do, never the upstream's own
 * words or a stack trace.
 */
final class UpstreamFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(UpstreamFailureHandler.class);

	private static final Set<String> KNOWN = Set.of(OAuth2ErrorCodes.ACCESS_DENIED, "authorization_request_not_found",
			"invalid_state_parameter", "invalid_token_response", "invalid_nonce", "invalid_id_token",
			OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.SERVER_ERROR, OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: "unknown";
		// The error code may come from the callback's query: never echo it unless known.
		logger.info("Sign-in at Cognito failed: " + (KNOWN.contains(code) ? code : "other error"));
		String html;
		int status;
		if (OAuth2ErrorCodes.ACCESS_DENIED.equals(code)) {
			status = HttpServletResponse.SC_FORBIDDEN;
			html = Pages.error("Sign-in cancelled",
					"The sign-in at Amazon Cognito was cancelled or refused. Go back to the application and connect "
							+ "again to retry.");
		}
		else if ("authorization_request_not_found".equals(code) || "invalid_state_parameter".equals(code)) {
			status = HttpServletResponse.SC_BAD_REQUEST;
			html = Pages.error("Sign-in expired",
					"This sign-in is no longer valid here, or it was started in another browser. Go back to the "
							+ "application and connect again.");
		}
		else if ("invalid_token_response".equals(code) || OAuth2ErrorCodes.SERVER_ERROR.equals(code)
				|| OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(code)) {
			status = HttpServletResponse.SC_BAD_GATEWAY;
			html = Pages.error("Amazon Cognito is unavailable",
					"The sign-in service could not be reached or did not answer properly. Wait a moment, then "
							+ "connect again from the application. If this keeps happening, tell the server's operator.");
		}
		else {
			status = HttpServletResponse.SC_BAD_REQUEST;
			html = Pages.error("Sign-in failed",
					"The sign-in at Amazon Cognito could not be completed. Go back to the application and connect again.");
		}
		response.setStatus(status);
		Pages.write(response, html);
	}

}
