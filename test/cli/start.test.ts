import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { projectRoot } from "../../src/paths.js";
import { DEMO_STAFF_EMAIL } from "../../src/seed/demo.js";
import { CLI_COMMAND } from "../helpers/cli.js";
import { testApp } from "../helpers/fixture.js";

/** Two full starts of the app, each waiting for /health. */
const START_TIMEOUT = 300_000;

const t = testApp({ app: false, cli: true, truncate: false });

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function start(port: number): Promise<Started> {
  const child = spawn(CLI_COMMAND[0] as string, [...CLI_COMMAND.slice(1), "start"], {
    cwd: projectRoot,
    env: { ...process.env, ...t.cli.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy && output.includes("/health")) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`/health never answered:\n${output}`);
}

async function stop(started: Started): Promise<void> {
  const exited = once(started.child, "exit");
  started.child.kill("SIGTERM");
  const [code] = await exited;
  expect(code, started.output()).toBe(0);
}

/** The email column of the printed "Demo logins" lines. */
function printedLogins(output: string): string[] {
  const section = output.split('Demo logins (password "1" for all):')[1] ?? "";
  return [...section.matchAll(/^ {2}(\S+@\S+)\s/gm)].map((match) => match[1] as string);
}

async function tableCounts() {
  const database = await t.cli.open();
  try {
    const { rows } = await database.executeSql(
      `select (select count(*)::int from companies) as companies, (select count(*)::int from users) as users,
              (select count(*)::int from company_products) as links`,
    );
    return rows[0];
  } finally {
    await database.close();
  }
}

describe("npm start", () => {
  it(
    "loads demo data once, prints URLs and logins that work, and reuses the data on the next start",
    async () => {
      const port = 20_000 + Math.floor(Math.random() * 40_000);
      const first = await start(port);
      await stop(first);
      const url = `http://localhost:${port}`;
      for (const path of ["/api/v1", "/admin/", "/swagger", "/redoc", "/health"]) {
        expect(first.output()).toContain(`${url}${path}`);
      }
      expect(first.output()).toMatch(/Loaded demo data: \d+ companies/);
      const logins = printedLogins(first.output());
      expect(logins).toHaveLength(4);
      expect(logins[0]).toBe(DEMO_STAFF_EMAIL);

      const database = await t.cli.open();
      try {
        for (const email of logins) {
          const { rows } = await database.executeSql<{ password_hash: string; role: string }>(
            "select password_hash, role from users where email = $1 and is_active",
            [email],
          );
          expect(rows[0]?.role).toBe(email === DEMO_STAFF_EMAIL ? "staff" : "employee");
          expect(await verifyPassword(rows[0]?.password_hash ?? null, "1"), email).toBe(true);
        }
      } finally {
        await database.close();
      }
      const afterFirst = await tableCounts();
      expect(afterFirst?.companies).toBeGreaterThanOrEqual(150);

      const second = await start(port);
      await stop(second);
      expect(second.output()).not.toContain("Loaded demo data");
      expect(printedLogins(second.output())).toEqual(logins);
      expect(await tableCounts()).toEqual(afterFirst);
    },
    START_TIMEOUT,
  );
});
