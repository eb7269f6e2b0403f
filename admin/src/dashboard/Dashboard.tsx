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
import { Link, Loading, Title, useDataProvider } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { formatDateTime, formatMoney, LEVELS, levelLabel } from "../shared/format";
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

const money = { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

function CompanyRows({ rows }: { rows: CompanySummary[] }) {
  return (
    <Table size="small">
      <TableBody>
        {rows.map((company) => (
          <TableRow key={company.id}>
            <TableCell>
              <Link to={`/companies/${company.id}`}>{company.name}</Link>
            </TableCell>
            <TableCell>{levelLabel(company.level)}</TableCell>
            <TableCell sx={money}>{formatMoney(company.debt)}</TableCell>
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

  if (stats.isPending) return <Loading />;
  if (stats.error) {
    return <Typography color="error">Could not load the statistics: {stats.error.message}</Typography>;
  }
  const data = stats.data;
  return (
    <Grid container spacing={2} sx={{ mt: 1 }}>
      <Title title="Dashboard" />
      <Grid size={{ xs: 12, md: 4 }}>
        <Panel title="Total debt">
          <Typography variant="h4" sx={{ fontVariantNumeric: "tabular-nums" }} data-testid="total-debt">
            {formatMoney(data.total_debt)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {data.companies_total.toLocaleString()} companies, average debt {formatMoney(data.average_debt)}
          </Typography>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Panel title="Companies per level">
          <Table size="small">
            <TableBody>
              {LEVELS.map((level) => (
                <TableRow key={level}>
                  <TableCell>
                    <Link to={`/companies?filter=${encodeURIComponent(JSON.stringify({ level }))}`}>
                      {levelLabel(level)}
                    </Link>
                  </TableCell>
                  <TableCell sx={money}>{data.companies_per_level[level].toLocaleString()}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="Largest debtors">
          <CompanyRows rows={data.top_debtors} />
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={`Debt above average (${data.debt_above_average_count.toLocaleString()} companies)`}>
          {aboveAverage.data?.count === 0 ? (
            <Typography variant="body2">No company owes more than the average.</Typography>
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
        <Panel title="Scheduled tasks">
          {data.tasks.length === 0 ? (
            <Typography variant="body2">No scheduled tasks are registered.</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Task</TableCell>
                  <TableCell>Schedule</TableCell>
                  <TableCell>Last run</TableCell>
                  <TableCell>Companies</TableCell>
                  <TableCell sx={money}>Total change</TableCell>
                  <TableCell>Next run</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.tasks.map((task) => (
                  <TableRow key={task.task}>
                    <TableCell>{task.task}</TableCell>
                    <TableCell>
                      <code>{task.schedule}</code>
                    </TableCell>
                    <TableCell>
                      {task.last_run ? formatDateTime(task.last_run.finished_at) : "never"}
                    </TableCell>
                    <TableCell>{task.last_run?.companies_touched.toLocaleString() ?? "—"}</TableCell>
                    <TableCell sx={money}>
                      {task.last_run ? formatMoney(task.last_run.total_change) : "—"}
                    </TableCell>
                    <TableCell>{formatDateTime(task.next_run_at)}</TableCell>
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
