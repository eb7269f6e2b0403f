import CancelIcon from "@mui/icons-material/Cancel";
import ReplayIcon from "@mui/icons-material/Replay";
import { useMutation } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import type { JobListItem, JobState } from "../types";

/** What each row action does, and the only states the server accepts it in (it answers 409 otherwise). */
const ACTIONS = {
  retry: { from: ["failed", "cancelled"], icon: <ReplayIcon /> },
  cancel: { from: ["queued"], icon: <CancelIcon /> },
} as const satisfies Record<string, { from: readonly JobState[]; icon: ReactElement }>;

type Action = keyof typeof ACTIONS;

/**
 * Retry (a failed or cancelled job queued again) or cancel (a queued job dropped), shown only on a job in a
 * state it applies to. The list is refreshed either way: a 409 means the job moved on meanwhile, and the row should say so.
 */
function JobActionButton({ action }: { action: Action }) {
  const job = useRecordContext<JobListItem>();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: (id: string) => (action === "retry" ? dataProvider.retryJob(id) : dataProvider.cancelJob(id)),
    onSuccess: (answer) =>
      notify(`resources.jobs.${action}.done`, {
        type: "success",
        messageArgs: { id: answer.id, name: answer.name },
      }),
    onError: (error) => notify(error.message, { type: "error" }),
    onSettled: () => refresh(),
  });
  if (!job || !(ACTIONS[action].from as readonly JobState[]).includes(job.state)) return null;
  return (
    <Button
      label={`resources.jobs.${action}.button`}
      onClick={(event) => {
        // In a row that expands on click: the button acts alone.
        event.stopPropagation();
        mutation.mutate(job.id);
      }}
      disabled={mutation.isPending}
    >
      {ACTIONS[action].icon}
    </Button>
  );
}

export const RetryJobButton = () => <JobActionButton action="retry" />;
export const CancelJobButton = () => <JobActionButton action="cancel" />;
