import type { DbOrTx } from "../db/client.js";
import type { JobQueue } from "../queue/queue.js";
import type { TokenIssuer } from "./tokens.js";

/**
 * Everything a service may depend on, built once per app. A service never takes the app: it names the part it
 * uses, as `Pick<Services, "db" | "jobs">`, and a route hands it `app.services`. Inside a transaction a service
 * passes `{ ...deps, db: tx }` on, so that what it calls writes in the same transaction.
 */
export interface Services {
  /** The database, or the transaction the caller runs in. */
  db: DbOrTx;
  jobs: JobQueue;
  /** Where users reach the app: the links in emails start with it. */
  publicUrl: string;
  tokens: TokenIssuer;
}
