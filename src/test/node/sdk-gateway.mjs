#!/usr/bin/env node
// The MCP TypeScript SDK client against the server's gateway targets, with static bearer
// tokens (no sign-in): lists the tools, makes each call of the plan with --token, and
// makes each refused call of the plan with --weak-token (a token without the target's
// scope) twice: through the SDK, to show how it surfaces the 403, and with plain fetch, to
// read the WWW-Authenticate challenge the SDK does not expose. With a crash in the plan it
// starts a long call, kills the given process (a stdio upstream) while the call is in
// flight, then calls a probe tool until the upstream is back. Prints one JSON object.
//
//   node sdk-gateway.mjs --mcp-url http://localhost:8080/mcp --token T --weak-token W \
//       --plan '{"calls":[{"id":"ok","tool":"pets___getPet","arguments":{"petId":"1"}}],
//                "refused":[{"id":"pets","tool":"pets___getPet","arguments":{"petId":"1"}}],
//                "crash":{"pid":1234,"after":500,"tool":"local___trigger-long-running-operation",
//                         "arguments":{"duration":10,"steps":10},
//                         "probe":{"tool":"local___echo","arguments":{"message":"back"}}}}'

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { run, step } from "./lib/cli.mjs";

run({
  name: "sdk-gateway.mjs",
  requireLogin: false,
  succeeded: () => true,
  usage: `  --token T            the bearer token of every call
  --weak-token W       the bearer token of the refused calls
  --plan JSON          {calls: [{id, tool, arguments}], refused: [...], crash: {...}}`,
  options: {
    token: { type: "string" },
    "weak-token": { type: "string" },
    plan: { type: "string", default: "{}" },
  },
  body: async (options) => {
    const { mcpUrl, log } = options;
    const plan = JSON.parse(options.plan);
    const output = { tools: [], calls: {}, refused: {} };
    step("connecting with the token", log);
    const client = await connect(mcpUrl, options.token);
    try {
      step("listing the tools", log);
      output.tools = await listAll(client);
      for (const call of plan.calls ?? []) {
        step(`calling ${call.tool} (${call.id})`, log);
        output.calls[call.id] = summarize(await client.callTool({ name: call.tool, arguments: call.arguments ?? {} }));
      }
      if (plan.crash) {
        output.crash = await crash(client, plan.crash, log);
      }
    } finally {
      await client.close().catch(() => {});
    }
    if ((plan.refused ?? []).length > 0) {
      step("connecting with the weak token", log);
      const weak = await connect(mcpUrl, options["weak-token"]);
      try {
        for (const call of plan.refused) {
          step(`calling ${call.tool} without its scope (${call.id})`, log);
          output.refused[call.id] = await refused(weak, mcpUrl, options["weak-token"], call);
        }
      } finally {
        await weak.close().catch(() => {});
      }
    }
    return output;
  },
});

async function connect(mcpUrl, token) {
  const transport = new StreamableHTTPClientTransport(mcpUrl, {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: "mcp-oauth-gateway-e2e-gateway", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

async function listAll(client) {
  const names = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    names.push(...page.tools.map((tool) => tool.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

function summarize(result) {
  const text = (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
  return {
    isError: result.isError === true,
    text: text.length > 2000 ? `${text.slice(0, 2000)}...` : text,
    ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
  };
}

/** A refused call through the SDK (its error) and then with fetch (status and challenge). */
async function refused(client, mcpUrl, token, call) {
  const result = {};
  try {
    const answer = await client.callTool({ name: call.tool, arguments: call.arguments ?? {} });
    result.sdk = { answered: summarize(answer) };
  } catch (error) {
    result.sdk = { error: error.constructor.name, code: error.code, message: String(error.message).slice(0, 500) };
  }
  const response = await fetch(mcpUrl, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      "Mcp-Session-Id": client.transport.sessionId,
      "MCP-Protocol-Version": client.transport.protocolVersion,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 99, method: "tools/call",
      params: { name: call.tool, arguments: call.arguments ?? {} } }),
    signal: AbortSignal.timeout(10000),
  });
  await response.body?.cancel();
  result.status = response.status;
  result.wwwAuthenticate = response.headers.get("www-authenticate");
  return result;
}

/** Kills a stdio upstream while one of its calls is in flight, then waits until it is back. */
async function crash(client, { pid, after = 500, tool, arguments: args = {}, probe, recoverWithin = 15000 }, log) {
  step(`calling ${tool}, killing process ${pid} after ${after} ms`, log);
  const started = Date.now();
  const inFlight = client.callTool({ name: tool, arguments: args });
  await new Promise((resolve) => setTimeout(resolve, after));
  process.kill(pid, "SIGKILL");
  const answer = summarize(await inFlight);
  const output = { inFlight: answer, answeredAfterMs: Date.now() - started, probes: [] };
  step(`calling ${probe.tool} until the upstream is back`, log);
  const deadline = Date.now() + recoverWithin;
  while (Date.now() < deadline) {
    const result = summarize(await client.callTool({ name: probe.tool, arguments: probe.arguments ?? {} }));
    output.probes.push(result);
    if (!result.isError) {
      output.recovered = true;
      return output;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  output.recovered = false;
  return output;
}
