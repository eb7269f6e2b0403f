import Grid from "@mui/material/Grid";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { Link, Loading, Title, useDataProvider, useLocale, useTranslate } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { DebtChart } from "../shared/DebtChart";
import { LEVELS, useFormats, useLevelLabel } from "../shared/format";
import { Panel } from "../shared/Panel";
import type { CompanySummary, Stats } from "../types";
import { RecentActions } from "./RecentActions";

const moneyCell = { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

function CompanyRows({ rows }: { rows: CompanySummary[] }) {
  const { money } = useFormats();
  const levelLabel = useLevelLabel();
  return (
    <Table size="small">
      <TableBody>
        {rows.map((company) => (
          <TableRow key={company.id}>
            <TableCell>
              <Link to={`/companies/${company.id}`}>{company.name}</Link>
            </TableCell>
            <TableCell>{levelLabel(company.level)}</TableCell>
            <TableCell sx={moneyCell}>{money(company.debt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * How many companies owe more than the average, what part of the total debt that is, and a link to all of them:
 * the companies list from the API's `debt_from`, the first cent above the average, largest debt first.
 */
function AboveAverage({ stats }: { stats: Stats }) {
  const translate = useTranslate();
  const locale = useLocale();
  const { money, count } = useFormats();
  const { count: companies, total, share_percent, debt_from } = stats.debt_above_average;
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`app.dashboard.above_average.${key}`, options);
  if (companies === 0) return <Typography variant="body2">{t("none")}</Typography>;
  // The API's percent has two decimals and at most five digits, which a number holds exactly: no arithmetic.
  const share = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "percent",
    minimumFractionDigits: 2,
  }).format(Number(share_percent));
  const filter = encodeURIComponent(JSON.stringify({ debt_min: debt_from }));
  return (
    <>
      <Typography variant="h4" sx={{ fontVariantNumeric: "tabular-nums" }} data-testid="above-average-count">
        {count(companies)}
      </Typography>
      <Typography variant="body2" data-testid="above-average-summary">
        {t("summary", { smart_count: companies, average: money(stats.average_debt) })}
      </Typography>
      <Typography variant="body2" data-testid="above-average-share">
        {t("share", { total: money(total), share })}
      </Typography>
      <Link to={`/companies?filter=${filter}&sort=debt&order=DESC`}>{t("show_all")}</Link>
    </>
  );
}

/** The days of network totals the chart shows: a quarter, as the API gives by default. */
const CHART_DAYS = 90;

/** The network's total debt at the end of each day, from the daily totals the scheduled runs file. */
function TotalDebtChart() {
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const translate = useTranslate();
  const totals = useQuery({
    queryKey: ["debt_totals", CHART_DAYS],
    queryFn: () => dataProvider.getDebtTotals(CHART_DAYS),
  });
  const title = translate("app.dashboard.debt_chart");
  return (
    <Panel title={title}>
      {totals.error ? (
        <Typography color="error">
          {translate("app.dashboard.load_failed", { error: totals.error.message })}
        </Typography>
      ) : totals.data ? (
        <DebtChart
          title={title}
          points={totals.data.points.map((point) => ({ day: point.day, value: point.total_debt }))}
        />
      ) : null}
    </Panel>
  );
}

export function Dashboard() {
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const stats = useQuery({ queryKey: ["stats"], queryFn: () => dataProvider.getStats() });
  const translate = useTranslate();
  const { money, count, dateTime } = useFormats();
  const levelLabel = useLevelLabel();
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.dashboard.${key}`, options);
  /** A message about a number of companies, in the plural form that the number takes. */
  const counted = (key: string, n: number, options: Record<string, unknown> = {}) =>
    t(key, { smart_count: n, count: count(n), ...options });

  if (stats.isPending) return <Loading />;
  if (stats.error) {
    return <Typography color="error">{t("load_failed", { error: stats.error.message })}</Typography>;
  }
  const data = stats.data;
  return (
    <Grid container spacing={2} sx={{ mt: 1 }}>
      <Title title="ra.page.dashboard" />
      <Grid size={{ xs: 12, md: 4 }}>
        <Panel title={t("total_debt")}>
          <Typography variant="h4" sx={{ fontVariantNumeric: "tabular-nums" }} data-testid="total-debt">
            {money(data.total_debt)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {counted("summary", data.companies_total, { average: money(data.average_debt) })}
          </Typography>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Panel title={t("per_level")}>
          <Table size="small">
            <TableBody>
              {LEVELS.map((level) => (
                <TableRow key={level}>
                  <TableCell>
                    <Link to={`/companies?filter=${encodeURIComponent(JSON.stringify({ level }))}`}>
                      {levelLabel(level)}
                    </Link>
                  </TableCell>
                  <TableCell sx={moneyCell}>{count(data.companies_per_level[level])}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Panel>
      </Grid>
      <Grid size={12}>
        <TotalDebtChart />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={t("top_debtors")}>
          <CompanyRows rows={data.top_debtors} />
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={t("above_average.title")}>
          <AboveAverage stats={data} />
        </Panel>
      </Grid>
      <Grid size={12}>
        <Panel title={t("recent_actions.title")}>
          <RecentActions />
        </Panel>
      </Grid>
      <Grid size={12}>
        <Panel title={t("tasks.title")}>
          {data.tasks.length === 0 ? (
            <Typography variant="body2">{t("tasks.empty")}</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t("tasks.task")}</TableCell>
                  <TableCell>{t("tasks.schedule")}</TableCell>
                  <TableCell>{t("tasks.last_run")}</TableCell>
                  <TableCell>{t("tasks.companies")}</TableCell>
                  <TableCell sx={moneyCell}>{t("tasks.total_change")}</TableCell>
                  <TableCell>{t("tasks.next_run")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.tasks.map((task) => (
                  <TableRow key={task.task}>
                    {/* The API's stable id names the task; its name is in each language's messages. */}
                    <TableCell>{translate(`app.tasks.${task.task}`)}</TableCell>
                    <TableCell>
                      <code>{task.schedule}</code>
                    </TableCell>
                    <TableCell>
                      {task.last_run ? dateTime(task.last_run.finished_at) : t("tasks.never")}
                    </TableCell>
                    <TableCell>{task.last_run ? count(task.last_run.companies_touched) : "—"}</TableCell>
                    <TableCell sx={moneyCell}>
                      {task.last_run ? money(task.last_run.total_change) : "—"}
                    </TableCell>
                    <TableCell>{dateTime(task.next_run_at)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Panel>
      </Grid>
    </Grid>
  );
}
