import { Type } from "typebox";
import { CompanyLevelName } from "../companies/schemas.js";
import { COMPANY_LEVELS } from "../db/schema.js";
import { Money, MoneyTotal, SignedMoney, Timestamp } from "../http/schemas.js";

const TaskSummary = Type.Object({
  task: Type.String(),
  schedule: Type.String({ description: "cron, in APP_TIMEZONE" }),
  last_run: Type.Union([
    Type.Object({
      slot: Timestamp,
      finished_at: Type.Union([Timestamp, Type.Null()]),
      companies_touched: Type.Integer(),
      // A repayment's change is negative.
      total_change: SignedMoney,
    }),
    Type.Null(),
  ]),
  next_run_at: Timestamp,
});

export const Stats = Type.Object({
  companies_per_level: Type.Object(
    Object.fromEntries(COMPANY_LEVELS.map((level) => [level, Type.Integer()])),
  ),
  companies_total: Type.Integer(),
  // A sum of up to a million debts outgrows one debt's 13 digits.
  total_debt: MoneyTotal,
  // An average of debts is never larger than the largest, so one debt's pattern holds.
  average_debt: Type.With(Money, { description: "Over companies that have a supplier" }),
  top_debtors: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), level: CompanyLevelName, debt: Money }),
  ),
  debt_above_average: Type.Object(
    {
      count: Type.Integer(),
      total: MoneyTotal,
      share_percent: Type.String({
        pattern: "^\\d{1,3}\\.\\d{2}$",
        examples: ["45.23"],
        description: "Their share of total_debt, in percent, rounded to hundredths",
      }),
      debt_from: Type.With(MoneyTotal, {
        description:
          "The least debt above the average: the companies list's debt_min that lists exactly these companies",
      }),
    },
    { description: "The companies whose debt is above average_debt" },
  ),
  tasks: Type.Array(TaskSummary),
});

export const DebtTotalsQuery = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1100, description: "How many days back; 90 by default" }),
    ),
  },
  { additionalProperties: false },
);

export const DebtTotals = Type.Object({
  points: Type.Array(
    Type.Object({
      day: Type.String({ format: "date", description: "In APP_TIMEZONE" }),
      total_debt: Type.With(MoneyTotal, {
        description: "The network's total debt after the day's last scheduled run",
      }),
    }),
  ),
});
