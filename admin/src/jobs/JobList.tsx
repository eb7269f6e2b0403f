import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import {
  Datagrid,
  List,
  type RaRecord,
  SelectInput,
  TextField,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { LocalDateField } from "../shared/fields";
import type { JobFilter, JobListItem, JobState } from "../types";
import { CancelJobButton, RetryJobButton } from "./JobButtons";
import { JobsOverview, REFRESH_MS, useQueues } from "./Overview";
import { STATE_CHOICES, stateKey } from "./states";

/** A filter's source: one of the list's query parameters. */
const param = (source: JobFilter) => source;

// Datagrid reads label, source and sortable from its columns' props to draw the headers.
interface ColumnProps {
  source: string;
  label?: string;
  sortable?: boolean;
}

/** A cancel is a staff user's choice, not a failure: it is set apart from both the failures and the waiting jobs. */
const STATE_COLOR: Record<JobState, "default" | "info" | "success" | "error" | "warning"> = {
  queued: "default",
  active: "info",
  completed: "success",
  failed: "error",
  cancelled: "warning",
};

function StateField(_props: ColumnProps) {
  const job = useRecordContext<JobListItem>();
  const translate = useTranslate();
  if (!job) return null;
  return <Chip size="small" color={STATE_COLOR[job.state]} label={translate(stateKey(job.state))} />;
}

/** A job's id is a UUID: its first block tells jobs apart in a list, and the whole id is its tooltip and the expanded row's. */
function IdField(_props: ColumnProps) {
  const job = useRecordContext<JobListItem>();
  return job ? (
    <code title={job.id} data-job-id={job.id}>
      {job.id.slice(0, 8)}
    </code>
  ) : null;
}

/** Attempts after the first, of those the queue allows. */
function RetriesField(_props: ColumnProps) {
  const job = useRecordContext<JobListItem>();
  return job ? (
    <span style={{ whiteSpace: "nowrap" }}>
      {job.retry_count} / {job.retry_limit}
    </span>
  ) : null;
}

/** A failed job's error on one line, cut to the column; the row's expand panel shows it whole. */
function ErrorField(_props: ColumnProps) {
  const job = useRecordContext<JobListItem>();
  if (!job?.error) return null;
  return (
    <Typography
      variant="body2"
      color="error"
      title={job.error}
      sx={{ maxWidth: 360, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
    >
      {job.error}
    </Typography>
  );
}

/** The expanded row: the job's id, its whole error and its result, as the API gives them. */
function JobDetails() {
  const job = useRecordContext<JobListItem>();
  const translate = useTranslate();
  if (!job) return null;
  const pre = { m: 0, whiteSpace: "pre-wrap", wordBreak: "break-word", fontFamily: "monospace" } as const;
  return (
    <Box sx={{ py: 1 }} data-testid="job-details">
      <Typography variant="body2" gutterBottom>
        {translate("resources.jobs.details.id", { id: job.id })}
      </Typography>
      {job.error ? (
        <>
          <Typography variant="subtitle2">{translate("resources.jobs.fields.error")}</Typography>
          <Typography component="pre" variant="body2" color="error" sx={pre}>
            {job.error}
          </Typography>
        </>
      ) : null}
      {job.result ? (
        <>
          <Typography variant="subtitle2">{translate("resources.jobs.fields.result")}</Typography>
          <Typography component="pre" variant="body2" sx={pre}>
            {JSON.stringify(job.result, null, 2)}
          </Typography>
        </>
      ) : null}
    </Box>
  );
}

const expandable = (job: RaRecord) => Boolean((job as JobListItem).error || (job as JobListItem).result);

/** Retry and Cancel, whichever the job's state allows. */
function ActionsField(_props: Partial<ColumnProps>) {
  return (
    <Box sx={{ display: "flex", justifyContent: "flex-end" }}>
      <RetryJobButton />
      <CancelJobButton />
    </Box>
  );
}

/**
 * The recent jobs of every queue, newest first, as Flower lists Celery's tasks: narrowed by state and queue,
 * with the failed ones' errors, a retry for those and the cancelled ones, and a cancel for the waiting ones. It follows the queues
 * while open; the queues and the schedules are above it.
 */
export function JobList() {
  const queues = useQueues();
  const queueChoices = (queues.data?.results ?? []).map(({ name }) => ({ id: name, name }));
  const filters = [
    <SelectInput key="state" source={param("state")} choices={STATE_CHOICES} alwaysOn />,
    // Queue names are the API's own identifiers, shown as they are.
    <SelectInput
      key="name"
      source={param("name")}
      choices={queueChoices}
      translateChoice={false}
      isPending={queues.isPending}
      alwaysOn
    />,
  ];
  return (
    <>
      <JobsOverview />
      <List
        filters={filters}
        // Both filters are always shown: no "Add filter", and no export of a list that changes by the second.
        actions={false}
        exporter={false}
        perPage={25}
        queryOptions={{ refetchInterval: REFRESH_MS }}
      >
        <Datagrid
          rowClick={false}
          bulkActionButtons={false}
          expand={<JobDetails />}
          isRowExpandable={expandable}
        >
          <IdField source="id" sortable={false} />
          <TextField source="name" sortable={false} />
          <StateField source="state" sortable={false} />
          <LocalDateField source="created_at" showTime sortable={false} />
          <LocalDateField source="started_at" showTime sortable={false} emptyText="—" />
          <LocalDateField source="completed_at" showTime sortable={false} emptyText="—" />
          <RetriesField source="retries" sortable={false} />
          <ErrorField source="error" sortable={false} />
          <ActionsField label="" />
        </Datagrid>
      </List>
    </>
  );
}
