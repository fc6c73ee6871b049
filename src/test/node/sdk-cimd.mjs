#!/usr/bin/env node
// The MCP TypeScript SDK client identified by a client ID metadata document (CIMD): the
// script publishes its own document on a loopback port, its URL is the client_id, and the
// authorization server fetches it (for tests the server must be allowed to fetch loopback
// http documents). Fails unless the server fetched the document. Prints the tool result as
// JSON.
//
//   node sdk-cimd.mjs --mcp-url http://localhost:8080/mcp --username user --password ... [--tool whoami]

import { run, step } from "./lib/cli.mjs";
import { startLoopbackServer } from "./lib/loopback.mjs";
import { connectAndCallTool, createProvider } from "./lib/sdk-client.mjs";

const DOCUMENT_PATH = "/client.json";

run({
  name: "sdk-cimd.mjs",
  body: async (options) => {
    const { mcpUrl, log } = options;
    step("publishing the client ID metadata document", log);
    let document;
    const loopback = await startLoopbackServer({ log, documents: { [DOCUMENT_PATH]: () => document } });
    const clientId = `${loopback.origin}${DOCUMENT_PATH}`;
    document = {
      client_id: clientId,
      client_name: "mcp-oauth-gateway e2e (SDK, CIMD)",
      client_uri: loopback.origin,
      redirect_uris: [loopback.callbackUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
    try {
      const provider = createProvider({
        mode: "cimd",
        clientMetadataUrl: clientId,
        redirectUrl: loopback.callbackUrl,
        clientMetadata: document,
        log,
      });
      const result = await connectAndCallTool({ mcpUrl, provider, loopback, options, log });
      if (!loopback.fetches[DOCUMENT_PATH]) {
        throw new Error(`the authorization server never fetched ${clientId}`);
      }
      log(`[cimd] the authorization server fetched the document ${loopback.fetches[DOCUMENT_PATH]} time(s)`);
      return result;
    } finally {
      await loopback.close();
    }
  },
});
