import type { App } from "../../src/app.js";
import { buildApp } from "../../src/app.js";
import { type AuthRateLimit, type Config, loadConfig } from "../../src/config.js";
import type { UserRole } from "../../src/db/schema.js";
import type { JobQueue } from "../../src/queue/queue.js";
import { openSendQueue } from "../../src/worker.js";
import type { TestDatabase } from "./database.js";

/** argon2id of "1", computed once: hashing per test user would cost ~50 ms each. */
export const PASSWORD_ONE_HASH =
  "$argon2id$v=19$m=65536,t=3,p=4$0a9EmdUknGsdj8dUrcsZcQ$JC3vtu3noJL3YLxNeCmcnSGdr3hsPPVzafAhLYl6lo0";

/**
 * The app's config for a test. Its answers speak English unless a request asks otherwise (Accept-Language) or a
 * test sets `defaultLanguage`: the suite asserts English words where it asserts words at all.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(
      { logLevel: "silent", dataDir: "/nonexistent", publicUrl: "http://supplynet.test" },
      { NODE_ENV: "test" },
    ),
    defaultLanguage: "en",
    ...overrides,
  };
}

/** Limits no test reaches by accident; a rate-limit test passes its own small ones. */
export const GENEROUS_LIMITS: AuthRateLimit = {
  perIp: 1000,
  perIpWindowMs: 60_000,
  failures: 1000,
  failureWindowMs: 60_000,
};

export interface TestAppOptions {
  config?: Partial<Config>;
  /**
   * Where the app enqueues: a worker's queue, which its owner stops. By default the app opens a send queue of
   * its own on the test database, as `serve` does, and stops it when it closes.
   */
  jobs?: JobQueue;
}

/** A send queue on the test database, as `serve` opens. */
export function openTestQueue(testDb: Pick<TestDatabase, "database" | "url">): Promise<JobQueue> {
  return openSendQueue({ config: testConfig(), database: testDb.database, databaseUrl: testDb.url });
}

/** The real app, ready for `inject`, on `testDb` (or any database with its URL). */
export async function buildTestApp(
  testDb: Pick<TestDatabase, "database" | "url">,
  options: TestAppOptions = {},
): Promise<App> {
  const config = testConfig(options.config);
  const jobs = options.jobs ?? (await openTestQueue(testDb));
  try {
    const app = await buildApp({ config, database: testDb.database, jobs });
    if (!options.jobs) app.addHook("onClose", () => jobs.stop());
    await app.ready();
    return app;
  } catch (error) {
    if (!options.jobs) await jobs.stop();
    throw error;
  }
}

export interface TestCompany {
  id: number;
  level: number;
}

/** A whole five-level chain (factory → entrepreneur); returns the companies by level. */
export async function createChain(
  testDb: TestDatabase,
  label: string,
  city = "Moscow",
): Promise<TestCompany[]> {
  const chain: TestCompany[] = [];
  let supplierId: number | null = null;
  for (let level = 0; level <= 4; level++) {
    const { rows } = await testDb.database.executeSql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
       values ($1, $2, 'Russia', $3, 'Tverskaya', '12A/3', $4, $5, $6) returning id`,
      [
        `${label} L${level}`,
        `${label.toLowerCase()}${level}@example.com`,
        city,
        level,
        supplierId,
        level ? "100.50" : "0",
      ],
    );
    const id = rows[0]?.id as number;
    chain.push({ id, level });
    supplierId = id;
  }
  return chain;
}

export interface TestUser {
  id: number;
  email: string;
  role: UserRole;
  companyId: number | null;
  /** A valid access token for this user. */
  token: string;
  headers: { authorization: string };
}

/** Inserts a user whose password is "1" and signs an access token for them. */
export async function createUser(
  app: App,
  testDb: TestDatabase,
  options: { email: string; role: UserRole; companyId?: number | null; isActive?: boolean },
): Promise<TestUser> {
  const { rows } = await testDb.database.executeSql<{ id: number }>(
    `insert into users (email, password_hash, first_name, last_name, role, company_id, is_active)
     values ($1, $2, 'Test', 'User', $3, $4, $5) returning id`,
    [options.email, PASSWORD_ONE_HASH, options.role, options.companyId ?? null, options.isActive ?? true],
  );
  const id = rows[0]?.id as number;
  const token = app.jwt.sign({ sub: String(id), role: options.role, company_id: options.companyId ?? null });
  return {
    id,
    email: options.email,
    role: options.role,
    companyId: options.companyId ?? null,
    token,
    headers: { authorization: `Bearer ${token}` },
  };
}
