#!/usr/bin/env node
// Step-up with the MCP TypeScript SDK client: it registers (DCR) and signs in with the scope
// of the first challenge (mcp:tools), lists the tools, sees one it may call only with more
// scope, calls it, gets 403 insufficient_scope naming the scopes needed, signs in again
// asking for them (the user approves the wider request), and the call succeeds.
//
// SDK 1.32 answers the 403 by refreshing its token, which cannot widen the scope, and then
// gives up ("403 after trying upscoping"); the application then starts a new authorization
// with the scope the server named, as an MCP client application does. The script prints the
// tool result as JSON.
//
//   node sdk-step-up.mjs --mcp-url http://localhost:8080/mcp --username admin --password ... --tool server_status

import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { checkAuthorizationResponse, run, step } from "./lib/cli.mjs";
import { startLoopbackServer } from "./lib/loopback.mjs";
import { connectAndCallTool, createProvider, publicClientMetadata, signIn } from "./lib/sdk-client.mjs";

run({
  name: "sdk-step-up.mjs",
  body: async (options) => {
    const { mcpUrl, log, tool, toolArguments, username, password, upstream } = options;
    const loopback = await startLoopbackServer({ log });
    try {
      const provider = createProvider({
        mode: "dcr",
        redirectUrl: loopback.callbackUrl,
        clientMetadata: publicClientMetadata("mcp-oauth-gateway e2e (SDK, step-up)", loopback.callbackUrl),
        log,
      });
      step("signing in with the scope of the first challenge", log);
      await connectAndCallTool({ mcpUrl, provider, loopback, options: { ...options, tool: "whoami" }, log });
      const firstScope = provider.store.tokens?.scope ?? "";
      log(`[oauth] first token scope: ${JSON.stringify(firstScope)}`);

      const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
      const client = new Client({ name: "mcp-oauth-gateway-e2e", version: "1.0.0" });
      await client.connect(transport);
      const listed = (await client.listTools()).tools.map((t) => t.name);
      log(`[mcp] tools listed: ${listed.join(", ")}`);
      if (!listed.includes(tool)) {
        throw new Error(`${tool} is not listed, so the client cannot know it could step up to it`);
      }
      step(`calling ${tool} with the first token`, log);
      try {
        const unexpected = await client.callTool({ name: tool, arguments: toolArguments });
        throw new Error(`the call succeeded without stepping up: ${JSON.stringify(unexpected)}`);
      } catch (error) {
        if (!String(error?.message ?? error).includes("403")) {
          throw error;
        }
        log(`[mcp] refused as expected: ${error.message}`);
      }
      // The transport recorded the scope of the 403 challenge (a private field of SDK 1.32).
      const neededScope = transport._scope;
      if (!neededScope || neededScope === firstScope) {
        throw new Error(`no wider scope in the 403 challenge (got ${JSON.stringify(neededScope)})`);
      }
      step(`stepping up: a new authorization asking for ${JSON.stringify(neededScope)}`, log);
      provider.invalidateCredentials("tokens");
      const started = await auth(provider, { serverUrl: mcpUrl, scope: neededScope,
        resourceMetadataUrl: transport._resourceMetadataUrl });
      const pending = provider.store.pendingAuthorization;
      if (started !== "REDIRECT" || !pending) {
        throw new Error(`expected a new authorization, got ${started}`);
      }
      provider.store.pendingAuthorization = undefined;
      if (!pending.searchParams.get("scope")?.split(" ").includes(neededScope.split(" ").at(-1))) {
        throw new Error(`the authorization request does not ask for ${neededScope}`);
      }
      const issuer = provider.store.discovery?.authorizationServerMetadata?.issuer;
      const response = await signIn(pending, { username, password, decision: "approve", upstream, loopback, log });
      const params = checkAuthorizationResponse(response, { state: provider.store.state, issuer, decision: "approve" });
      await transport.finishAuth(params.code);
      log(`[oauth] stepped-up token scope: ${JSON.stringify(provider.store.tokens?.scope ?? "")}`);
      step(`calling ${tool} again`, log);
      const result = await client.callTool({ name: tool, arguments: toolArguments });
      await client.close();
      return result;
    } finally {
      await loopback.close();
    }
  },
});
