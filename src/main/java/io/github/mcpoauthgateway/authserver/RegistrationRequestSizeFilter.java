package io.github.mcpoauthgateway.authserver;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a client registration request larger than a few kilobytes, or of unknown
 * length, before it is read: registration is open to anyone.
 */
final class RegistrationRequestSizeFilter extends OncePerRequestFilter {

	private final String path;

	private final int maxBytes;

	RegistrationRequestSizeFilter(String path, int maxBytes) {
		this.path = path;
		this.maxBytes = maxBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HttpMethod.POST.matches(request.getMethod())
				|| !request.getRequestURI().equals(request.getContextPath() + this.path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length < 0 || length > this.maxBytes) {
			response.setStatus((length < 0) ? HttpServletResponse.SC_LENGTH_REQUIRED
					: HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"error\":\"" + ClientRegistrationPolicy.INVALID_CLIENT_METADATA
						+ "\",\"error_description\":\"The registration request must state its length and be at most "
						+ this.maxBytes + " bytes\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
