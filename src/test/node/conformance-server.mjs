#!/usr/bin/env node
// Runs the MCP conformance suite's server scenarios (@modelcontextprotocol/conformance,
// command "server") against an MCP endpoint with a bearer token, with the Node 22 that the
// npm package "node" installs beside it. The suite has no option for request headers:
// lib/bearer-dispatcher.mjs, preloaded into it, adds the token to its requests to the
// endpoint's origin only. Prints a JSON summary: each scenario, whether it passed (no
// failed check) and its failed checks. Exits 0 when the suite ran, whatever it found.
//
//   node conformance-server.mjs --mcp-url http://127.0.0.1:8080/mcp --token T \
//       [--scenario NAME]... [--suite active|all]

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { run, step } from "./lib/cli.mjs";
import { node22 } from "./lib/node22.mjs";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUITE = path.join(path.dirname(require.resolve("@modelcontextprotocol/conformance/package.json")), "dist", "index.js");
const PRELOAD = pathToFileURL(path.join(HERE, "lib", "bearer-dispatcher.mjs")).href;

let child;
let outputDir;
process.on("exit", () => {
  child?.kill("SIGKILL");
  if (outputDir) {
    rmSync(outputDir, { recursive: true, force: true });
  }
});

run({
  name: "conformance-server.mjs",
  requireLogin: false,
  succeeded: (summary) => summary.ran,
  usage: `  --token T            the bearer token of every request to the endpoint
  --scenario NAME      one scenario (repeatable; default: the suite's active server scenarios)
  --suite S            the suite's --suite (default active)`,
  options: {
    token: { type: "string" },
    scenario: { type: "string", multiple: true, default: [] },
    suite: { type: "string", default: "active" },
  },
  body: async (options) => {
    const { mcpUrl, log } = options;
    if (!options.token) {
      throw new Error("--token is required");
    }
    const node = node22();
    outputDir = mkdtempSync(path.join(tmpdir(), "conformance-server-"));
    const runs = options.scenario.length > 0 ? options.scenario.map((scenario) => ["--scenario", scenario])
      : [["--suite", options.suite]];
    const output = [];
    for (const selection of runs) {
      const args = ["--import", PRELOAD, SUITE, "server", "--url", mcpUrl.href, "--output-dir", outputDir,
        "--timeout", "15000", ...selection];
      step(`running the conformance suite (${selection.join(" ")}) with ${node.version}`, log);
      child = spawn(node.path, args, { cwd: outputDir, stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, MCP_BEARER_TOKEN: options.token, MCP_BEARER_ORIGIN: mcpUrl.origin } });
      const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
      createInterface({ input: child.stderr }).on("line", (line) => log(`[conformance stderr] ${line}`));
      createInterface({ input: child.stdout }).on("line", (line) => {
        output.push(line);
        log(`[conformance] ${line}`);
      });
      await exited;
    }
    return { node: node.version, ran: true, scenarios: summarize(outputDir) };
  },
});

/** Each scenario's result, from the suite's checks.json files. */
function summarize(directory) {
  const scenarios = {};
  for (const file of findFiles(directory, "checks.json")) {
    const name = path.basename(path.dirname(file)).replace(/-\d{4}-\d{2}-\d{2}T.*$/, "").replace(/^server-(?=.)/, "");
    const checks = JSON.parse(readFileSync(file, "utf8"));
    const failed = checks.filter((check) => check.status === "FAILURE");
    scenarios[name] = {
      passed: failed.length === 0 && checks.some((check) => check.status === "SUCCESS"),
      failed: failed.map((check) => ({ id: check.id, error: String(check.errorMessage ?? "").slice(0, 300) })),
    };
  }
  return scenarios;
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
