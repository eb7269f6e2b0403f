import { Type } from "typebox";
import { MAX_SELECTED_IDS } from "../companies/schemas.js";
import { Id } from "../http/schemas.js";

export const ClearDebtBody = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: MAX_SELECTED_IDS }) },
  { additionalProperties: false },
);

const UnknownIds = Type.Array(Type.Integer(), { description: "Ids that name no company; they are ignored" });

export const DebtsCleared = Type.Object({ cleared: Type.Integer(), unknown_ids: UnknownIds });
export const DebtClearingQueued = Type.Object({
  job_id: Type.String({ format: "uuid" }),
  unknown_ids: UnknownIds,
});
