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
} from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
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

function companies(n: number) {
  return `${n.toLocaleString()} ${n === 1 ? "company" : "companies"}`;
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
      const skipped = answer.unknown_ids.length
        ? ` (${companies(answer.unknown_ids.length)} no longer exist and were skipped)`
        : "";
      if ("job_id" in answer) {
        notify(`Job scheduled: clearing the debt of ${companies(ids.length)}${skipped}.`, { type: "info" });
        setFollowing({ jobId: answer.job_id, until: Date.now() + POLL_TIMEOUT_MS });
      } else {
        notify(`Cleared ${companies(answer.cleared)}${skipped}`, { type: "success" });
        cleared();
      }
    },
    onError: (error) => notify(error.message || "Clearing debt failed.", { type: "error" }),
  });

  // The job's end arrives as its query's data, so it is acted on when that data changes.
  useEffect(() => {
    if (!following) return;
    if (job.data && hasEnded(job.data)) {
      setFollowing(undefined);
      if (job.data.state === "failed") {
        notify(`Clearing debt failed: ${job.data.error ?? "unknown error"}`, { type: "error" });
      } else {
        notify(`Cleared ${companies(clearedBy(job.data))}`, { type: "success" });
      }
      cleared();
    } else if (job.error) {
      setFollowing(undefined);
      notify(job.error.message || "Clearing debt failed.", { type: "error" });
    } else if (job.dataUpdatedAt > following.until) {
      setFollowing(undefined);
      notify(
        `Job ${following.jobId} is still running after 10 minutes; check it later at /api/v1/jobs/${following.jobId}.`,
        { type: "error" },
      );
    }
  });

  const progress =
    following && job.data
      ? `Job ${job.data.state}…`
      : clearDebt.isPending || following
        ? "Clearing…"
        : undefined;

  return (
    <>
      <Button
        label={progress ?? "Clear debt"}
        onClick={() => setConfirming(true)}
        disabled={progress !== undefined}
      >
        {progress ? <CircularProgress size={16} /> : <MoneyOffIcon />}
      </Button>
      <Confirm
        isOpen={confirming}
        title="Clear debt"
        content={`Set the debt of ${companies(selectedIds.length)} to 0.00? This cannot be undone.`}
        confirm="Clear debt"
        onConfirm={() => {
          setConfirming(false);
          clearDebt.mutate(selectedIds);
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
