import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import type { JobsOverview } from "../../jobs/inspect.js";
import { openCommandTarget } from "../command-socket.js";

/** An age as a person reads it: 45 s, 12 min, 3 h, 2 d. */
function age(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join("  "),
    )
    .join("\n");
}

function report({ queues, failures }: JobsOverview): string {
  if (!queues.length)
    return "No queues yet: they are created when supplynet start, serve or worker first runs.";
  const lines = [
    table([
      ["queue", "queued", "active", "failed", "completed", "oldest queued"],
      ...queues.map((queue) => [
        queue.name,
        String(queue.queued),
        String(queue.active),
        String(queue.failed),
        String(queue.completed),
        queue.queued ? age(queue.oldest_queued_seconds) : "-",
      ]),
    ]),
    "",
  ];
  if (!failures.length) lines.push("No failed jobs.");
  else {
    lines.push("Recent failures (newest first):");
    for (const job of failures) {
      const error = job.error === null ? "(no error recorded)" : (job.error.split("\n")[0] ?? "");
      lines.push(`${job.id}  ${job.name}  ${job.at}  ${error}`);
    }
    lines.push("", "Queue one again with `supplynet jobs retry ID`.");
  }
  return lines.join("\n");
}

/** `supplynet jobs`, as `celery inspect` and Flower: the queues, the recent failures, retry and cancel. */
export function jobsCommand(program: Command): void {
  const jobs = program
    .command("jobs")
    .description(
      "Show each queue's queued, active, failed and completed jobs and its oldest queued one, and the recent failures.",
    )
    .action(async () => {
      const target = await openCommandTarget(loadConfig());
      try {
        console.log(report(await target.run("jobsOverview", {})));
      } finally {
        await target.close();
      }
    });
  for (const [action, description] of [
    ["retry", "Queue a failed or cancelled job again, for one more attempt."],
    ["cancel", "Cancel a queued job, which no worker has taken yet."],
  ] as const) {
    jobs
      .command(action)
      .description(description)
      .argument("<id>", "the job's id, as `supplynet jobs` lists it")
      .action(async (id: string) => {
        const target = await openCommandTarget(loadConfig());
        try {
          console.log(await target.run("changeJob", { action, id }));
        } finally {
          await target.close();
        }
      });
  }
}
