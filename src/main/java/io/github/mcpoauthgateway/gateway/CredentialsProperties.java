package io.github.mcpoauthgateway.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The credential a target's outbound requests carry: none, a static header whose value
 * comes from an environment variable, or an OAuth 2.0 client-credentials token.
 */
public final class CredentialsProperties {

	/**
	 * Kind of credential: none, header or client-credentials.
	 */
	private String type = "none";

	/**
	 * Header sent with the value of value-env (type header), e.g. X-Api-Key.
	 */
	private @Nullable String headerName;

	/**
	 * Environment variable holding the header's value (type header); the server refuses
	 * to start when it is not set.
	 */
	private @Nullable String valueEnv;

	/**
	 * Token endpoint of the authorization server (type client-credentials).
	 */
	private @Nullable URI tokenUri;

	/**
	 * Client id at the authorization server (type client-credentials).
	 */
	private @Nullable String clientId;

	/**
	 * Environment variable holding the client secret (type client-credentials); the
	 * server refuses to start when it is not set.
	 */
	private @Nullable String clientSecretEnv;

	/**
	 * Scopes to request (type client-credentials); empty for the client's defaults.
	 */
	private List<String> scopes = new ArrayList<>();

	/**
	 * How the client authenticates at the token endpoint: basic (client_secret_basic) or
	 * post (client_secret_post).
	 */
	private String clientAuthentication = "basic";

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public @Nullable String getHeaderName() {
		return this.headerName;
	}

	public void setHeaderName(@Nullable String headerName) {
		this.headerName = headerName;
	}

	public @Nullable String getValueEnv() {
		return this.valueEnv;
	}

	public void setValueEnv(@Nullable String valueEnv) {
		this.valueEnv = valueEnv;
	}

	public @Nullable URI getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(@Nullable URI tokenUri) {
		this.tokenUri = tokenUri;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecretEnv() {
		return this.clientSecretEnv;
	}

	public void setClientSecretEnv(@Nullable String clientSecretEnv) {
		this.clientSecretEnv = clientSecretEnv;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public String getClientAuthentication() {
		return this.clientAuthentication;
	}

	public void setClientAuthentication(String clientAuthentication) {
		this.clientAuthentication = clientAuthentication;
	}

}
