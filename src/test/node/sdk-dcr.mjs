#!/usr/bin/env node
// The MCP TypeScript SDK client with no client information: it discovers the authorization
// server (RFC 9728, RFC 8414), registers itself (RFC 7591), and signs in through the scripted
// user agent (consent, then sign-in); the authorization response must carry the issuer
// (RFC 9207). Prints the tool result as JSON.
//
//   node sdk-dcr.mjs --mcp-url http://localhost:8080/mcp --username user --password ... [--tool whoami]

import { run, step } from "./lib/cli.mjs";
import { startLoopbackServer } from "./lib/loopback.mjs";
import { connectAndCallTool, createProvider, publicClientMetadata } from "./lib/sdk-client.mjs";

run({
  name: "sdk-dcr.mjs",
  body: async (options) => {
    const { mcpUrl, log } = options;
    step("starting the loopback callback listener", log);
    const loopback = await startLoopbackServer({ log });
    try {
      const provider = createProvider({
        mode: "dcr",
        redirectUrl: loopback.callbackUrl,
        clientMetadata: publicClientMetadata("mcp-oauth-gateway e2e (SDK, DCR)", loopback.callbackUrl),
        log,
      });
      const result = await connectAndCallTool({ mcpUrl, provider, loopback, options, log });
      if (!provider.store.clientInformation?.client_id) {
        throw new Error("the client never registered");
      }
      return result;
    } finally {
      await loopback.close();
    }
  },
});
