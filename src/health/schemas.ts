import { Type } from "typebox";
import { PROBE_TIMEOUT_MS } from "../db/probe.js";
import { ErrorResponse } from "../http/schemas.js";

const DatabaseStatus = Type.Object(
  {
    status: Type.Union([Type.Literal("ok"), Type.Literal("unreachable"), Type.Literal("timeout")], {
      description: `"timeout" when the database did not answer within ${PROBE_TIMEOUT_MS} ms`,
    }),
    driver: Type.Union([Type.Literal("pg"), Type.Literal("pglite")]),
    latency_ms: Type.Number(),
  },
  { additionalProperties: false },
);

export const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal("ok"), Type.Literal("degraded")], {
      description: '"degraded" while the database is not "ok"; the process itself still serves',
    }),
    database: DatabaseStatus,
  },
  { additionalProperties: false },
);

const Migrations = Type.Object(
  {
    pending: Type.Union([Type.Array(Type.String()), Type.Null()], {
      description: "The committed migrations this database lacks; null when they could not be read",
    }),
  },
  { additionalProperties: false },
);

export const ReadyResponse = Type.Object(
  { status: Type.Literal("ready"), database: DatabaseStatus, migrations: Migrations },
  { additionalProperties: false },
);

/** The error shape, with what the probe found beside it. */
export const NotReadyResponse = Type.Object(
  { error: ErrorResponse.properties.error, database: DatabaseStatus, migrations: Migrations },
  { additionalProperties: false, description: "Not ready: take this instance out of the load balancer" },
);
