import { rmSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { UserError } from "../user-error.js";
import { openConfiguredDatabase } from "./database.js";
import {
  isOperationName,
  OPERATIONS,
  type OperationContext,
  type OperationName,
  type ParamsOf,
  type ResultOf,
} from "./operations.js";
import type { ReportProgress } from "./progress.js";

/**
 * While `start` holds the embedded database (PGlite is one process's), the commands people run beside it
 * (createsuperuser, run-task, import-test-data) ask it to do their database work instead, over a Unix socket in
 * the data dir that only the same user may open (mode 0600). One connection per operation, JSON lines:
 *
 *   start → command: {"pid", "description"}                    who answers, as soon as the command connects
 *   command → start: {"operation", "params"}                   what to do (OPERATIONS)
 *   start → command: {"progress": [done, total, stage]}…       while it runs
 *   start → command: {"result"} | {"error", "userError"}       how it ended
 *
 * Its name is shorter than the lock's (`pglite.lock`), whose length check therefore covers it.
 */
export const commandSocketPath = (dataDir: string) => path.join(path.resolve(dataDir), "cli.sock");

interface Greeting {
  pid: number;
  description: string;
}

type Answer =
  | { progress: Parameters<ReportProgress> }
  | { result: unknown }
  | { error: string; userError: boolean };

/** How long a command waits for the running `start` to say who it is before taking it for a stuck one. */
const GREETING_TIMEOUT_MS = 10_000;

function send(socket: Socket, message: unknown): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}

async function answer(socket: Socket, context: Omit<OperationContext, "progress">): Promise<void> {
  send(socket, { pid: process.pid, description: context.database.description } satisfies Greeting);
  const lines = createInterface({ input: socket })[Symbol.asyncIterator]();
  const { value, done } = await lines.next();
  if (done) return;
  const request = JSON.parse(value) as { operation?: unknown; params?: unknown };
  if (!isOperationName(request.operation)) {
    send(socket, { error: `Unknown operation ${String(request.operation)}.`, userError: false });
    return;
  }
  const run = OPERATIONS[request.operation] as (context: OperationContext, params: unknown) => unknown;
  const result = await run(
    { ...context, progress: (...report) => send(socket, { progress: report }) },
    request.params,
  );
  send(socket, { result });
}

/**
 * `start`'s side: answers every command that connects; their statements take turns on the one PGlite
 * connection with the server's own. Returns the function that stops listening; a command still running then
 * loses its database.
 */
export async function listenForCommands(
  context: Omit<OperationContext, "progress">,
  dataDir: string,
): Promise<() => void> {
  const socketPath = commandSocketPath(dataDir);
  const server = createServer((socket) => {
    socket.on("error", () => {});
    answer(socket, context)
      .catch((error: unknown) => {
        const userError = error instanceof UserError;
        if (!userError) console.error("A command run for another supplynet process failed:", error);
        send(socket, { error: error instanceof Error ? error.message : String(error), userError });
      })
      .finally(() => socket.end());
  });
  // This process holds the data dir's lock, so a socket file left there is a dead process's.
  rmSync(socketPath, { force: true });
  // Created 0600 from the start: a chmod after listen() would leave a moment in which others could connect.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  server.unref();
  return () => server.close();
}

/** The first line the running `start` sends, or null when nobody listens on the socket. */
function greet(
  socketPath: string,
): Promise<{ socket: Socket; greeting: Greeting; lines: AsyncIterator<string> } | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new UserError(
          `The supplynet process holding the embedded database does not answer on ${socketPath}; stop it, or try again once it has started.`,
        ),
      );
    }, GREETING_TIMEOUT_MS);
    socket.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === "ENOENT" || error.code === "ECONNREFUSED") resolve(null);
      else if (error.code === "EACCES")
        reject(
          new UserError(
            `${socketPath} belongs to another user, whose supplynet start holds the embedded database: run the command as that user.`,
          ),
        );
      else
        reject(new UserError(`Cannot reach the running supplynet start on ${socketPath}: ${error.message}.`));
    });
    socket.once("connect", async () => {
      // From here a broken connection ends the lines, which the caller reports.
      socket.on("error", () => {});
      const lines = createInterface({ input: socket })[Symbol.asyncIterator]();
      const first = await lines.next();
      clearTimeout(timer);
      if (first.done) resolve(null);
      else resolve({ socket, greeting: JSON.parse(first.value) as Greeting, lines });
    });
  });
}

/** Where a command's database work runs: on the database this process opened, or inside the running `start`. */
export interface CommandTarget {
  /** Where the data lives, as Database.description says it. */
  description: string;
  /** The pid of the running `start` that does the work, when it is not this process. */
  runningStart?: number;
  run<Name extends OperationName>(
    name: Name,
    params: ParamsOf<Name>,
    progress?: ReportProgress,
  ): Promise<ResultOf<Name>>;
  close(): Promise<void>;
}

function localTarget(database: Database, config: Config): CommandTarget {
  return {
    description: database.description,
    run: (name, params, progress = () => {}) => {
      const run = OPERATIONS[name] as (context: OperationContext, params: unknown) => Promise<never>;
      return run({ database, config, progress }, params);
    },
    close: () => database.close(),
  };
}

async function remoteRun(
  socketPath: string,
  name: OperationName,
  params: unknown,
  progress: ReportProgress,
): Promise<never> {
  const connection = await greet(socketPath);
  if (!connection) throw new UserError("The running supplynet start has stopped; run the command again.");
  const { socket, greeting, lines } = connection;
  try {
    send(socket, { operation: name, params });
    for (;;) {
      const { value, done } = await lines.next();
      if (done) {
        throw new UserError(
          `The running supplynet start (pid ${greeting.pid}) stopped before the command ended; it may or may not have been applied.`,
        );
      }
      const message = JSON.parse(value) as Answer;
      if ("progress" in message) progress(...message.progress);
      else if ("result" in message) return message.result as never;
      else if (message.userError) throw new UserError(message.error);
      else throw new Error(`The running supplynet start (pid ${greeting.pid}) failed: ${message.error}`);
    }
  } finally {
    socket.destroy();
  }
}

/**
 * The database for a command that may run beside `npm start`: the running `start`'s when it holds the embedded
 * database, otherwise one opened here (PostgreSQL, or PGlite that nobody holds).
 */
export async function openCommandTarget(
  config: Config,
  work: "bounded" | "bulk" = "bounded",
): Promise<CommandTarget> {
  if (!config.databaseUrl) {
    const socketPath = commandSocketPath(config.dataDir);
    const connection = await greet(socketPath);
    if (connection) {
      connection.socket.destroy();
      return {
        description: connection.greeting.description,
        runningStart: connection.greeting.pid,
        run: (name, params, progress = () => {}) => remoteRun(socketPath, name, params, progress),
        close: async () => {},
      };
    }
  }
  return localTarget(await openConfiguredDatabase(config, work), config);
}
