package io.github.mcpoauthgateway.cli;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import io.github.mcpoauthgateway.cli.oauth.AccessTokenProvider;
import io.github.mcpoauthgateway.cli.oauth.ParsedBearerChallenge;
import io.github.mcpoauthgateway.cli.oauth.ClientException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/**
 * An MCP session with the SDK's streamable HTTP client, carrying the access token on
 * every request. A token the server refuses (401) is dropped and obtained again; a 403
 * {@code insufficient_scope} offers to sign in again with the scopes the server asked
 * for.
 */
final class McpConnection implements AutoCloseable {

	/**
	 * Decides whether to sign in again for more scopes.
	 */
	@FunctionalInterface
	interface StepUpConsent {

		boolean accept(String scope);

	}

	private final URI url;

	private final AccessTokenProvider tokens;

	private final StepUpConsent consent;

	private volatile String accessToken;

	private @Nullable McpSyncClient client;

	McpConnection(URI url, AccessTokenProvider tokens, StepUpConsent consent) {
		this.url = url;
		this.tokens = tokens;
		this.consent = consent;
		this.accessToken = tokens.accessToken();
	}

	<T> T call(Function<McpSyncClient, T> action) {
		try {
			return action.apply(client());
		}
		catch (RuntimeException ex) {
			McpHttpClientTransportAuthorizationException refused = authorizationFailure(ex);
			if (refused == null) {
				throw ex;
			}
			ParsedBearerChallenge challenge = ParsedBearerChallenge
				.parse(refused.getResponseInfo().headers().firstValue("WWW-Authenticate").orElse(null));
			if (refused.getResponseInfo().statusCode() == 403 && challenge != null
					&& "insufficient_scope".equals(challenge.error()) && challenge.scope() != null) {
				if (!this.consent.accept(challenge.scope())) {
					throw new ClientException("The server needs the scopes \"" + challenge.scope()
							+ "\" for this; sign in with them (--scope) to continue.");
				}
				this.accessToken = this.tokens.stepUp(challenge.scope());
			}
			else if (refused.getResponseInfo().statusCode() == 401) {
				// The stored token was refused (revoked, or the server's keys changed).
				this.tokens.forget();
				this.accessToken = this.tokens.accessToken();
			}
			else {
				throw new ClientException("The server refused the request (HTTP "
						+ refused.getResponseInfo().statusCode()
						+ ((challenge != null && challenge.error() != null) ? ", " + challenge.error() : "") + ").");
			}
			// A new session with the new token.
			close();
			return action.apply(client());
		}
	}

	private McpSyncClient client() {
		if (this.client == null) {
			String path = (this.url.getRawPath() == null || this.url.getRawPath().isEmpty()) ? "/"
					: this.url.getRawPath();
			HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
				.builder(this.url.getScheme() + "://" + this.url.getRawAuthority())
				.endpoint(path)
				.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization",
						"Bearer " + this.accessToken))
				.build();
			McpSyncClient created = McpClient.sync(transport)
				.clientInfo(new McpSchema.Implementation("mcp-oauth-gateway-client", "1"))
				.requestTimeout(Duration.ofSeconds(60))
				.build();
			try {
				created.initialize();
			}
			catch (RuntimeException ex) {
				created.closeGracefully();
				throw ex;
			}
			this.client = created;
		}
		return this.client;
	}

	private static @Nullable McpHttpClientTransportAuthorizationException authorizationFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof McpHttpClientTransportAuthorizationException refused) {
				return refused;
			}
		}
		return null;
	}

	@Override
	public void close() {
		if (this.client != null) {
			McpSyncClient closing = this.client;
			this.client = null;
			closing.closeGracefully();
		}
	}

}
