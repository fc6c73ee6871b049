// What every client script shares: its options, its time limit, its output (the tool
// result as JSON on stdout, progress on stderr) and its exit code (0 only on success).

import { parseArgs } from "node:util";

export const COMMON_OPTIONS = {
  "mcp-url": { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
  tool: { type: "string", default: "whoami" },
  arguments: { type: "string", default: "{}" },
  decision: { type: "string", default: "approve" },
  upstream: { type: "string", multiple: true, default: [] },
  timeout: { type: "string", default: "60" },
  quiet: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
};

const COMMON_USAGE = `  --mcp-url URL        the MCP endpoint (loopback only), e.g. http://localhost:8080/mcp
  --username U         who signs in
  --password P         their password
  --tool NAME          the tool to call (default whoami)
  --arguments JSON     its arguments (default {})
  --decision D         approve (default) or deny on the consent page; with deny the script
                       succeeds when the client gets access_denied with state and iss
  --upstream ORIGIN    an origin the browser may pass through besides the authorization
                       server (the upstream sign-in in bridge mode); repeatable
  --timeout SECONDS    give up after this long (default 60)
  --quiet              no progress on stderr`;

let currentStep = "starting";

/** Names what the script is doing, for the time-out message. */
export function step(name, log) {
  currentStep = name;
  log?.(`[${name}]`);
}

/**
 * Parses the options, starts the time limit and runs `body`, printing what it returns as
 * JSON on stdout. Exits 0 when `body` resolves with something that is not a tool error.
 */
export function run({ name, usage = "", options = {}, body, requireLogin = true, requireMcpUrl = true,
  succeeded = (result) => !result?.isError }) {
  let parsed;
  try {
    parsed = parseArgs({ options: { ...COMMON_OPTIONS, ...options }, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${name}: ${error.message}`);
    process.exit(2);
  }
  if (parsed.help || (requireMcpUrl && !parsed["mcp-url"]) || (requireLogin && (!parsed.username || !parsed.password))) {
    console.error(`usage: node ${name} ${requireMcpUrl ? "--mcp-url URL " : ""}--username U --password P [options]\n`
      + `${usage ? `${usage}\n` : ""}${COMMON_USAGE}`);
    process.exit(parsed.help ? 0 : 2);
  }
  if (!["approve", "deny"].includes(parsed.decision)) {
    console.error(`${name}: --decision must be approve or deny`);
    process.exit(2);
  }
  let toolArguments;
  try {
    toolArguments = JSON.parse(parsed.arguments);
  } catch (error) {
    console.error(`${name}: --arguments is not JSON: ${error.message}`);
    process.exit(2);
  }
  const mcpUrl = parsed["mcp-url"] ? new URL(parsed["mcp-url"]) : undefined;
  if (mcpUrl && !isLoopback(mcpUrl.hostname)) {
    console.error(`${name}: only loopback MCP servers are allowed here, not ${mcpUrl.hostname}`);
    process.exit(2);
  }
  for (const origin of parsed.upstream) {
    if (!URL.canParse(origin) || !isLoopback(new URL(origin).hostname)) {
      console.error(`${name}: --upstream must be a loopback origin, not ${origin}`);
      process.exit(2);
    }
  }
  const seconds = Number(parsed.timeout);
  const log = parsed.quiet ? () => {} : (line) => console.error(line);
  const timer = setTimeout(() => {
    console.error(`${name}: timed out after ${seconds} s while ${currentStep}`);
    process.exit(124);
  }, seconds * 1000);
  timer.unref();
  Promise.resolve()
    .then(() => body({ ...parsed, mcpUrl, toolArguments, log }))
    .then((result) => {
      console.log(JSON.stringify(result));
      process.exit(succeeded(result) ? 0 : 1);
    })
    .catch((error) => {
      const detail = error?.name === "UserAgentError" ? error.message : (error?.stack ?? error);
      console.error(`${name}: failed while ${currentStep}: ${detail}`);
      process.exit(1);
    });
}

export function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Checks an authorization response the way a careful client does (RFC 9207, RFC 6749). */
export function checkAuthorizationResponse(responseUrl, { state, issuer, decision }) {
  const url = new URL(responseUrl);
  const problems = [];
  for (const key of ["code", "state", "iss", "error"]) {
    if (url.searchParams.getAll(key).length > 1) {
      problems.push(`${key} appears more than once`);
    }
  }
  const params = Object.fromEntries(url.searchParams);
  if (params.state !== state) {
    problems.push(`state is ${JSON.stringify(params.state)}, expected the one sent`);
  }
  if (params.iss === undefined) {
    problems.push("no iss parameter (RFC 9207)");
  } else if (params.iss !== issuer) {
    problems.push(`iss is ${JSON.stringify(params.iss)}, expected the authorization server's issuer ${JSON.stringify(issuer)}`);
  }
  if (decision === "deny") {
    if (params.error !== "access_denied") {
      problems.push(`expected error=access_denied after denying, got ${JSON.stringify(params.error ?? (params.code ? "a code" : "nothing"))}`);
    }
    if (params.code !== undefined) {
      problems.push("a code after denying");
    }
  } else if (params.error !== undefined) {
    problems.push(`error=${params.error}${params.error_description ? ` (${params.error_description})` : ""}`);
  } else if (!params.code) {
    problems.push("no code");
  }
  if (problems.length > 0) {
    throw new Error(`bad authorization response ${url.origin}${url.pathname}: ${problems.join("; ")}`);
  }
  return params;
}
