package io.github.mcpoauthgateway.authserver.bridge;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bridge mode: this server is the authorization server MCP clients see, and Amazon
 * Cognito's managed login signs users in through one confidential app client. Binds
 * {@code BRIDGE_ENABLED}, {@code BRIDGE_ISSUER}, {@code BRIDGE_UPSTREAM_CLIENT_ID} and so
 * on.
 */
@ConfigurationProperties(BridgeProperties.CONFIG_PREFIX)
public final class BridgeProperties {

	public static final String CONFIG_PREFIX = "bridge";

	/**
	 * Whether to run the authorization bridge in front of Cognito.
	 */
	private boolean enabled = false;

	/**
	 * Issuer of the bridge; the origin of mcp.resource-url when not set.
	 */
	private @Nullable String issuer;

	/**
	 * JWK Set (JSON) with the RSA private keys that sign the bridge's tokens; the first
	 * signs, all are published. Secret. Generate one with "keys generate".
	 */
	private @Nullable String signingKeys;

	/**
	 * Base64 of 32 random bytes that encrypt the Cognito tokens the bridge keeps; a
	 * random key per start when not set. Secret.
	 */
	private @Nullable String tokenEncryptionKey;

	/**
	 * The Cognito user pool and the bridge's app client there.
	 */
	private final Upstream upstream = new Upstream();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(@Nullable String issuer) {
		this.issuer = issuer;
	}

	public @Nullable String getSigningKeys() {
		return this.signingKeys;
	}

	public void setSigningKeys(@Nullable String signingKeys) {
		this.signingKeys = signingKeys;
	}

	public @Nullable String getTokenEncryptionKey() {
		return this.tokenEncryptionKey;
	}

	public void setTokenEncryptionKey(@Nullable String tokenEncryptionKey) {
		this.tokenEncryptionKey = tokenEncryptionKey;
	}

	public Upstream getUpstream() {
		return this.upstream;
	}

	/**
	 * The upstream login: a Cognito user pool (or an emulator), and the bridge's
	 * confidential app client there, whose only callback is
	 * {@code <bridge issuer>/login/oauth2/code/cognito}.
	 */
	public static final class Upstream {

		/**
		 * Issuer of the user pool; derived from cognito.region and cognito.user-pool-id
		 * when not set.
		 */
		private @Nullable String issuerUri;

		/**
		 * Id of the bridge's app client.
		 */
		private @Nullable String clientId;

		/**
		 * Secret of the bridge's app client. Secret.
		 */
		private @Nullable String clientSecret;

		/**
		 * How the bridge authenticates at the token endpoint: client_secret_basic or
		 * client_secret_post.
		 */
		private String clientAuthenticationMethod = "client_secret_basic";

		/**
		 * Scopes the bridge asks the upstream for; openid is needed for the ID token.
		 */
		private List<String> scopes = new ArrayList<>(List.of("openid", "email", "profile"));

		/**
		 * Authorization endpoint; from the issuer's discovery document when not set.
		 */
		private @Nullable URI authorizationUri;

		/**
		 * Token endpoint; from discovery when not set.
		 */
		private @Nullable URI tokenUri;

		/**
		 * JWK Set of the upstream's ID tokens; from discovery when not set.
		 */
		private @Nullable URI jwkSetUri;

		/**
		 * Revocation endpoint, to end the upstream session of a revoked grant; none when
		 * not set.
		 */
		private @Nullable URI revocationUri;

		/**
		 * Whether to send a nonce and require it back in the ID token; turn off only for
		 * an emulator that does not return it.
		 */
		private boolean nonce = true;

		public @Nullable String getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(@Nullable String issuerUri) {
			this.issuerUri = issuerUri;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public String getClientAuthenticationMethod() {
			return this.clientAuthenticationMethod;
		}

		public void setClientAuthenticationMethod(String clientAuthenticationMethod) {
			this.clientAuthenticationMethod = clientAuthenticationMethod;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable URI getAuthorizationUri() {
			return this.authorizationUri;
		}

		public void setAuthorizationUri(@Nullable URI authorizationUri) {
			this.authorizationUri = authorizationUri;
		}

		public @Nullable URI getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(@Nullable URI tokenUri) {
			this.tokenUri = tokenUri;
		}

		public @Nullable URI getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(@Nullable URI jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public @Nullable URI getRevocationUri() {
			return this.revocationUri;
		}

		public void setRevocationUri(@Nullable URI revocationUri) {
			this.revocationUri = revocationUri;
		}

		public boolean isNonce() {
			return this.nonce;
		}

		public void setNonce(boolean nonce) {
			this.nonce = nonce;
		}

	}

}
