import os from "node:os";
import { defineConfig } from "vitest/config";

// Every test runs on PGlite; with TEST_DATABASE_URL set (as in CI) the same suite runs again on PostgreSQL.
const drivers = process.env.TEST_DATABASE_URL ? ["pglite", "pg"] : ["pglite"];

export default defineConfig({
  test: {
    // A worker per core, not vitest's default of one fewer: the main process only waits while the files run, and
    // on a 2-core machine the default runs every file one after another with a core idle.
    maxWorkers: os.availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...drivers.map((driver) => ({
        test: {
          name: driver,
          include: ["test/**/*.test.ts", "src/**/*.test.ts"],
          exclude: ["test/e2e/**"],
          env: { TEST_DRIVER: driver },
          globalSetup: ["test/helpers/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          env: { TEST_DRIVER: "pglite" },
          globalSetup: ["test/helpers/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // After the other projects, alone: the browser tests time a render and need the CPU to themselves.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
