package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.util.Set;

import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an MCP request whose {@code MCP-Protocol-Version} the transport does not speak,
 * from the header alone, with a JSON-RPC error that lists the supported versions and
 * never echoes the one sent. A request without the header passes: the transport assumes
 * its default version.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header">MCP
 * transports: protocol version header</a>
 */
final class ProtocolVersionFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoint;

	private final Set<String> protocolVersions;

	private final String unsupported;

	ProtocolVersionFilter(RequestMatcher endpoint, Set<String> protocolVersions) {
		this.endpoint = endpoint;
		this.protocolVersions = Set.copyOf(protocolVersions);
		this.unsupported = "Unsupported MCP-Protocol-Version; supported: " + String.join(", ", protocolVersions);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String version = request.getHeader(HttpHeaders.PROTOCOL_VERSION);
		if (version != null && !this.protocolVersions.contains(version)) {
			JsonRpcErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcErrors.INVALID_REQUEST,
					this.unsupported);
			return;
		}
		chain.doFilter(request, response);
	}

}
