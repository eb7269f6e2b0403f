import { Type } from "typebox";
import { MAX_SELECTED_IDS } from "../companies/schemas.js";
import { DEBT_ENTRY_KINDS } from "../db/ledger.js";
import { Id, Money, MoneyTotal, PaginationQuery, SignedMoney, Timestamp, Uuid } from "../http/schemas.js";

export const ClearDebtBody = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: MAX_SELECTED_IDS }) },
  { additionalProperties: false },
);

const UnknownIds = Type.Array(Type.Integer(), { description: "Ids that name no company; they are ignored" });

const clearedCounts = {
  cleared: Type.Integer({ description: "Companies whose debt is set to 0" }),
  written_off: Type.With(MoneyTotal, { description: "What they owed, in all" }),
  skipped_factories: Type.Integer({ description: "Factories among the ids: never in debt, left alone" }),
};

export const DebtsCleared = Type.Object({ ...clearedCounts, unknown_ids: UnknownIds });
export const DebtClearingPreview = Type.Object({
  ...clearedCounts,
  unknown_ids: UnknownIds,
  in_background: Type.Boolean({
    description: "Whether POST /companies/clear_debt would hand these to a job",
  }),
  inline_limit: Type.Integer({
    description: "Up to this many distinct ids are cleared at once, more by a job",
  }),
});
export const DebtClearingQueued = Type.Object({
  job_id: Type.String({ format: "uuid" }),
  unknown_ids: UnknownIds,
});

const DebtEntryKindName = Type.Enum([...DEBT_ENTRY_KINDS], {
  description:
    "opening (at creation), accrual, repayment, staff_clear, job_clear, correction (raw SQL), deletion, " +
    "rollup (an old month's entries summed)",
});
const Day = (description: string) => Type.String({ format: "date", description, examples: ["2026-12-01"] });

export const DebtHistoryQuery = Type.Object(
  {
    ...PaginationQuery,
    kind: Type.Optional(DebtEntryKindName),
    date_from: Type.Optional(Day("From this day on (inclusive), in the application's time zone")),
    date_to: Type.Optional(Day("Up to this day (inclusive)")),
  },
  { additionalProperties: false },
);

export const DebtEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  kind: DebtEntryKindName,
  amount: Type.With(SignedMoney, { description: "The change, signed" }),
  balance: Type.With(Money, { description: "The debt just after it" }),
  cause: Type.String({
    description: "What caused it: the run (task and slot), the job, the staff user, sql:<user>",
  }),
  user_id: Type.Union([Type.Integer(), Type.Null()], { description: "The staff user who caused it" }),
  task_run_id: Type.Union([Type.Integer(), Type.Null()], { description: "The scheduled run" }),
  job_id: Type.Union([Uuid, Type.Null()], { description: "The job" }),
});

export const DebtChartQuery = Type.Object(
  {
    date_from: Type.Optional(Day("From this day on (inclusive); by default about three years back")),
    date_to: Type.Optional(Day("Up to this day (inclusive); by default today")),
  },
  { additionalProperties: false },
);

export const DebtChart = Type.Object({
  points: Type.Array(
    Type.Object({
      day: Day("A day that changed the debt"),
      debt: Type.With(Money, { description: "At its end" }),
    }),
    { description: "Days between two points kept the earlier point's debt" },
  ),
});
