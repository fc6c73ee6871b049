package io.github.mcpoauthgateway.authserver;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a sign-in at another server start, and come back, only in a browser that has just
 * approved a client on the consent page: the upstream {@code state} is created only after
 * approval, and a callback in a browser without the consent cookie (the victim's, lured
 * to an attacker's sign-in) is refused.
 */
public final class UpstreamSignInGuard {

	static final String NOT_STARTED_HERE = "This sign-in was not started in this browser";

	private final ClientConsent consent;

	UpstreamSignInGuard(ClientConsent consent) {
		this.consent = consent;
	}

	/**
	 * The filter to put in front of the upstream sign-in's endpoints.
	 * @return a filter that refuses requests without an approval in this browser
	 */
	public Filter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (UpstreamSignInGuard.this.consent.hasApprovalInThisBrowser(request)) {
					chain.doFilter(request, response);
					return;
				}
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				Pages.write(response, Pages.error(NOT_STARTED_HERE,
						"To sign in, start from the application you want to connect, and approve it on this "
								+ "server's consent page in the same browser. If a link brought you here, close "
								+ "this page."));
			}
		};
	}

}
