import MoneyOffIcon from "@mui/icons-material/MoneyOff";
import CircularProgress from "@mui/material/CircularProgress";
import { useState } from "react";
import { Button, Confirm, useDataProvider, useListContext, useNotify, useRefresh } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import type { Job } from "../types";

const POLL_INTERVAL_MS = 1000;
const POLL_TIMEOUT_MS = 10 * 60_000;

async function waitForJob(
  dataProvider: SupplynetDataProvider,
  jobId: string,
  onProgress: (job: Job) => void,
): Promise<Job> {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const job = await dataProvider.getJob(jobId);
    onProgress(job);
    if (job.state === "completed" || job.state === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`Job ${jobId} is still running after 10 minutes; check it later at /api/v1/jobs/${jobId}.`);
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
  const [progress, setProgress] = useState<string>();

  const clearDebt = async () => {
    setConfirming(false);
    setProgress("Clearing…");
    try {
      const answer = await dataProvider.clearDebt(selectedIds);
      const skipped = answer.unknown_ids.length
        ? ` (${companies(answer.unknown_ids.length)} no longer exist and were skipped)`
        : "";
      if ("job_id" in answer) {
        notify(`Job scheduled: clearing the debt of ${companies(selectedIds.length)}${skipped}.`, {
          type: "info",
        });
        const job = await waitForJob(dataProvider, answer.job_id, (current) =>
          setProgress(`Job ${current.state}…`),
        );
        if (job.state === "failed") {
          notify(`Clearing debt failed: ${job.error ?? "unknown error"}`, { type: "error" });
        } else {
          notify(`Cleared ${companies(clearedBy(job))}`, { type: "success" });
        }
      } else {
        notify(`Cleared ${companies(answer.cleared)}${skipped}`, { type: "success" });
      }
      onUnselectItems();
      refresh();
    } catch (error) {
      notify((error as Error).message || "Clearing debt failed.", { type: "error" });
    } finally {
      setProgress(undefined);
    }
  };

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
        onConfirm={clearDebt}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
