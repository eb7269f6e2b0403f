import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../helpers/fixture.js";
import {
  describeOutcome,
  FuzzSession,
  hashesPasswords,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  ROLES,
  requestsFor,
  seedFor,
} from "../helpers/fuzz.js";

/**
 * Every operation of /openapi.json × {anonymous, employee, staff}, with requests generated from the
 * operation's own schemas (test/helpers/fuzz.ts): no answer is a 5xx, every error is in the error shape, and a
 * refused request changes no row. FUZZ_SEED and FUZZ_RUNS replay or widen a run; `npm run fuzz` is the long one.
 * The app runs with its real rate limits: a 429 in the error shape is a fine answer, and each request comes
 * from an address of its own so that the per-IP limits do not swallow the rest.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 42);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Each valid-looking login or registration costs an argon2 hash. */
const PASSWORD_RUNS = Math.min(RUNS, 8);
/** Enough to reach a small counterexample; past that, shrinking would only spend the CI budget. */
const MAX_SHRINKS = 60;

const t = testApp({ truncate: false });
let session: FuzzSession;
let operations: Operation[];

beforeAll(async () => {
  session = await FuzzSession.start(t.app, t.testDb);
  const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDocument;
  operations = operationsOf(document);
});

it("generates requests for every /api route of the route table", () => {
  expect(operations.length).toBeGreaterThan(30);
  const documented = new Set(operations.map((operation) => operation.key));
  const routes = t.app.apiRoutes
    .filter((route) => route.method !== "HEAD")
    .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, "{$1}")}`);
  expect(routes.filter((route) => !documented.has(route))).toEqual([]);
});

describe.each(ROLES)("as %s", (role) => {
  it("answers every operation without a 5xx, in the error shape, and changes no row when it refuses", async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const details = await fc.check(
        fc.asyncProperty(fc.limitShrink(requestsFor(operation), MAX_SHRINKS), async (request) => {
          const outcome = await session.send(request, role);
          if (outcome.problems.length > 0) throw new Error(describeOutcome(outcome));
        }),
        { seed: seedFor(SEED, operation, role), numRuns: hashesPasswords(operation) ? PASSWORD_RUNS : RUNS },
      );
      if (details.failed) {
        const message =
          details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
        failures.push(
          `${operation.key} (seed ${details.seed}, path "${details.counterexamplePath}"):\n${message}`,
        );
      }
    }
    if (failures.length > 0) expect.fail(`${failures.length} operations failed:\n\n${failures.join("\n\n")}`);
  }, 150_000);
});
