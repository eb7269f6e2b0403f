import { createSuperuser, type SuperuserInput } from "../auth/superuser.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { runTaskNow } from "../debts/run-task.js";
import { importTestData } from "../seed/import.js";

/** What an operation runs with: here, or inside the running `start` (its database and its config). */
export interface OperationContext {
  database: Database;
  config: Config;
  progress(done: number, total: number): void;
}

/** The options of an import that travel as JSON to a running `start`. */
export interface ImportRequest {
  companies: number;
  seed?: number | undefined;
  locale?: string | undefined;
  reset?: boolean | undefined;
}

const operation = <Params, Result>(run: (context: OperationContext, params: Params) => Promise<Result>) =>
  run;

/** Whether a user (staff or employee) has this email already, ignoring case as the unique index does. */
async function emailTaken(database: Database, email: string): Promise<boolean> {
  const { rows } = await database.executeSql("select 1 from users where lower(email) = lower($1)", [email]);
  return rows.length > 0;
}

/**
 * The database work of the commands that people run beside `npm start`. Each takes and returns plain JSON, so
 * that it can run in this process or, when the embedded database is the running `start`'s, inside that one.
 */
export const OPERATIONS = {
  emailTaken: operation(({ database }, { email }: { email: string }) => emailTaken(database, email)),
  createSuperuser: operation(({ database, config }, input: SuperuserInput) =>
    createSuperuser(database, input, config.defaultLanguage),
  ),
  runTask: operation(({ database }, { name }: { name: string }) => runTaskNow(database, name)),
  importTestData: operation(({ database, progress }, options: ImportRequest) =>
    importTestData(database, options, progress),
  ),
};

export type OperationName = keyof typeof OPERATIONS;
export type ParamsOf<Name extends OperationName> = Parameters<(typeof OPERATIONS)[Name]>[1];
export type ResultOf<Name extends OperationName> = Awaited<ReturnType<(typeof OPERATIONS)[Name]>>;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === "string" && Object.hasOwn(OPERATIONS, name);
}
