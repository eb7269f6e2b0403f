import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const adminRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/admin", import.meta.url));

/** Budget from the admin issue: the whole admin, gzipped, must stay at or under 1.5 MB. */
const GZIP_BUDGET_BYTES = 1.5 * 1024 * 1024;

/**
 * Writes a .gz beside every asset (Fastify serves it to browsers that accept gzip, with no per-request work)
 * and reports the total gzip size, failing the build when it exceeds the budget.
 */
function precompress(): Plugin {
  return {
    name: "supplynet-precompress",
    apply: "build",
    writeBundle(_options, bundle) {
      let total = 0;
      for (const file of Object.values(bundle)) {
        const source = file.type === "chunk" ? file.code : file.source;
        const gzipped = gzipSync(source, { level: 9 });
        total += gzipped.length;
        if (file.fileName.startsWith("assets/"))
          writeFileSync(path.join(outDir, `${file.fileName}.gz`), gzipped);
      }
      const size = `${(total / 1024).toFixed(1)} kB gzip`;
      if (total > GZIP_BUDGET_BYTES) this.error(`The admin bundle is ${size}, over the 1.5 MB budget.`);
      this.info(`admin bundle: ${size} (budget 1536 kB)`);
    },
  };
}

// Served by Fastify at /admin from dist/admin; in `vite dev` the API is proxied to a running `npm start`.
export default defineConfig({
  root: adminRoot,
  base: "/admin/",
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // Source maps and Vite's own size report would double the build time on CI's two cores.
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { "/api": process.env.SUPPLYNET_URL ?? "http://localhost:8000" },
  },
});
