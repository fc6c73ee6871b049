#!/usr/bin/env node
// Drives mcp-remote (the stdio-to-remote MCP proxy many desktop clients use) as a child
// process with no client information, so it registers itself (DCR). mcp-remote prints the
// authorization URL on stderr and waits on its loopback callback; the scripted user agent
// signs in and opens the final redirect there; then this script speaks JSON-RPC over
// mcp-remote's stdio (initialize, notifications/initialized, tools/call) and prints the tool
// result as JSON. mcp-remote keeps its state in a temporary directory, and its attempt to
// open a browser is answered by a no-op (BROWSER=true, no display).
//
//   node mcp-remote.mjs --mcp-url http://localhost:8080/mcp --username user --password ... [--tool whoami]

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { checkAuthorizationResponse, run, step } from "./lib/cli.mjs";
import { freePort } from "./lib/loopback.mjs";
import { authorize } from "./lib/user-agent.mjs";

const require = createRequire(import.meta.url);
const PROXY = path.join(path.dirname(require.resolve("mcp-remote/package.json")), "dist", "proxy.js");
const PROTOCOL_VERSION = "2025-06-18";

let child;
let configDir;
process.on("exit", () => {
  child?.kill("SIGKILL");
  if (configDir) {
    rmSync(configDir, { recursive: true, force: true });
  }
});

run({
  name: "mcp-remote.mjs",
  usage: "  --transport T        mcp-remote's --transport (default http-only)",
  options: { transport: { type: "string", default: "http-only" } },
  body: async (options) => {
    const { mcpUrl, log, username, password, decision, upstream, tool, toolArguments } = options;
    const issuer = await discoverIssuer(mcpUrl);
    configDir = mkdtempSync(path.join(tmpdir(), "mcp-remote-e2e-"));
    const port = await freePort();
    const env = { ...process.env, MCP_REMOTE_CONFIG_DIR: configDir, BROWSER: "true" };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    step(`starting mcp-remote (callback port ${port})`, log);
    child = spawn(process.execPath, [PROXY, mcpUrl.href, String(port), "--transport", options.transport,
      "--auth-timeout", String(Number(options.timeout))], { env, stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

    step("waiting for mcp-remote's authorization URL", log);
    const authorizationUrl = await new Promise((resolve, reject) => {
      let announced = false;
      const lines = createInterface({ input: child.stderr });
      lines.on("line", (line) => {
        log(`[mcp-remote] ${line}`);
        if (/Please authorize this client by visiting/.test(line)) {
          announced = true;
        } else if (announced && /^https?:\/\/\S+$/.test(line.trim())) {
          announced = false;
          resolve(new URL(line.trim()));
        }
      });
      exited.then(({ code, signal }) => reject(new Error(`mcp-remote exited (${signal ?? `code ${code}`}) before asking for a sign-in`)));
    });

    step("signing in", log);
    const signIn = await authorize(authorizationUrl, { username, password, decision, upstream, follow: decision === "approve", log });
    const params = checkAuthorizationResponse(signIn.location, {
      state: authorizationUrl.searchParams.get("state"), issuer, decision,
    });
    const clientId = authorizationUrl.searchParams.get("client_id");
    if (decision === "deny") {
      return { denied: true, error: params.error, error_description: params.error_description, iss: params.iss, client_id: clientId };
    }
    log(`[mcp-remote] callback page: HTTP ${signIn.callback.status}`);

    step("initializing over stdio", log);
    const rpc = stdioRpc(child, exited, log);
    const initialized = await rpc.request("initialize", {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: "mcp-oauth-gateway-e2e", version: "1.0.0" },
    });
    log(`[mcp] initialized: ${JSON.stringify(initialized.serverInfo)}, protocol ${initialized.protocolVersion}`);
    rpc.notify("notifications/initialized");
    step(`calling tool ${tool}`, log);
    const result = await rpc.request("tools/call", { name: tool, arguments: toolArguments });
    child.stdin.end();
    return result;
  },
});

/** The issuer the resource names (RFC 9728), as the authorization response must carry it. */
async function discoverIssuer(mcpUrl) {
  step("reading the protected resource metadata", null);
  const metadataUrl = new URL(`/.well-known/oauth-protected-resource${mcpUrl.pathname}`, mcpUrl);
  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(10000) });
  if (!response.ok) {
    throw new Error(`GET ${metadataUrl} answered HTTP ${response.status}`);
  }
  const [server] = (await response.json()).authorization_servers ?? [];
  if (!server) {
    throw new Error(`${metadataUrl} names no authorization server`);
  }
  const serverUrl = new URL(server);
  const asMetadataUrl = new URL(`/.well-known/oauth-authorization-server${serverUrl.pathname.replace(/\/$/, "")}`, serverUrl);
  const asResponse = await fetch(asMetadataUrl, { signal: AbortSignal.timeout(10000) });
  if (!asResponse.ok) {
    throw new Error(`GET ${asMetadataUrl} answered HTTP ${asResponse.status}`);
  }
  const { issuer } = await asResponse.json();
  if (issuer !== server) {
    throw new Error(`the authorization server metadata names issuer ${issuer}, not ${server}`);
  }
  return issuer;
}

/** Newline-delimited JSON-RPC over the child's stdio. */
function stdioRpc(process, exited, log) {
  let nextId = 1;
  const pending = new Map();
  createInterface({ input: process.stdout }).on("line", (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      log(`[mcp-remote stdout] ${line}`);
      return;
    }
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) {
        reject(new Error(`JSON-RPC error ${message.error.code}: ${message.error.message}`));
      } else {
        resolve(message.result);
      }
    } else {
      log(`[mcp-remote stdout] ${line}`);
    }
  });
  exited.then(({ code, signal }) => {
    for (const { reject } of pending.values()) {
      reject(new Error(`mcp-remote exited (${signal ?? `code ${code}`}) before answering`));
    }
  });
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        process.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      });
    },
    notify(method, params) {
      process.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method, ...(params ? { params } : {}) })}\n`);
    },
  };
}
