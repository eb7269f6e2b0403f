import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * This process's metrics: its Node figures, its HTTP requests, its auth refusals and the jobs it ran. One
 * registry per process, made at import, since collectDefaultMetrics registers a metric name only once; the
 * figures read from the database at scrape time are built beside it (see database.ts).
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

export const httpRequests = new Counter({
  name: "supplynet_http_requests_total",
  help: "HTTP requests answered, by method, route pattern (never the raw URL) and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [processRegistry],
});

export const httpDuration = new Histogram({
  name: "supplynet_http_request_duration_seconds",
  help: "Time from a request's arrival to its answer, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
  registers: [processRegistry],
});

export const loginFailures = new Counter({
  name: "supplynet_login_failures_total",
  help: "Logins refused for a wrong email or password (API and admin), before any throttling",
  registers: [processRegistry],
});

export const throttledRequests = new Counter({
  name: "supplynet_throttled_total",
  help: "Requests refused with 429, by the reason's message key",
  labelNames: ["reason"] as const,
  registers: [processRegistry],
});

const jobLabels = { labelNames: ["queue"] as const, registers: [processRegistry] };
const jobsStarted = new Counter({
  name: "supplynet_jobs_started_total",
  help: "Jobs this worker took",
  ...jobLabels,
});
const jobsCompleted = new Counter({
  name: "supplynet_jobs_completed_total",
  help: "Jobs this worker completed",
  ...jobLabels,
});
const jobsFailed = new Counter({
  name: "supplynet_jobs_failed_total",
  help: "Job attempts that threw in this worker (pg-boss retries them while retries are left)",
  ...jobLabels,
});
const jobDuration = new Histogram({
  name: "supplynet_job_duration_seconds",
  help: "How long a job attempt ran in this worker, by queue and outcome",
  labelNames: ["queue", "outcome"] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
  registers: [processRegistry],
});

/** Counts a job attempt this worker took. */
export function countJobStarted(queue: string): void {
  jobsStarted.inc({ queue });
}

/** Counts a job attempt that ended, with the time it ran, as its log line reports it. */
export function countJobEnded(queue: string, outcome: "completed" | "failed", durationMs: number): void {
  (outcome === "completed" ? jobsCompleted : jobsFailed).inc({ queue });
  jobDuration.observe({ queue, outcome }, durationMs / 1000);
}
