#!/usr/bin/env node
// The MCP TypeScript SDK client with static client information (a pre-registered public
// client such as the local stack's mcp-cli): no registration, sign-in through the scripted
// user agent. Prints the tool result as JSON.
//
//   node sdk-static.mjs --mcp-url http://localhost:8080/mcp --username user --password ... \
//       [--client-id mcp-cli] [--tool whoami]

import { run, step } from "./lib/cli.mjs";
import { startLoopbackServer } from "./lib/loopback.mjs";
import { connectAndCallTool, createProvider, publicClientMetadata } from "./lib/sdk-client.mjs";

run({
  name: "sdk-static.mjs",
  usage: "  --client-id ID       the pre-registered public client (default mcp-cli)",
  options: { "client-id": { type: "string", default: "mcp-cli" } },
  body: async (options) => {
    const { mcpUrl, log } = options;
    step("starting the loopback callback listener", log);
    const loopback = await startLoopbackServer({ log });
    try {
      const provider = createProvider({
        mode: "static",
        staticClient: { client_id: options["client-id"] },
        redirectUrl: loopback.callbackUrl,
        clientMetadata: publicClientMetadata("mcp-oauth-gateway e2e (SDK, static client)", loopback.callbackUrl),
        log,
      });
      return await connectAndCallTool({ mcpUrl, provider, loopback, options, log });
    } finally {
      await loopback.close();
    }
  },
});
