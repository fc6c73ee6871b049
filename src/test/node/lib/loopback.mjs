// A loopback HTTP listener for a client script: receives the authorization response on its
// callback path, as a command-line MCP client does, and can serve static JSON documents
// (a client ID metadata document).

import { createServer } from "node:http";

/**
 * Starts listening on 127.0.0.1 on a free port.
 * @param {object} options
 * @param {string} [options.callbackPath] the redirect URI's path
 * @param {Record<string, () => object>} [options.documents] JSON documents by path
 * @param {(line: string) => void} [options.log]
 */
export async function startLoopbackServer({ callbackPath = "/callback", documents = {}, log = () => {} } = {}) {
  const fetches = {};
  const received = [];
  const waiting = [];
  const receive = (url) => (waiting.length > 0 ? waiting.shift()(url) : received.push(url));
  const server = createServer((request, response) => {
    const url = new URL(request.url, `http://${request.headers.host ?? "127.0.0.1"}`);
    if (request.method === "GET" && documents[url.pathname]) {
      fetches[url.pathname] = (fetches[url.pathname] ?? 0) + 1;
      log(`[loopback] served ${url.pathname} to ${request.headers["user-agent"] ?? "a client"}`);
      response.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      response.end(JSON.stringify(documents[url.pathname]()));
      return;
    }
    if (request.method === "GET" && url.pathname === callbackPath) {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end("<!DOCTYPE html><title>Signed in</title><p>You can close this page.</p>");
      receive(`http://127.0.0.1:${server.address().port}${request.url}`);
      return;
    }
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("not found");
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const port = server.address().port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    callbackUrl: `http://127.0.0.1:${port}${callbackPath}`,
    fetches,
    /** The next authorization response received on the callback path. */
    nextCallback: (timeoutMs = 5000) => (received.length > 0
      ? Promise.resolve(received.shift())
      : new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no request on ${callbackPath} within ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
        waiting.push((url) => {
          clearTimeout(timer);
          resolve(url);
        });
      })),
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** A free TCP port on 127.0.0.1 (for a child process that opens its own listener). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
