package io.github.mcpoauthgateway.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Tells a client to retry, with 503, when a token could not be checked because the
 * issuer's signing keys could not be fetched; every other failure is a bad token and gets
 * the 401 challenge. A 401 here would send clients through a new login that cannot help.
 */
final class KeySourceFailureHandler implements AuthenticationFailureHandler {

	static final String RETRY_AFTER_SECONDS = "10";

	private static final Log logger = LogFactory.getLog(KeySourceFailureHandler.class);

	private final AuthenticationEntryPoint entryPoint;

	KeySourceFailureHandler(AuthenticationEntryPoint entryPoint) {
		this.entryPoint = entryPoint;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof AuthenticationServiceException) {
			logger.warn("Cannot verify access tokens: the issuer's signing keys are unavailable ("
					+ exception.getMessage() + ")");
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			return;
		}
		this.entryPoint.commence(request, response, exception);
	}

}
