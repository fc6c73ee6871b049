#!/usr/bin/env node
// Runs the MCP conformance suite's authorization server checks
// (@modelcontextprotocol/conformance, command "authorization") against an issuer, with the
// Node 22 that the npm package "node" installs beside it (the suite needs Node 22). The
// suite starts its own callback listener on 127.0.0.1 and prints an authorization URL for a
// person to open; the scripted user agent opens it, approves and signs in. Without
// --client-id the script first registers a public client by DCR for the suite's callback.
// Prints a JSON summary (each scenario's checks) and exits 0 only when no check failed.
//
//   node conformance.mjs --issuer http://localhost:8080 --username user --password ... \
//       [--resource http://localhost:8080/mcp] [--client-id mcp-cli] [--scenario NAME]

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { isLoopback, run, step } from "./lib/cli.mjs";
import { freePort } from "./lib/loopback.mjs";
import { node22 } from "./lib/node22.mjs";
import { authorize } from "./lib/user-agent.mjs";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUITE = path.join(path.dirname(require.resolve("@modelcontextprotocol/conformance/package.json")), "dist", "index.js");

let child;
let outputDir;
process.on("exit", () => {
  child?.kill("SIGKILL");
  if (outputDir) {
    rmSync(outputDir, { recursive: true, force: true });
  }
});

run({
  name: "conformance.mjs",
  requireMcpUrl: false,
  succeeded: (summary) => summary.exitCode === 0 && summary.total.failed === 0,
  usage: `  --issuer URL         the authorization server to check (loopback only)
  --resource URI       the RFC 8707 resource for the code grant (default: --mcp-url, if given)
  --client-id ID       a client registered for http://127.0.0.1:<any port>/callback (default:
                       register one by DCR)
  --scenario NAME      one scenario only (default: all authorization server scenarios)
  --spec-version V     the suite's --spec-version filter`,
  options: {
    issuer: { type: "string" },
    resource: { type: "string" },
    "client-id": { type: "string" },
    scenario: { type: "string" },
    "spec-version": { type: "string" },
  },
  body: async (options) => {
    const { log, username, password, upstream } = options;
    if (!options.issuer || !isLoopback(new URL(options.issuer).hostname)) {
      throw new Error("--issuer must be a loopback URL");
    }
    const issuer = options.issuer.replace(/\/$/, "");
    const node = node22();
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/callback`;
    let clientId = options["client-id"];
    if (!clientId) {
      step("registering a client for the suite by DCR", log);
      clientId = await register(issuer, callback, log);
    }
    outputDir = mkdtempSync(path.join(tmpdir(), "conformance-e2e-"));
    const args = [SUITE, "authorization", "--url", issuer, "--client-id", clientId, "--port", String(port),
      "--output-dir", outputDir];
    const resource = options.resource ?? options["mcp-url"];
    if (resource) {
      args.push("--resource", resource);
    }
    if (options.scenario) {
      args.push("--scenario", options.scenario);
    }
    if (options["spec-version"]) {
      args.push("--spec-version", options["spec-version"]);
    }
    step(`running the conformance suite with ${node.version}`, log);
    log(`[conformance] ${path.relative(HERE, node.path)} ${args.map((a) => path.isAbsolute(a) ? path.relative(HERE, a) : a).join(" ")}`);
    child = spawn(node.path, args, { cwd: outputDir, stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
    createInterface({ input: child.stderr }).on("line", (line) => log(`[conformance stderr] ${line}`));
    let signIn = Promise.resolve();
    let announced = false;
    createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line);
      log(`[conformance] ${line}`);
      if (/Access the following URL in your browser/.test(line)) {
        announced = true;
      } else if (announced && /^https?:\/\/\S+$/.test(line.trim())) {
        announced = false;
        const url = line.trim();
        signIn = authorize(url, { username, password, upstream, follow: true, log }).then(
          (result) => log(`[conformance] the suite's callback answered HTTP ${result.callback.status}`),
          (error) => {
            log(`[conformance] sign-in failed: ${error.message}`);
            child.kill("SIGTERM");
            throw error;
          });
      }
    });
    const exitCode = await exited;
    await signIn;
    return { issuer, client_id: clientId, node: node.version, exitCode, ...summarize(output, outputDir) };
  },
});

/** Registers a public client for the suite's callback (RFC 7591). */
async function register(issuer, redirectUri, log) {
  const metadata = await (await fetch(`${issuer}/.well-known/oauth-authorization-server`, { signal: AbortSignal.timeout(10000) })).json();
  if (!metadata.registration_endpoint) {
    throw new Error(`${issuer} has no registration_endpoint: pass --client-id`);
  }
  const response = await fetch(metadata.registration_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      client_name: "MCP conformance suite (e2e)",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    }),
    signal: AbortSignal.timeout(10000),
  });
  const body = await response.text();
  if (response.status !== 201) {
    throw new Error(`registration at ${metadata.registration_endpoint} answered HTTP ${response.status}: ${body}`);
  }
  const { client_id: clientId } = JSON.parse(body);
  log(`[conformance] registered client ${clientId} for ${redirectUri}`);
  return clientId;
}

/** Each scenario's checks (from the suite's checks.json files) and the suite's own totals. */
function summarize(output, directory) {
  const scenarios = [];
  for (const file of findFiles(directory, "checks.json")) {
    const checks = JSON.parse(readFileSync(file, "utf8"));
    scenarios.push({
      scenario: path.basename(path.dirname(file)).replace(/-\d{4}-\d{2}-\d{2}T.*$/, "").replace(/^authorization-server-/, ""),
      checks: checks.map((check) => ({ id: check.id, status: check.status,
        ...(check.errorMessage ? { error: check.errorMessage } : {}) })),
    });
  }
  const counted = (status) => scenarios.flatMap((s) => s.checks).filter((c) => c.status === status).length;
  const totals = output.map((line) => line.match(/Total: (\d+) passed, (\d+) failed/)).find(Boolean)
    ?? output.map((line) => line.match(/Passed: (\d+)\/\d+, (\d+) failed/)).find(Boolean);
  return {
    scenarios,
    total: {
      passed: totals ? Number(totals[1]) : counted("SUCCESS"),
      failed: totals ? Number(totals[2]) : counted("FAILURE"),
      warnings: counted("WARNING"),
    },
  };
}

function findFiles(directory, name) {
  const found = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) {
      found.push(...findFiles(full, name));
    } else if (entry === name) {
      found.push(full);
    }
  }
  return found;
}
