// Preloaded (node --import) into the MCP conformance suite, which has no option for
// request headers: every HTTP request it makes to MCP_BEARER_ORIGIN, by fetch or by
// undici, gets "Authorization: Bearer $MCP_BEARER_TOKEN" unless it has one. Requests to
// any other origin are left alone, so the token goes nowhere else.

import { Agent, setGlobalDispatcher } from "undici";

const token = process.env.MCP_BEARER_TOKEN;
const origin = process.env.MCP_BEARER_ORIGIN;
if (!token || !origin) {
  throw new Error("bearer-dispatcher.mjs needs MCP_BEARER_TOKEN and MCP_BEARER_ORIGIN");
}

function withAuthorization(headers) {
  const value = `Bearer ${token}`;
  if (headers == null) {
    return { authorization: value };
  }
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === "authorization") {
        return headers;
      }
    }
    return [...headers, "authorization", value];
  }
  if (typeof headers[Symbol.iterator] === "function" && !(headers instanceof Object && headers.constructor === Object)) {
    const entries = [...headers];
    return entries.some(([name]) => name.toLowerCase() === "authorization") ? headers
      : Object.fromEntries([...entries, ["authorization", value]]);
  }
  return Object.keys(headers).some((name) => name.toLowerCase() === "authorization") ? headers
    : { ...headers, authorization: value };
}

class BearerAgent extends Agent {
  dispatch(options, handler) {
    const target = typeof options.origin === "string" ? options.origin : options.origin?.origin;
    if (target === origin) {
      return super.dispatch({ ...options, headers: withAuthorization(options.headers) }, handler);
    }
    return super.dispatch(options, handler);
  }
}

setGlobalDispatcher(new BearerAgent());
