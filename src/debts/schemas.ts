import { Type } from "typebox";
import { MAX_SELECTED_IDS } from "../companies/schemas.js";
import { Id, MoneyTotal } from "../http/schemas.js";

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
