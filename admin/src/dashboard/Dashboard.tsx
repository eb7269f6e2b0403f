import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, Loading, Title, useDataProvider, useTranslate } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { LEVELS, useFormats, useLevelLabel } from "../shared/format";
import type { CompanySummary } from "../types";

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card sx={{ height: "100%" }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

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

export function Dashboard() {
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const stats = useQuery({ queryKey: ["stats"], queryFn: () => dataProvider.getStats() });
  const aboveAverage = useQuery({
    queryKey: ["debt_above_average"],
    queryFn: () => dataProvider.getDebtAboveAverage(10),
  });
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
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={t("top_debtors")}>
          <CompanyRows rows={data.top_debtors} />
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={counted("above_average", data.debt_above_average_count)}>
          {aboveAverage.data?.count === 0 ? (
            <Typography variant="body2">{t("none_above_average")}</Typography>
          ) : aboveAverage.data ? (
            <CompanyRows rows={aboveAverage.data.results} />
          ) : aboveAverage.error ? (
            <Typography color="error">{aboveAverage.error.message}</Typography>
          ) : (
            <Loading />
          )}
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
