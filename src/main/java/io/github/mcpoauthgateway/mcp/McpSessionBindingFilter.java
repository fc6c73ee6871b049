package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.mcpoauthgateway.tool.Caller;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds each MCP session to the principal that created it. The session id the client sees
 * is the SDK's id followed by an HMAC of that id and the creator's issuer and subject; a
 * request whose token belongs to anyone else gets 404, as for an unknown session. The
 * binding needs no server-side table, so it cannot grow with abandoned sessions.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#session-hijacking">MCP
 * security best practices: session hijacking</a>
 */
final class McpSessionBindingFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoint;

	private static final String ALGORITHM = "HmacSHA256";

	private static final char SEPARATOR = '.';

	private final Mac prototype;

	McpSessionBindingFilter(RequestMatcher endpoint) {
		this.endpoint = endpoint;
		// A key per process: the SDK keeps stateful sessions in this process's memory, so
		// no other process could resume them anyway.
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		try {
			this.prototype = Mac.getInstance(ALGORITHM);
			this.prototype.init(new SecretKeySpec(key, ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime provides " + ALGORITHM, ex);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Caller caller = CallerResolver.resolve(request);
		String owner = (caller != null) ? caller.issuer() + '\n' + caller.subject() : "";
		String presented = request.getHeader(HttpHeaders.MCP_SESSION_ID);
		HttpServletRequest forwarded = request;
		if (presented != null) {
			String sessionId = verify(presented, owner);
			if (sessionId == null) {
				JsonRpcErrors.write(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcErrors.INVALID_REQUEST,
						"Session not found");
				return;
			}
			forwarded = new SessionIdRequest(request, sessionId);
		}
		chain.doFilter(forwarded, new SessionIdResponse(response, owner));
	}

	private @Nullable String verify(String presented, String owner) {
		int separator = presented.lastIndexOf(SEPARATOR);
		if (separator <= 0) {
			return null;
		}
		String sessionId = presented.substring(0, separator);
		byte[] expected = sign(sessionId, owner).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = presented.substring(separator + 1).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual) ? sessionId : null;
	}

	private String sign(String sessionId, String owner) {
		try {
			Mac mac = (Mac) this.prototype.clone();
			mac.update(sessionId.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(owner.getBytes(StandardCharsets.UTF_8)));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ALGORITHM + " cannot be cloned", ex);
		}
	}

	/**
	 * Shows the SDK the session id without its binding.
	 */
	private static final class SessionIdRequest extends HttpServletRequestWrapper {

		private final String sessionId;

		SessionIdRequest(HttpServletRequest request, String sessionId) {
			super(request);
			this.sessionId = sessionId;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name) ? this.sessionId : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name) ? Collections.enumeration(List.of(this.sessionId))
					: super.getHeaders(name);
		}

	}

	/**
	 * Adds the binding to the session id the SDK hands out.
	 */
	private final class SessionIdResponse extends HttpServletResponseWrapper {

		private final String owner;

		SessionIdResponse(HttpServletResponse response, String owner) {
			super(response);
			this.owner = owner;
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, bind(name, value));
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, bind(name, value));
		}

		private String bind(String name, String value) {
			if (value == null || !HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name)) {
				return value;
			}
			return value + SEPARATOR + sign(value, this.owner);
		}

	}

}
