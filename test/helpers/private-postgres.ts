import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port, which the test may stop,
 * freeze (SIGSTOP) and restart: the machine's shared server is never touched. It runs as the `postgres` user,
 * since PostgreSQL refuses to run as root.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/supplynet */
  url: string;
  port: number;
  /** Stops the server (fast shutdown: connections are cut, as in a crash or a failover). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /**
   * SIGSTOP to the server and every process it started (the backends of open connections too): connections
   * stay open and every query hangs, as a frozen VM's database does.
   */
  freeze(): void;
  thaw(): void;
  destroy(): Promise<void>;
}

const BIN = "/usr/lib/postgresql/15/bin";
const SERVICE_USER = "postgres";

/** A TCP port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function serviceIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", SERVICE_USER], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", SERVICE_USER], { encoding: "utf8" }).trim());
  return { uid, gid };
}

async function waitUntilAccepting(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // A backend that ended meanwhile.
    }
  }
}

/**
 * The postmaster and every process it started. Each backend makes itself a session leader (setsid), so a
 * signal to the postmaster's process group would miss the backends of the open connections.
 */
function serverProcesses(server: ChildProcess | undefined): number[] {
  if (!server?.pid) return [];
  const children = spawnSync("pgrep", ["-P", String(server.pid)], { encoding: "utf8" }).stdout;
  return [server.pid, ...children.split("\n").filter(Boolean).map(Number)];
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { uid, gid } = serviceIds();
  const root = mkdtempSync(path.join(os.tmpdir(), "supplynet-pg-"));
  chownSync(root, uid, gid);
  const dataDir = path.join(root, "data");
  execFileSync(
    `${BIN}/initdb`,
    ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
    {
      uid,
      gid,
      stdio: "ignore",
    },
  );
  const port = await freePort();
  let server: ChildProcess | undefined;
  let frozen: number[] = [];

  const start = async () => {
    server = spawn(
      `${BIN}/postgres`,
      ["-D", dataDir, "-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
      { uid, gid, stdio: "ignore" },
    );
    await waitUntilAccepting(port);
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    signal(frozen, "SIGCONT");
    frozen = [];
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGINT");
    });
  };

  await start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
  await admin.connect();
  await admin.query("create database supplynet");
  await admin.end();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/supplynet`,
    port,
    start,
    stop,
    freeze() {
      frozen = serverProcesses(server);
      signal(frozen, "SIGSTOP");
    },
    thaw() {
      signal(frozen, "SIGCONT");
      frozen = [];
    },
    async destroy() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
