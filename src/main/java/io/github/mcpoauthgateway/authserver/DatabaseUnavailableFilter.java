package io.github.mcpoauthgateway.authserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 503 Service Unavailable} with {@code Retry-After} when the shared
 * database cannot be reached during a request (a sign-in, a registration, a token
 * request): a page saying so to a browser, {@code temporarily_unavailable} to a client;
 * never a stack trace or a 500. It sits outside the HTTP session filter, whose writes
 * fail too. Access tokens already issued are JWTs checked without the database, so the
 * MCP endpoint keeps working; once the database is back, so is everything else, without a
 * restart.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

	static final String TITLE = "Sign-in is unavailable right now";

	static final String RETRY_AFTER_SECONDS = "30";

	private static final Log logger = LogFactory.getLog(DatabaseUnavailableFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException ex) {
			DataAccessException unavailable = unavailable(ex);
			if (unavailable == null || response.isCommitted()) {
				throw ex;
			}
			logger.warn("The database is unavailable (" + unavailable.getClass().getSimpleName() + "): answered "
					+ request.getRequestURI() + " with 503");
			respond(request, response);
		}
	}

	private static void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.reset();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.getWriter()
				.write(Pages.error(TITLE, "The server cannot reach its database. Nothing was changed. "
						+ "Wait a minute, then go back to the application and connect again."));
			return;
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
					+ "\"The authorization server cannot reach its database; retry later\"}");
	}

	private static @Nullable DataAccessException unavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof NonTransientDataAccessResourceException
					|| cause instanceof TransientDataAccessException) {
				return (DataAccessException) cause;
			}
		}
		return null;
	}

}
