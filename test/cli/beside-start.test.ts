import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_COMMAND, isReadableFailure, runCli, snapshot, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";

/** A full `start`, with its demo data, and a child per command beside it. */
const CHILD_TIMEOUT = 300_000;

const t = testApp({ app: false, cli: true, truncate: false });

const STRONG = "amber-otter-lantern";

/** `supplynet run-task accrue-debt` as the unprivileged user nobody (only root may switch to it). */
function runTaskAsNobody(dataDir: string) {
  return spawnSync(CLI_COMMAND[0] as string, [...CLI_COMMAND.slice(1), "run-task", "accrue-debt"], {
    uid: 65534,
    gid: 65534,
    cwd: "/tmp",
    env: { ...process.env, DATA_DIR: dataDir, HOME: "/tmp" },
    encoding: "utf8",
  });
}

describe.runIf(testDriver === "pglite")("commands beside a running `start` on the embedded database", () => {
  it(
    "createsuperuser, changepassword, run-task and import-test-data run inside the running start, over a socket only its user may open",
    async () => {
      const port = 20_000 + Math.floor(Math.random() * 40_000);
      const base = `http://127.0.0.1:${port}`;
      const socketPath = path.join(t.cli.env.DATA_DIR as string, "cli.sock");
      const started = startCli(["start"], {
        ...t.cli.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
      });
      let code: number | null;
      let companiesBefore = 0;
      try {
        await started.waitForStatus(`${base}/ready`, 200, 120_000);
        const socket = statSync(socketPath);
        expect(socket.isSocket()).toBe(true);
        expect(socket.mode & 0o777).toBe(0o600);
        if (process.getuid?.() === 0) {
          // With the data dir itself open to all, the socket's own mode is what keeps another user out.
          chmodSync(t.cli.env.DATA_DIR as string, 0o755);
          const stranger = runTaskAsNobody(t.cli.env.DATA_DIR as string);
          expect(stranger.stderr).toMatch(/cli\.sock belongs to another user/);
          expect(stranger.status).toBe(1);
        }

        const created = await runCli(
          ["createsuperuser", "--email", "beside@example.com", "--password", STRONG, "--no-input"],
          t.cli.env,
        );
        expect(created.stderr).toBe("");
        expect(created.stdout).toContain("Staff user beside@example.com created");
        // The running server itself wrote the user: it lets them log in at once.
        const login = await fetch(`${base}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "beside@example.com", password: STRONG }),
        });
        expect(login.status).toBe(200);

        const taken = await runCli(
          ["createsuperuser", "--email", "BESIDE@example.com", "--password", STRONG, "--no-input"],
          t.cli.env,
        );
        expect(taken.stderr).toMatch(/already exists/);
        expect(isReadableFailure(taken), taken.stderr).toBe(true);

        const prompted = await runCli(
          ["createsuperuser"],
          t.cli.env,
          `beside@example.com\nsecond.beside@example.com\n${STRONG}\n${STRONG}\n`,
        );
        expect(prompted.code, prompted.stderr).toBe(0);
        expect(prompted.stdout).toMatch(
          /^Email: \nError: That email is already taken\.\nEmail: \nPassword: /,
        );

        const task = await runCli(["run-task", "accrue-debt"], t.cli.env);
        expect(task.stderr).toBe("");
        expect(task.stdout).toMatch(/^accrue-debt: \d+ companies changed by [\d.]+ in total/);

        const { count } = (await (
          await fetch(`${base}/api/v1/companies?page_size=1`, {
            headers: { authorization: `Bearer ${((await login.json()) as { access: string }).access}` },
          })
        ).json()) as { count: number };
        companiesBefore = count;
        const imported = await runCli(["import-test-data", "--companies", "300", "--seed", "4"], t.cli.env);
        expect(imported.stderr).toBe("");
        expect(imported.code).toBe(0);
        expect(imported.stdout).toMatch(
          /^The running supplynet start \(pid \d+\) holds the embedded database, so it does the import: until it ends, that server answers no request/,
        );
        expect(imported.stdout).toMatch(/Imported \d+ companies/);
        await started.waitForStatus(`${base}/ready`, 200);

        // changepassword through the server: the new password works at once, and the login before it ends.
        const session = (await (
          await fetch(`${base}/api/v1/auth/token`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email: "beside@example.com", password: STRONG }),
          })
        ).json()) as { access: string };
        const changed = await runCli(
          ["changepassword", "beside@example.com", "--password", `${STRONG}-2`, "--no-input"],
          t.cli.env,
        );
        expect(changed.stderr).toBe("");
        expect(changed.stdout).toContain("Password changed for beside@example.com");
        const stale = await fetch(`${base}/api/v1/auth/me`, {
          headers: { authorization: `Bearer ${session.access}` },
        });
        expect(stale.status).toBe(401);
        const relogin = await fetch(`${base}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "beside@example.com", password: `${STRONG}-2` }),
        });
        expect(relogin.status).toBe(200);
      } finally {
        code = await started.stop();
      }
      expect(code, started.output()).toBe(0);
      expect(existsSync(socketPath)).toBe(false);
      const after = (await snapshot(t.cli)) as { companies: number; users: string };
      expect(after.companies).toBeGreaterThanOrEqual(companiesBefore + 300);
      expect(after.users).toContain("second.beside@example.com");

      // With no start running, the commands open the database themselves again.
      const alone = await runCli(["run-task", "repay-debt"], t.cli.env);
      expect(alone.stderr).toBe("");
      expect(alone.stdout).toMatch(/^repay-debt: /);
    },
    CHILD_TIMEOUT,
  );

  it(
    "after a start is SIGKILLed, its socket file answers nobody: the commands open the database themselves, and the next start listens again",
    async () => {
      const port = 20_000 + Math.floor(Math.random() * 40_000);
      const env = { ...t.cli.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" };
      const socketPath = path.join(t.cli.env.DATA_DIR as string, "cli.sock");
      const killed = startCli(["start"], env);
      try {
        await killed.waitForStatus(`http://127.0.0.1:${port}/ready`, 200, 120_000);
      } finally {
        killed.child.kill("SIGKILL");
        await killed.stop();
      }
      expect(existsSync(socketPath)).toBe(true);

      const alone = await runCli(["run-task", "repay-debt"], t.cli.env);
      expect(alone.stderr).toBe("");
      expect(alone.stdout).toMatch(/^repay-debt: /);

      const restarted = startCli(["start"], env);
      let code: number | null;
      try {
        await restarted.waitForStatus(`http://127.0.0.1:${port}/ready`, 200, 120_000);
        const beside = await runCli(["run-task", "accrue-debt"], t.cli.env);
        expect(beside.stderr).toBe("");
        expect(beside.stdout).toMatch(/^accrue-debt: /);
      } finally {
        code = await restarted.stop();
      }
      expect(code, restarted.output()).toBe(0);
    },
    CHILD_TIMEOUT,
  );
});
