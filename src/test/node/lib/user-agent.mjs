// A scripted user agent: plays the person at the browser in an OAuth authorization code
// flow. It follows redirects by hand with a cookie jar, answers the consent page (approve or
// deny), fills in the sign-in form of the local stack and of cognito-local, and stops at the
// first redirect that leaves the authorization server and its upstream: the client's
// redirect URI, which it returns (and, if asked, opens, for clients that listen on
// loopback).
//
//   import { authorize } from "./lib/user-agent.mjs";
//   const { location, params } = await authorize(url, { username, password });
//
// Also a command: node lib/user-agent.mjs --url <authorization URL> --username U --password P
//   [--decision approve|deny] [--upstream <origin>]... [--follow] [--verbose]
// prints {"location": ..., "params": {...}} as JSON.

import { pathToFileURL } from "node:url";
import { CookieJar } from "./cookie-jar.mjs";
import { defaultValues, describePage, forms } from "./forms.mjs";

const MAX_STEPS = 30;

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export class UserAgentError extends Error {
  constructor(step, message, steps) {
    super(`user agent, step ${step}: ${message}`);
    this.name = "UserAgentError";
    this.steps = steps;
  }
}

/**
 * Runs an authorization request the way a person with a browser would.
 *
 * @param {string|URL} authorizationUrl where the client sent the browser
 * @param {object} options
 * @param {string} options.username who signs in
 * @param {string} options.password the password typed
 * @param {"approve"|"deny"} [options.decision] the answer on the consent page
 * @param {string[]} [options.upstream] origins besides the authorization server's that the
 *   browser may pass through (the upstream sign-in in bridge mode)
 * @param {string} [options.redirectUri] where the flow ends; by default the authorization
 *   request's redirect_uri
 * @param {boolean} [options.follow] also GET the final redirect (a client listening on loopback)
 * @param {number} [options.timeoutMs] limit for each request
 * @param {(line: string) => void} [options.log] receives one line per step
 * @returns {Promise<{location: string, params: Record<string,string>, consent: string|undefined,
 *   signIns: number, steps: string[], callback?: {status: number, body: string}}>}
 */
export async function authorize(authorizationUrl, options = {}) {
  const { username, password, decision = "approve", follow = false, timeoutMs = 15000 } = options;
  const log = options.log ?? (() => {});
  const start = new URL(authorizationUrl);
  const redirectUri = options.redirectUri ?? start.searchParams.get("redirect_uri") ?? undefined;
  const allowed = new Set([start.origin, ...(options.upstream ?? []).map((origin) => new URL(origin).origin)]);
  const jar = new CookieJar();
  const steps = [];
  const signInsByOrigin = new Map();
  let consentAnswered;

  const fail = (message) => {
    throw new UserAgentError(steps.length, message, steps);
  };
  for (const origin of allowed) {
    if (!isLoopback(new URL(origin).hostname)) {
      fail(`${origin} is not a loopback address: this user agent talks to this machine only`);
    }
  }

  const send = async (method, url, body) => {
    const headers = { Accept: BROWSER_ACCEPT, "User-Agent": "mcp-oauth-gateway-e2e-user-agent" };
    const cookie = jar.header(url);
    if (cookie) {
      headers.Cookie = cookie;
    }
    if (body) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    const line = `${method} ${redact(url)}`;
    steps.push(line);
    log(`[user-agent] ${steps.length}. ${line}`);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body?.toString(),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      fail(`${line} failed: ${error.cause?.message ?? error.message}`);
    }
    jar.store(url, response);
    const text = await response.text();
    log(`[user-agent]    -> HTTP ${response.status}${response.headers.get("location") ? ` Location: ${redact(response.headers.get("location"))}` : ""}`);
    return { status: response.status, headers: response.headers, text, url };
  };

  const endsFlow = (target) => {
    if (redirectUri) {
      const expected = new URL(redirectUri);
      if (target.origin === expected.origin && target.pathname === expected.pathname) {
        return true;
      }
    }
    return !allowed.has(target.origin);
  };

  let response = await send("GET", start.href);
  for (;;) {
    if (steps.length > MAX_STEPS) {
      fail(`more than ${MAX_STEPS} requests without reaching the redirect URI: ${steps.join(" | ")}`);
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      if (!location) {
        fail(`HTTP ${response.status} from ${redact(response.url)} without a Location header`);
      }
      const target = new URL(location, response.url);
      if (endsFlow(target)) {
        const result = {
          location: target.href,
          params: Object.fromEntries(target.searchParams),
          consent: consentAnswered,
          signIns: [...signInsByOrigin.values()].reduce((a, b) => a + b, 0),
          steps,
        };
        if (redirectUri && !(target.origin === new URL(redirectUri).origin
            && target.pathname === new URL(redirectUri).pathname)) {
          log(`[user-agent] the flow left for ${redact(target.href)}, which is not the redirect URI ${redirectUri}`);
        }
        if (follow) {
          if (!isLoopback(target.hostname)) {
            fail(`the redirect URI ${redact(target.href)} is not on loopback: not opening it`);
          }
          const callback = await send("GET", target.href);
          if (callback.status >= 400) {
            fail(`the client's callback ${redact(target.href)} answered HTTP ${callback.status}: ${describePage(callback.text)}`);
          }
          result.callback = { status: callback.status, body: callback.text };
        }
        return result;
      }
      response = await send("GET", target.href);
      continue;
    }
    if (response.status !== 200) {
      fail(`${steps.at(-1)} answered HTTP ${response.status}: ${describe(response)}`);
    }
    const page = forms(response.text);
    const consent = page.find((form) => form.buttons.some((button) => button.name === "decision"));
    const signIn = page.find((form) => form.inputs.some((input) => (input.type ?? "").toLowerCase() === "password"));
    const origin = new URL(response.url).origin;
    if (consent) {
      if (consentAnswered) {
        fail(`the consent page came back after it was answered (${consentAnswered}): ${describePage(response.text)}`);
      }
      const button = consent.buttons.find((candidate) => candidate.name === "decision" && candidate.value === decision);
      if (!button) {
        fail(`the consent page has no "${decision}" button: ${consent.buttons.map((b) => b.value).join(", ")}`);
      }
      const values = defaultValues(consent);
      values.append("decision", decision);
      consentAnswered = decision;
      log(`[user-agent]    consent page: ${decision}`);
      response = await submit(send, consent, response.url, values);
    } else if (signIn) {
      if (username === undefined || password === undefined) {
        fail(`a sign-in form at ${redact(response.url)} but no username and password were given`);
      }
      if ((signInsByOrigin.get(origin) ?? 0) > 0) {
        fail(`the sign-in as "${username}" at ${origin} was refused: ${describePage(response.text)}`);
      }
      signInsByOrigin.set(origin, 1);
      const values = defaultValues(signIn);
      const userField = signIn.inputs.find((input) => input.name === "username")
        ?? signIn.inputs.find((input) => ["text", "email", undefined].includes(input.type?.toLowerCase()) && input.name);
      const passwordField = signIn.inputs.find((input) => (input.type ?? "").toLowerCase() === "password");
      if (!userField) {
        fail(`the sign-in form at ${redact(response.url)} has no username field`);
      }
      values.set(userField.name, username);
      values.set(passwordField.name, password);
      log(`[user-agent]    sign-in form: ${username}`);
      response = await submit(send, signIn, response.url, values);
    } else {
      fail(`${steps.at(-1)} showed a page with neither a consent nor a sign-in form: ${describePage(response.text)}`);
    }
  }
}

async function submit(send, form, pageUrl, values) {
  const action = new URL(form.action || pageUrl, pageUrl);
  if (form.method === "post") {
    return send("POST", action.href, values);
  }
  action.search = values.toString();
  return send("GET", action.href);
}

function describe(response) {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    return response.text.slice(0, 500);
  }
  if (type.includes("html")) {
    return describePage(response.text);
  }
  return `${type || "no content type"}: ${response.text.slice(0, 300)}`;
}

export function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Hides codes in logged URLs; everything else (state, iss, client_id) stays readable. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.searchParams.has("code")) {
      parsed.searchParams.set("code", "[code]");
    }
    return parsed.href;
  } catch {
    return url;
  }
}

async function main() {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      username: { type: "string" },
      password: { type: "string" },
      decision: { type: "string", default: "approve" },
      upstream: { type: "string", multiple: true, default: [] },
      follow: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      timeout: { type: "string", default: "60" },
    },
  });
  if (!values.url) {
    console.error("usage: node lib/user-agent.mjs --url <authorization URL> --username U --password P "
      + "[--decision approve|deny] [--upstream <origin>]... [--follow] [--verbose] [--timeout SECONDS]");
    process.exit(2);
  }
  setTimeout(() => {
    console.error(`user agent: timed out after ${values.timeout} s`);
    process.exit(124);
  }, Number(values.timeout) * 1000).unref();
  const result = await authorize(values.url, {
    ...values,
    log: values.verbose ? (line) => console.error(line) : undefined,
  });
  delete result.steps;
  console.log(JSON.stringify(result));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(() => process.exit(0), (error) => {
    console.error(error.message);
    process.exit(1);
  });
}
