import { cliOrigin } from "../auth/audit.js";
import { setPasswordByEmail } from "../auth/password-change.js";
import { accountEmail, createSuperuser, type SuperuserInput } from "../auth/superuser.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { checkDatabase } from "../debts/check.js";
import { runTaskNow } from "../debts/run-task.js";
import { translate } from "../i18n/translate.js";
import { changeJobFromCli, jobsOverview } from "../jobs/inspect.js";
import { importTestData } from "../seed/import.js";
import type { ReportProgress } from "./progress.js";

/** What an operation runs with: here, or inside the running `start` (its database and its config). */
export interface OperationContext {
  database: Database;
  config: Config;
  progress: ReportProgress;
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

/**
 * The database work of the commands that people run beside `npm start`. Each takes and returns plain JSON, so
 * that it can run in this process or, when the embedded database is the running `start`'s, inside that one.
 */
export const OPERATIONS = {
  emailTaken: operation(
    async ({ database }, { email }: { email: string }) => (await accountEmail(database, email)) !== null,
  ),
  createSuperuser: operation(({ database, config }, input: SuperuserInput) =>
    createSuperuser(database, cliOrigin(), input, config.defaultLanguage),
  ),
  accountEmail: operation(({ database }, { email }: { email: string }) => accountEmail(database, email)),
  changePassword: operation(
    async ({ database }, { email, password }: { email: string; password: string }) => {
      const outcome = await setPasswordByEmail(database.db, cliOrigin(), email, password);
      return (
        outcome && { email: outcome.email, problem: outcome.problem && translate(outcome.problem, "en") }
      );
    },
  ),
  runTask: operation(({ database, config }, { name }: { name: string }) =>
    runTaskNow(database, name, config.appTimezone, cliOrigin()),
  ),
  check: operation(({ database }, _params: Record<string, never>) => checkDatabase(database)),
  jobsOverview: operation(({ database }, _params: Record<string, never>) => jobsOverview(database)),
  changeJob: operation(({ database }, { action, id }: { action: "retry" | "cancel"; id: string }) =>
    changeJobFromCli(database, action, id, cliOrigin()),
  ),
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
