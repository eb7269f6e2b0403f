import { useLocale } from "react-admin";
import type { JobState } from "../types";

/** The jobs list's resource: its API route is /jobs, as react-admin's resource name makes it. */
export const JOBS = "jobs";

/** Every state the API reports, in a job's order; a record over the generated type, as LEVEL_ORDER is. */
const STATE_ORDER: Record<JobState, true> = {
  queued: true,
  active: true,
  completed: true,
  failed: true,
  cancelled: true,
};

export const JOB_STATES = Object.keys(STATE_ORDER) as JobState[];

/** The state's name in words, shared with the clear-debt button's progress. */
export const stateKey = (state: string) => `app.jobs.${state}`;

export const STATE_CHOICES = JOB_STATES.map((id) => ({ id, name: stateKey(id) }));

/** The jobs list narrowed to a queue and a state, as the queues' counts link to it. */
export function jobsPath(filter: { name?: string; state?: JobState }): string {
  return `/${JOBS}?${new URLSearchParams({ filter: JSON.stringify(filter) })}`;
}

/**
 * A length of time in the unit that reads best, in the language shown ("0.4 sec", "12 min", "1,5 ч"): a job
 * takes from under a second to hours.
 */
export function useDuration(): (seconds: number) => string {
  const locale = useLocale();
  const unit = (name: "second" | "minute" | "hour") =>
    new Intl.NumberFormat(locale, {
      style: "unit",
      unit: name,
      unitDisplay: "short",
      maximumFractionDigits: 1,
    });
  const [second, minute, hour] = [unit("second"), unit("minute"), unit("hour")];
  return (seconds) =>
    seconds < 60
      ? second.format(seconds)
      : seconds < 3600
        ? minute.format(seconds / 60)
        : hour.format(seconds / 3600);
}

/** The seconds from one timestamp to another. */
export const secondsBetween = (from: string, to: string) =>
  Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000);
