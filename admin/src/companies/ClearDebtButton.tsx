import MoneyOffIcon from "@mui/icons-material/MoneyOff";
import CircularProgress from "@mui/material/CircularProgress";
import Typography from "@mui/material/Typography";
import { type UseQueryResult, useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  Button,
  Confirm,
  type Identifier,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
} from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { useFormats } from "../shared/format";
import type { ClearDebtPreview, Job } from "../types";

const POLL_INTERVAL_MS = 1000;
const POLL_TIMEOUT_MS = 10 * 60_000;

const hasEnded = (job: Job | undefined) =>
  job?.state === "completed" || job?.state === "failed" || job?.state === "cancelled";

/** A job, fetched again every second until it ends (also while the tab is hidden, so its end is announced). */
function useJob(jobId: string | undefined) {
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  return useQuery({
    queryKey: ["jobs", jobId],
    queryFn: () => dataProvider.getJob(jobId as string),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (hasEnded(query.state.data) ? false : POLL_INTERVAL_MS),
    refetchIntervalInBackground: true,
  });
}

/** What a clearing did: the 200 answer, or a clear-debt job's result. */
type Cleared = Pick<ClearDebtPreview, "cleared" | "written_off" | "skipped_factories">;

/** A job's result is any JSON to the API; clear-debt's has the counts of the 200 answer. */
function clearedBy(job: Job): Cleared {
  const { cleared, written_off, skipped_factories } = job.result ?? {};
  return {
    cleared: typeof cleared === "number" ? cleared : 0,
    written_off: typeof written_off === "string" ? written_off : "0.00",
    skipped_factories: typeof skipped_factories === "number" ? skipped_factories : 0,
  };
}

const KEY = "resources.companies.clear_debt";

/** A message about a number of companies, in the plural form that the number takes in the language shown. */
function useCompanyMessages() {
  const translate = useTranslate();
  const { count } = useFormats();
  return (key: string, n: number, options: Record<string, unknown> = {}) =>
    translate(`${KEY}.${key}`, { smart_count: n, count: count(n), ...options });
}

/**
 * What clearing `selected` companies did, and why fewer may have been cleared ("Cleared 143 companies of 150;
 * 5 factories owe nothing; 2 no longer exist"): the counts add up to the selection.
 */
function useResultMessage() {
  const message = useCompanyMessages();
  const { money, count } = useFormats();
  return (result: Cleared, unknown: number, selected: number) => {
    const skipped =
      (result.skipped_factories ? message("skipped_factories", result.skipped_factories) : "") +
      (unknown ? message("skipped", unknown) : "");
    return message("cleared", result.cleared, {
      selected: count(selected),
      amount: money(result.written_off),
      skipped,
    });
  };
}

/**
 * The confirmation's words: the companies selected, then, once the server has counted them, the exact debt
 * to be written off, those left alone and why, and whether a background job does it.
 */
function ConfirmationText({
  selected,
  preview,
}: {
  selected: number;
  preview: UseQueryResult<ClearDebtPreview>;
}) {
  const translate = useTranslate();
  const message = useCompanyMessages();
  const { money } = useFormats();
  const { data, error } = preview;
  const lines = [message("content", selected, { zero: money("0") })];
  if (error) lines.push(translate(`${KEY}.count_failed`, { error: error.message }));
  else if (!data) lines.push(translate(`${KEY}.counting`));
  else {
    lines.push(translate(`${KEY}.written_off`, { amount: money(data.written_off) }));
    if (data.skipped_factories) lines.push(message("factories_left", data.skipped_factories));
    if (data.unknown_ids.length) lines.push(message("unknown_left", data.unknown_ids.length));
    if (data.in_background) lines.push(translate(`${KEY}.background`, { limit: data.inline_limit }));
  }
  return (
    <>
      {lines.map((line) => (
        <Typography key={line} variant="body1" gutterBottom>
          {line}
        </Typography>
      ))}
    </>
  );
}

/**
 * Clearing debt is its own endpoint, not updateMany (which would PATCH each id with the same data): up to 20
 * companies are cleared at once, more become a job that this button follows until it ends.
 */
export function ClearDebtButton() {
  const { selectedIds, onUnselectItems } = useListContext();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const message = useCompanyMessages();
  const resultMessage = useResultMessage();
  const [confirming, setConfirming] = useState(false);
  const [following, setFollowing] = useState<{
    jobId: string;
    until: number;
    selected: number;
    unknown: number;
  }>();
  const job = useJob(following?.jobId);
  // Counted afresh each time the confirmation opens: debts change between two clicks.
  const preview = useQuery({
    queryKey: ["clear_debt_preview", selectedIds],
    queryFn: () => dataProvider.previewClearDebt(selectedIds),
    enabled: confirming,
    gcTime: 0,
    staleTime: 0,
  });

  const cleared = () => {
    onUnselectItems();
    refresh();
  };

  const clearDebt = useMutation({
    mutationFn: (ids: Identifier[]) => dataProvider.clearDebt(ids),
    onSuccess: (answer, ids) => {
      const unknown = answer.unknown_ids.length;
      if ("job_id" in answer) {
        const skipped = unknown ? message("skipped", unknown) : "";
        notify(message("scheduled", ids.length, { skipped }), { type: "info" });
        setFollowing({
          jobId: answer.job_id,
          until: Date.now() + POLL_TIMEOUT_MS,
          selected: ids.length,
          unknown,
        });
      } else {
        notify(resultMessage(answer, unknown, ids.length), { type: "success" });
        cleared();
      }
    },
    onError: (error) => notify(error.message || `${KEY}.failed_plainly`, { type: "error" }),
  });

  // The job's end arrives as its query's data, so it is acted on when that data changes.
  useEffect(() => {
    if (!following) return;
    if (job.data && hasEnded(job.data)) {
      setFollowing(undefined);
      if (job.data.state === "failed") {
        const error = job.data.error ?? translate(`${KEY}.unknown_error`);
        notify(translate(`${KEY}.failed`, { error }), { type: "error" });
      } else if (job.data.state === "cancelled") {
        // A staff user cancelled it on the Jobs page before a worker took it: nothing was cleared.
        notify(`${KEY}.cancelled`, { type: "warning" });
      } else {
        notify(resultMessage(clearedBy(job.data), following.unknown, following.selected), {
          type: "success",
        });
      }
      cleared();
    } else if (job.error) {
      setFollowing(undefined);
      notify(job.error.message || `${KEY}.failed_plainly`, { type: "error" });
    } else if (job.dataUpdatedAt > following.until) {
      setFollowing(undefined);
      notify(translate(`${KEY}.still_running`, { id: following.jobId }), { type: "error" });
    }
  });

  const progress =
    following && job.data
      ? translate(`${KEY}.progress`, { state: translate(`app.jobs.${job.data.state}`) })
      : clearDebt.isPending || following
        ? translate(`${KEY}.clearing`)
        : undefined;

  return (
    <>
      <Button
        label={progress ?? `${KEY}.button`}
        onClick={() => setConfirming(true)}
        disabled={progress !== undefined}
      >
        {progress ? <CircularProgress size={16} /> : <MoneyOffIcon />}
      </Button>
      <Confirm
        isOpen={confirming}
        title={`${KEY}.title`}
        content={<ConfirmationText selected={selectedIds.length} preview={preview} />}
        confirm={`${KEY}.button`}
        loading={preview.isPending}
        onConfirm={() => {
          setConfirming(false);
          clearDebt.mutate(selectedIds);
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
