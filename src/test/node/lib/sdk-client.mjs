// The MCP TypeScript SDK client as a command-line MCP client uses it: a
// StreamableHTTPClientTransport with an OAuthClientProvider that keeps everything in memory,
// a loopback listener for the authorization response, and the scripted user agent in place
// of the person at the browser. The three ways a client can be known to the authorization
// server differ only in the provider: dynamic registration, a client ID metadata document,
// or static client information.

import { randomBytes } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { authorize } from "./user-agent.mjs";
import { checkAuthorizationResponse, step } from "./cli.mjs";

/** What a public client with a loopback callback registers (DCR) or presents. */
export function publicClientMetadata(clientName, callbackUrl) {
  return {
    client_name: clientName,
    redirect_uris: [callbackUrl],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  };
}

/**
 * An in-memory OAuthClientProvider.
 *
 * @param {object} options
 * @param {string} options.redirectUrl the loopback callback
 * @param {object} options.clientMetadata what the client registers (DCR) or publishes (CIMD)
 * @param {"dcr"|"cimd"|"static"} options.mode how the authorization server knows the client
 * @param {object} [options.staticClient] the client information, for mode static
 * @param {string} [options.clientMetadataUrl] the client ID metadata document URL, for mode cimd
 */
export function createProvider({ redirectUrl, clientMetadata, mode, staticClient, clientMetadataUrl, log }) {
  const store = {
    clientInformation: mode === "static" ? { ...staticClient } : undefined,
    tokens: undefined,
    codeVerifier: undefined,
    discovery: undefined,
    state: undefined,
    pendingAuthorization: undefined,
  };
  const provider = {
    store,
    get redirectUrl() {
      return redirectUrl;
    },
    get clientMetadata() {
      return clientMetadata;
    },
    state() {
      store.state = randomBytes(16).toString("base64url");
      return store.state;
    },
    clientInformation() {
      if (mode === "cimd" && !store.clientInformation && !provider.clientMetadataUrl) {
        // The SDK itself accepts only an https clientMetadataUrl; the test server publishes its
        // document on loopback http. Make the SDK's own choice here instead: use the URL as the
        // client ID when, and only when, the authorization server says it supports that.
        const metadata = store.discovery?.authorizationServerMetadata;
        if (metadata?.client_id_metadata_document_supported !== true) {
          throw new Error(`the authorization server does not advertise client_id_metadata_document_supported `
            + `(got ${JSON.stringify(metadata?.client_id_metadata_document_supported)}): it cannot use ${clientMetadataUrl}`);
        }
        store.clientInformation = { client_id: clientMetadataUrl };
      }
      return store.clientInformation;
    },
    tokens() {
      return store.tokens;
    },
    saveTokens(tokens) {
      log(`[oauth] tokens received (scope ${JSON.stringify(tokens.scope ?? "")}, `
        + `refresh token ${tokens.refresh_token ? "yes" : "no"})`);
      store.tokens = tokens;
    },
    redirectToAuthorization(url) {
      store.pendingAuthorization = url;
    },
    saveCodeVerifier(verifier) {
      store.codeVerifier = verifier;
    },
    codeVerifier() {
      if (!store.codeVerifier) {
        throw new Error("no PKCE code verifier saved");
      }
      return store.codeVerifier;
    },
    saveDiscoveryState(state) {
      store.discovery = state;
    },
    discoveryState() {
      return store.discovery;
    },
    invalidateCredentials(scope) {
      log(`[oauth] the SDK invalidates credentials: ${scope}`);
      if (scope === "all" || scope === "tokens") {
        store.tokens = undefined;
      }
      if (scope === "all" || scope === "verifier") {
        store.codeVerifier = undefined;
      }
      if (scope === "all" || scope === "discovery") {
        store.discovery = undefined;
      }
      if ((scope === "all" || scope === "client") && mode === "dcr") {
        store.clientInformation = undefined;
      }
    },
  };
  if (mode === "dcr") {
    provider.saveClientInformation = (information) => {
      if (!store.clientInformation) {
        log(`[oauth] registered as client ${information.client_id}`);
      }
      store.clientInformation = information;
    };
  }
  if (mode === "cimd" && new URL(clientMetadataUrl).protocol === "https:") {
    provider.clientMetadataUrl = clientMetadataUrl;
  }
  return provider;
}

/**
 * Connects, signs in with the user agent whenever the SDK asks for it, and calls one tool.
 *
 * @returns the CallToolResult, or a summary of the denial with decision deny
 */
export async function connectAndCallTool({ mcpUrl, provider, loopback, options, log }) {
  const { username, password, decision, upstream, tool, toolArguments } = options;
  let client;
  let transport;
  const signIns = [];
  for (let round = 1; round <= 3; round++) {
    try {
      if (!client) {
        step(`connecting to ${mcpUrl.href}`, log);
        transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
        client = new Client({ name: "mcp-oauth-gateway-e2e", version: "1.0.0" });
        await client.connect(transport);
        log(`[mcp] connected: ${JSON.stringify(client.getServerVersion())}, protocol ${transport.protocolVersion ?? "?"}`);
      }
      step(`calling tool ${tool}`, log);
      const result = await client.callTool({ name: tool, arguments: toolArguments });
      await client.close();
      return result;
    } catch (error) {
      const pending = provider.store.pendingAuthorization;
      if (!(error instanceof UnauthorizedError) || !pending) {
        throw error;
      }
      provider.store.pendingAuthorization = undefined;
      step(`signing in (round ${round})`, log);
      const issuer = provider.store.discovery?.authorizationServerMetadata?.issuer;
      const response = await signIn(pending, { username, password, decision, upstream, loopback, log });
      const params = checkAuthorizationResponse(response, { state: provider.store.state, issuer, decision });
      signIns.push({ client_id: pending.searchParams.get("client_id"), iss: params.iss });
      if (decision === "deny") {
        log(`[oauth] denied as asked: error=${params.error}, iss=${params.iss}`);
        return { denied: true, error: params.error, error_description: params.error_description, iss: params.iss,
          client_id: pending.searchParams.get("client_id") };
      }
      step("exchanging the code", log);
      await transport.finishAuth(params.code);
      if (!client.getServerVersion()) {
        // The first connect failed on the 401: connect again, now with a token.
        await client.close().catch(() => {});
        client = undefined;
      }
    }
  }
  throw new Error(`still not authorized after ${signIns.length} sign-ins`);
}

/** Runs the authorization URL through the user agent; returns the URL the client received. */
export async function signIn(authorizationUrl, { username, password, decision, upstream, loopback, log }) {
  log(`[oauth] authorization request for client ${authorizationUrl.searchParams.get("client_id")}, `
    + `scope ${JSON.stringify(authorizationUrl.searchParams.get("scope"))}, `
    + `resource ${JSON.stringify(authorizationUrl.searchParams.get("resource"))}`);
  const result = await authorize(authorizationUrl, { username, password, decision, upstream, follow: true, log });
  if (!result.location.startsWith(loopback.callbackUrl)) {
    throw new Error(`the flow ended at ${result.location.split("?")[0]}, not at the client's callback ${loopback.callbackUrl}`);
  }
  const received = await loopback.nextCallback();
  if (new URL(received).href !== new URL(result.location).href) {
    throw new Error(`the callback received ${received}, not the URL the server redirected to`);
  }
  return received;
}
