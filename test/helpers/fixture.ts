import { afterAll, beforeAll, beforeEach } from "vitest";
import type { App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { JobQueue } from "../../src/queue/queue.js";
import type { RunningWorker } from "../../src/worker.js";
import { buildTestApp, openTestQueue } from "./app.js";
import { type CliDatabase, cliDatabase } from "./cli.js";
import { createTestDatabase, rowsOf, type TestDatabase, type TestDatabaseOptions } from "./database.js";
import { type Mailbox, type MailboxOptions, startMailbox } from "./mailbox.js";
import { startTestWorker, type TestWorkerOptions } from "./worker.js";

export interface TestAppFixtureOptions {
  /** Overrides of testConfig() for the app. */
  config?: Partial<Config>;
  /** Build the app (default); `false` for a test of the database, the worker or a child process alone. */
  app?: boolean;
  /** A send queue of the fixture's own even without the app, for a test that enqueues for worker processes. */
  queue?: boolean;
  /** Empty every table before each test (default); `false` keeps what a beforeAll or an earlier test wrote. */
  truncate?: boolean;
  /** A real SMTP server; a worker of the fixture sends to it. */
  mailbox?: boolean | MailboxOptions;
  /** A worker in this process; the app enqueues on its queue instead of a send queue of its own. */
  worker?: boolean | TestWorkerOptions;
  /** Options of the database; see TestDatabaseOptions. */
  database?: TestDatabaseOptions;
  /** The database handed to child processes as well (`supplynet …`), as `supplynet migrate` leaves it. */
  cli?: boolean;
}

/** What the fixture built; read it inside tests and hooks, since it exists only once beforeAll has run. */
export interface TestAppFixture {
  testDb: TestDatabase;
  app: App;
  /** The queue the app enqueues on: the worker's, or a send queue of the fixture's own (none without either). */
  queue: JobQueue;
  worker: RunningWorker;
  mailbox: Mailbox;
  cli: CliDatabase;
  /** Raw SQL on the test database, answered with its rows. */
  sql: ReturnType<typeof rowsOf>;
}

/**
 * One database for the test file (or the describe it is called in), with the app, a real pg-boss queue on it,
 * and on demand a worker and a mailbox; everything is closed after the last test.
 */
export function testApp(options: TestAppFixtureOptions = {}): TestAppFixture {
  const fixture = {
    sql: <Row>(text: string, values?: unknown[]) => rowsOf(fixture.testDb)<Row>(text, values),
  } as TestAppFixture;
  beforeAll(async () => {
    fixture.testDb = await createTestDatabase(
      options.cli ? { ...options.database, queueSchema: false } : options.database,
    );
    if (options.cli) fixture.cli = await cliDatabase(fixture.testDb);
    if (options.mailbox)
      fixture.mailbox = await startMailbox(options.mailbox === true ? {} : options.mailbox);
    if (options.worker) {
      fixture.worker = await startTestWorker(fixture.testDb, {
        ...(options.worker === true ? {} : options.worker),
        ...(fixture.mailbox && { smtpUrl: fixture.mailbox.url }),
      });
      fixture.queue = fixture.worker.queue;
    }
    if (!fixture.worker && (options.app !== false || options.queue))
      fixture.queue = await openTestQueue(fixture.testDb);
    if (options.app !== false) {
      fixture.app = await buildTestApp(fixture.testDb, {
        ...(options.config && { config: options.config }),
        jobs: fixture.queue,
      });
    }
  });
  afterAll(async () => {
    await fixture.app?.close();
    if (fixture.worker) await fixture.worker.stop();
    else await fixture.queue?.stop();
    await fixture.mailbox?.close();
    fixture.cli?.cleanup();
    await fixture.testDb?.destroy();
  });
  if (options.truncate !== false) beforeEach(() => fixture.testDb.truncate());
  return fixture;
}
