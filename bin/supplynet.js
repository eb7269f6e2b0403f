#!/usr/bin/env node
// Production runs the compiled JavaScript; `npm run build` (run by `npm install`) makes it.
import { existsSync } from "node:fs";

const entry = new URL("../dist/src/main.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("supplynet is not built yet. Run `npm run build` (or `npm install`, which builds it) first.");
  process.exit(1);
}
await import(entry.href);
