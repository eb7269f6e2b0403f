import Box from "@mui/material/Box";
import { useQuery } from "@tanstack/react-query";
import {
  Datagrid,
  DateInput,
  FilterForm,
  FunctionField,
  Pagination,
  ReferenceManyField,
  SelectInput,
  useDataProvider,
  useFieldValue,
  useListContext,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { DebtChart } from "../shared/DebtChart";
import { LocalDateField, MoneyField } from "../shared/fields";
import { useFormats } from "../shared/format";
import type { Company, DebtEntry, DebtEntryKind, DebtHistoryFilter } from "../types";
import { Inline } from "./Inline";

const HISTORY = "resources.companies.history";

/** Every kind of ledger entry, over the generated type: the compiler refuses one the API lacks or one left out. */
const KINDS: Record<DebtEntryKind, true> = {
  opening: true,
  accrual: true,
  repayment: true,
  staff_clear: true,
  job_clear: true,
  correction: true,
  deletion: true,
  rollup: true,
};

const kindKey = (kind: DebtEntryKind) => `app.debt_kinds.${kind}`;
const KIND_CHOICES = (Object.keys(KINDS) as DebtEntryKind[]).map((id) => ({ id, name: kindKey(id) }));

/** A filter's source: one of the history's query parameters, so the compiler refuses one the API lacks. */
const param = (source: DebtHistoryFilter) => source;

const FILTERS = [
  <SelectInput
    key="kind"
    source={param("kind")}
    label={`${HISTORY}.fields.kind`}
    choices={KIND_CHOICES}
    alwaysOn
  />,
  <DateInput key="date_from" source={param("date_from")} label={`${HISTORY}.fields.date_from`} alwaysOn />,
  <DateInput key="date_to" source={param("date_to")} label={`${HISTORY}.fields.date_to`} alwaysOn />,
];

/**
 * The change, with its sign, in the colour of what it means for the company: red when its debt grew, green when
 * it shrank. The sign says the same to whoever cannot tell the colours apart.
 */
function AmountField(props: { source: "amount"; label: string; sortable: false; textAlign: "right" }) {
  const amount: string | undefined = useFieldValue(props);
  const { money } = useFormats();
  if (amount === undefined) return null;
  const decrease = amount.startsWith("-");
  return (
    <Box
      component="span"
      sx={{
        color: decrease ? "success.main" : "error.main",
        fontVariantNumeric: "tabular-nums",
        whiteSpace: "nowrap",
      }}
    >
      {decrease ? money(amount) : `+${money(amount)}`}
    </Box>
  );
}

/**
 * Who or what made the change, in words where the entry links it (a job, a scheduled run, a staff user), with
 * the server's label as code beside it: a job's id, a task and its slot, `sql:<user>` for raw SQL.
 */
function CauseField(_props: { source: "cause"; label: string; sortable: false }) {
  const entry = useRecordContext<DebtEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  // A job keeps the staff user who asked for it linked too: the job is what made the change.
  const linked = entry.job_id !== null ? "job" : entry.task_run_id !== null ? "run" : undefined;
  // A staff user's own change is labelled "staff <their email>": the words say the first part.
  if (!linked && entry.user_id !== null) {
    return <span>{`${translate(`${HISTORY}.causes.staff`)} ${entry.cause.replace(/^staff /, "")}`}</span>;
  }
  return (
    <span>
      {linked && `${translate(`${HISTORY}.causes.${linked}`)} `}
      <code>{entry.cause}</code>
    </span>
  );
}

/** The company's debt day by day over the dates the history is filtered by (all of it when none). */
function CompanyDebtChart() {
  const company = useRecordContext<Company>();
  const { filterValues } = useListContext();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const translate = useTranslate();
  const range = { date_from: filterValues.date_from, date_to: filterValues.date_to };
  const chart = useQuery({
    queryKey: ["debt_chart", company?.id, range],
    queryFn: () => dataProvider.getDebtChart(company?.id as number, range),
    enabled: company !== undefined,
  });
  if (!chart.data) return null;
  return (
    <DebtChart
      title={translate(`${HISTORY}.chart`)}
      points={chart.data.points.map((point) => ({ day: point.day, value: point.debt }))}
    />
  );
}

/**
 * Every change of the company's debt, newest first, each with the debt it left (so the top row's is the debt
 * now), under a chart of the same debt over time; both follow the kind and date filters (the chart the dates).
 */
export function DebtHistory() {
  const translate = useTranslate();
  const kindLabel = (entry: DebtEntry) => translate(kindKey(entry.kind));
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Inline title={`${HISTORY}.title`}>
        <ReferenceManyField
          reference="debt_history"
          target="company"
          perPage={25}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
        >
          <FilterForm filters={FILTERS} />
          <CompanyDebtChart />
          <Datagrid
            bulkActionButtons={false}
            rowClick={false}
            empty={<span>{translate(`${HISTORY}.empty`)}</span>}
          >
            <LocalDateField source="at" label={`${HISTORY}.fields.at`} showTime sortable={false} />
            <FunctionField<DebtEntry>
              source="kind"
              label={`${HISTORY}.fields.kind`}
              render={kindLabel}
              sortable={false}
            />
            <AmountField
              source="amount"
              label={`${HISTORY}.fields.amount`}
              sortable={false}
              textAlign="right"
            />
            <MoneyField
              source="balance"
              label={`${HISTORY}.fields.balance`}
              sortable={false}
              textAlign="right"
            />
            <CauseField source="cause" label={`${HISTORY}.fields.cause`} sortable={false} />
          </Datagrid>
        </ReferenceManyField>
      </Inline>
    </Box>
  );
}
