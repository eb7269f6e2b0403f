import PlayArrowIcon from "@mui/icons-material/PlayArrow";
import Grid from "@mui/material/Grid";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Confirm, Link, useDataProvider, useNotify, useRefresh, useTranslate } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { useFormats } from "../shared/format";
import { Panel } from "../shared/Panel";
import type { QueueCounts, Schedule } from "../types";
import { jobsPath, secondsBetween, useDuration } from "./states";

/** As often as the list below: the page follows the queues while it is open, as Flower does. */
export const REFRESH_MS = 5000;

const number = { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

function useT(prefix: string) {
  const translate = useTranslate();
  return (key: string, options?: Record<string, unknown>) =>
    translate(`resources.jobs.${prefix}.${key}`, options);
}

/** The queues' shared query: the panel counts them, and the list's queue filter offers their names. */
export function useQueues() {
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  return useQuery({
    queryKey: ["jobs", "queues"],
    queryFn: () => dataProvider.getQueues(),
    refetchInterval: REFRESH_MS,
  });
}

const COUNTS = ["queued", "active", "failed", "completed"] as const;

/** A count, linked to the list below narrowed to those jobs. */
function CountCell({ queue, state }: { queue: QueueCounts; state: (typeof COUNTS)[number] }) {
  const { count } = useFormats();
  const value = queue[state];
  return (
    <TableCell sx={number}>
      {value ? <Link to={jobsPath({ name: queue.name, state })}>{count(value)}</Link> : count(value)}
    </TableCell>
  );
}

function QueuesPanel() {
  const t = useT("queues");
  const duration = useDuration();
  const queues = useQueues();
  return (
    <Panel title={t("title")}>
      {queues.error ? (
        <Typography color="error">{t("load_failed", { error: queues.error.message })}</Typography>
      ) : queues.data ? (
        <Table size="small" aria-label={t("title")} data-testid="job-queues">
          <TableHead>
            <TableRow>
              <TableCell>{t("queue")}</TableCell>
              {COUNTS.map((state) => (
                <TableCell key={state} sx={number}>
                  {t(state)}
                </TableCell>
              ))}
              <TableCell sx={number}>{t("oldest")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {queues.data.results.map((queue) => (
              <TableRow key={queue.name}>
                <TableCell>
                  <Link to={jobsPath({ name: queue.name })}>
                    <code>{queue.name}</code>
                  </Link>
                </TableCell>
                {COUNTS.map((state) => (
                  <CountCell key={state} queue={queue} state={state} />
                ))}
                <TableCell sx={number}>
                  {queue.queued ? duration(queue.oldest_queued_seconds) : "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Panel>
  );
}

/**
 * Runs a schedule's task now, after a confirmation: the server queues a job that the worker applies in the
 * current slot, audited as the staff user's run_task. The job's id is announced, and the page refreshed to show it.
 */
function RunNowButton({ schedule, task }: { schedule: Schedule; task: string }) {
  const t = useT("schedules.run");
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const run = useMutation({
    mutationFn: (name: string) => dataProvider.runSchedule(name),
    onSuccess: (answer) =>
      notify("resources.jobs.schedules.run.queued", {
        type: "info",
        messageArgs: { id: answer.job_id, task },
      }),
    onError: (error) => notify(error.message, { type: "error" }),
    onSettled: () => refresh(),
  });
  return (
    <>
      <Button
        label="resources.jobs.schedules.run.button"
        onClick={() => setConfirming(true)}
        disabled={run.isPending}
      >
        <PlayArrowIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        title={t("title", { task })}
        content={t("content", { task })}
        confirm="resources.jobs.schedules.run.button"
        onConfirm={() => {
          setConfirming(false);
          run.mutate(schedule.name);
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

/** When the last run started, how long it took (or that it is still running, or was cut short). */
function LastRun({ run }: { run: Schedule["last_run"] }) {
  const t = useT("schedules");
  const { dateTime } = useFormats();
  const duration = useDuration();
  if (!run) return <>{t("never")}</>;
  return (
    <>
      {dateTime(run.started_at)}
      <Typography variant="body2" color="text.secondary">
        {run.state === "finished" && run.finished_at
          ? t("took", { duration: duration(secondsBetween(run.started_at, run.finished_at)) })
          : t(run.state)}
      </Typography>
    </>
  );
}

function LastFailure({ failure }: { failure: Schedule["last_failure"] }) {
  const t = useT("schedules");
  const { dateTime } = useFormats();
  if (!failure) return <>{t("no_failure")}</>;
  return (
    <>
      {dateTime(failure.at)}
      <Typography variant="body2" color="error" sx={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
        {failure.error}
      </Typography>
    </>
  );
}

function SchedulesPanel() {
  const t = useT("schedules");
  const translate = useTranslate();
  const { money, count, dateTime } = useFormats();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const schedules = useQuery({
    queryKey: ["schedules"],
    queryFn: () => dataProvider.getSchedules(),
    refetchInterval: REFRESH_MS,
  });
  return (
    <Panel title={t("title")}>
      {schedules.error ? (
        <Typography color="error">{t("load_failed", { error: schedules.error.message })}</Typography>
      ) : schedules.data ? (
        <Table size="small" aria-label={t("title")} data-testid="job-schedules">
          <TableHead>
            <TableRow>
              <TableCell>{t("task")}</TableCell>
              <TableCell>{t("cron")}</TableCell>
              <TableCell>{t("last_run")}</TableCell>
              <TableCell sx={number}>{t("companies")}</TableCell>
              <TableCell sx={number}>{t("total_change")}</TableCell>
              <TableCell>{t("next_run")}</TableCell>
              <TableCell>{t("last_failure")}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {schedules.data.results.map((schedule) => {
              // The API's stable name is the queue's; the task's name is in each language's messages.
              const task = translate(`app.tasks.${schedule.name}`);
              const run = schedule.last_run;
              return (
                <TableRow key={schedule.name} data-schedule={schedule.name}>
                  <TableCell>{task}</TableCell>
                  <TableCell>
                    <code style={{ whiteSpace: "nowrap" }}>{schedule.cron}</code>
                    <Typography variant="body2" color="text.secondary">
                      {schedule.timezone}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    <LastRun run={run} />
                  </TableCell>
                  <TableCell sx={number}>{run ? count(run.companies_touched) : "—"}</TableCell>
                  <TableCell sx={number}>{run ? money(run.total_change) : "—"}</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(schedule.next_run_at)}</TableCell>
                  <TableCell sx={{ minWidth: 240, maxWidth: 420 }}>
                    <LastFailure failure={schedule.last_failure} />
                  </TableCell>
                  <TableCell>
                    <RunNowButton schedule={schedule} task={task} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
    </Panel>
  );
}

/** Above the jobs list: the queues with their counts, and the schedules with their runs. */
export function JobsOverview() {
  return (
    <Grid container spacing={2} sx={{ mt: 1 }}>
      <Grid size={{ xs: 12, xl: 5 }}>
        <QueuesPanel />
      </Grid>
      <Grid size={{ xs: 12, xl: 7 }}>
        <SchedulesPanel />
      </Grid>
    </Grid>
  );
}
