import { type Static, Type } from "typebox";
import { PaginationQuery, SignedMoney, Timestamp, Uuid } from "../http/schemas.js";
import type { JobName } from "../queue/queue.js";
import { JobResponse } from "../queue/schemas.js";

/**
 * Every queue, as the name filter offers them. A record over JobName, so a queue added to JobPayloads without
 * being listed here fails to compile.
 */
const QUEUES: Record<JobName, true> = {
  "accrue-debt": true,
  "clear-debt": true,
  maintenance: true,
  "repay-debt": true,
  "send-invitation": true,
  "send-password-reset": true,
  "send-qr-email": true,
};
export const QUEUE_NAMES = Object.keys(QUEUES) as JobName[];

/** The schedules a staff user can look at and run: the two debt runs and the nightly maintenance. */
export const SCHEDULE_NAMES = ["accrue-debt", "repay-debt", "maintenance"] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

const State = Type.Enum(["queued", "active", "completed", "failed", "cancelled"], {
  description:
    "queued (waiting, or waiting to retry), active, completed, failed, cancelled (by staff, before a worker took it)",
});

export const JobListQuery = Type.Object(
  {
    ...PaginationQuery,
    state: Type.Optional(State),
    name: Type.Optional(Type.Enum(QUEUE_NAMES, { description: "The queue" })),
  },
  { additionalProperties: false },
);
export type JobListFilters = Static<typeof JobListQuery>;

export const JobListItem = Type.Object({
  ...JobResponse.properties,
  started_at: Type.Union([Timestamp, Type.Null()], { description: "When its latest attempt started" }),
  retry_count: Type.Integer({ description: "Attempts after the first" }),
  retry_limit: Type.Integer({
    description: "Attempts after the first that pg-boss allows before failing it",
  }),
});

export const QueueList = Type.Object({
  results: Type.Array(
    Type.Object({
      name: Type.String({ examples: ["accrue-debt"] }),
      queued: Type.Integer(),
      active: Type.Integer(),
      failed: Type.Integer({
        description: "Failed (cancelled ones are no failures) and not yet archived by pg-boss (12 hours)",
      }),
      completed: Type.Integer({ description: "Completed and not yet archived by pg-boss (12 hours)" }),
      oldest_queued_seconds: Type.Number({
        description: "How long the oldest queued job has been due; 0 when none is queued",
      }),
    }),
  ),
});

const LastRun = Type.Object({
  slot: Timestamp,
  started_at: Timestamp,
  finished_at: Type.Union([Timestamp, Type.Null()], { description: "null while it runs" }),
  companies_touched: Type.Integer(),
  total_change: SignedMoney,
  state: Type.Enum(["finished", "running", "interrupted"], {
    description: "interrupted: unfinished and quiet for a minute; the next run of its task goes on with it",
  }),
});

export const ScheduleList = Type.Object({
  results: Type.Array(
    Type.Object({
      name: Type.Enum([...SCHEDULE_NAMES]),
      cron: Type.String({ examples: ["0 */3 * * *"] }),
      timezone: Type.String({
        examples: ["Europe/Moscow"],
        description: "The cron's time zone, APP_TIMEZONE",
      }),
      next_run_at: Timestamp,
      last_run: Type.Union([LastRun, Type.Null()], {
        description:
          "The latest run (maintenance: its latest completed job, with companies_touched 0 and total_change 0.00)",
      }),
      last_failure: Type.Union(
        [
          Type.Object({
            at: Timestamp,
            error: Type.Union([Type.String(), Type.Null()]),
            job_id: Type.String({ format: "uuid" }),
          }),
          Type.Null(),
        ],
        { description: "The queue's latest failed job" },
      ),
    }),
  ),
});

export const ScheduleParams = Type.Object({ name: Type.String({ maxLength: 64 }) });

export const RunQueued = Type.Object(
  { job_id: Type.String({ format: "uuid" }) },
  { description: "Queued; follow it at GET /jobs/{job_id}" },
);

export const JobIdParams = Type.Object({ id: Uuid });

/** The 409 of a retry or a cancel, with its own code. */
export const wrongState = (code: string) => ({
  409: Type.Ref("ErrorResponse", {
    description: `The job is not in a state that allows it. Code: \`${code}\``,
  }),
});
