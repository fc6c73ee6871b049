// Starts the MCP reference server (@modelcontextprotocol/server-everything) over
// streamable HTTP on 127.0.0.1 only: it listens on every interface by itself. PORT=0 picks
// a free port; the port it listens on is printed on stderr as "LISTENING <port>". With
// LOG_REQUEST_HEADERS=1 it also prints the headers of every request it receives, one line
// each, as "REQUEST-HEADERS <json>", so tests can check what reached it.

import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" || typeof args[0] === "string") {
    const callback = args.find((arg) => typeof arg === "function");
    this.once("listening", () => console.error(`LISTENING ${this.address().port}`));
    if (process.env.LOG_REQUEST_HEADERS === "1") {
      this.on("request", (request) => console.error(`REQUEST-HEADERS ${JSON.stringify(request.headers)}`));
    }
    return listen.call(this, { port: Number(args[0]), host: "127.0.0.1" }, callback);
  }
  return listen.apply(this, args);
};

await import("@modelcontextprotocol/server-everything/dist/transports/streamableHttp.js");
