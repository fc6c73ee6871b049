// The Node 22 the MCP conformance suite needs: the binary of the npm package "node"
// installed beside the scripts, or this node when it is 22 or newer.

import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function node22() {
  const candidates = [path.join(HERE, "node_modules", "node", "bin", "node"), path.join(HERE, "node_modules", ".bin", "node")];
  for (const candidate of candidates) {
    if (existsSync(candidate)) {
      const version = spawnSync(candidate, ["--version"], { encoding: "utf8" }).stdout?.trim();
      if (/^v22\./.test(version ?? "")) {
        return { path: candidate, version };
      }
    }
  }
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    return { path: process.execPath, version: process.version };
  }
  throw new Error(`no Node 22 in ${candidates[0]} (run npm ci --prefix src/test/node) and this node is ${process.version}`);
}
