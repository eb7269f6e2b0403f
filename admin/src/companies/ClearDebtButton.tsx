import MoneyOffIcon from "@mui/icons-material/MoneyOff";
import CircularProgress from "@mui/material/CircularProgress";
import { useMutation, useQuery } from "@tanstack/react-query";
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
import type { Job } from "../types";

const POLL_INTERVAL_MS = 1000;
const POLL_TIMEOUT_MS = 10 * 60_000;

const hasEnded = (job: Job | undefined) => job?.state === "completed" || job?.state === "failed";

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

/** A job's result is any JSON to the API; clear-debt's is {cleared}. */
function clearedBy(job: Job): number {
  const cleared = job.result?.cleared;
  return typeof cleared === "number" ? cleared : 0;
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
 * Clearing debt is its own endpoint, not updateMany (which would PATCH each id with the same data): up to 20
 * companies are cleared at once, more become a job that this button follows until it ends.
 */
export function ClearDebtButton() {
  const { selectedIds, onUnselectItems } = useListContext();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { money } = useFormats();
  const message = useCompanyMessages();
  const [confirming, setConfirming] = useState(false);
  const [following, setFollowing] = useState<{ jobId: string; until: number }>();
  const job = useJob(following?.jobId);

  const cleared = () => {
    onUnselectItems();
    refresh();
  };

  const clearDebt = useMutation({
    mutationFn: (ids: Identifier[]) => dataProvider.clearDebt(ids),
    onSuccess: (answer, ids) => {
      const skipped = answer.unknown_ids.length ? message("skipped", answer.unknown_ids.length) : "";
      if ("job_id" in answer) {
        notify(message("scheduled", ids.length, { skipped }), { type: "info" });
        setFollowing({ jobId: answer.job_id, until: Date.now() + POLL_TIMEOUT_MS });
      } else {
        notify(message("cleared", answer.cleared, { skipped }), { type: "success" });
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
      } else {
        notify(message("cleared", clearedBy(job.data), { skipped: "" }), { type: "success" });
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
        content={message("content", selectedIds.length, { zero: money("0") })}
        confirm={`${KEY}.button`}
        onConfirm={() => {
          setConfirming(false);
          clearDebt.mutate(selectedIds);
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
