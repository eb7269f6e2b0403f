import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { originOf } from "../auth/audit.js";
import { HttpError, notFound } from "../http/errors.js";
import { pageResponse } from "../http/listing.js";
import { errorResponses, PageOf } from "../http/schemas.js";
import { msg } from "../i18n/translate.js";
import type { JobChange } from "../queue/queue.js";
import { toResponse } from "../queue/routes.js";
import { JobResponse } from "../queue/schemas.js";
import {
  JobIdParams,
  JobListItem,
  JobListQuery,
  QueueList,
  RunQueued,
  ScheduleList,
  ScheduleParams,
  wrongState,
} from "./schemas.js";
import {
  cancelJob,
  isScheduleName,
  listJobs,
  listQueues,
  listSchedules,
  retryJob,
  runScheduleNow,
} from "./service.js";

const tags = ["jobs"];

/** A retry's or a cancel's answer: the job, or why not. */
function changed(outcome: JobChange, refusal: "job.not_failed" | "job.not_queued") {
  if (!outcome) throw notFound(msg("job.not_found"));
  if (!outcome.changed) throw new HttpError(409, refusal, msg(refusal));
  return toResponse(outcome.job);
}

/** Job monitoring for staff, as Celery's `inspect` and Flower give it: jobs, queues, schedules. */
export const jobsMonitoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/jobs",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Recent background jobs, newest first, including those pg-boss has archived",
        querystring: JobListQuery,
        response: { 200: PageOf(JobListItem), ...errorResponses(400) },
      },
    },
    (request) => pageResponse(request, (page) => listJobs(app.services, request.query, page)),
  );

  // A static segment: Fastify's router prefers it to /jobs/:id, whatever the order of registration.
  app.get(
    "/jobs/queues",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Each queue's jobs by state and the age of its oldest queued job",
        response: { 200: QueueList },
      },
    },
    async () => ({ results: await listQueues(app.services) }),
  );

  app.get(
    "/schedules",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The cron schedules: next run, last run and last failure",
        response: { 200: ScheduleList },
      },
    },
    async () => ({ results: await listSchedules(app.services, app.config.appTimezone) }),
  );

  app.post(
    "/schedules/:name/run",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Run a schedule now",
        description:
          "Queues a job of the schedule's queue; a debt run applies in a slot of its own (this instant), once, " +
          "however often the job is attempted. Follow it at GET /jobs/{job_id}.",
        params: ScheduleParams,
        response: { 202: RunQueued, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!isScheduleName(name)) throw notFound(msg("schedule.not_found"));
      const jobId = await runScheduleNow(app.services, originOf(request.actor), name);
      return reply.status(202).send({ job_id: jobId });
    },
  );

  app.post(
    "/jobs/:id/retry",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Queue a failed or cancelled job again",
        params: JobIdParams,
        response: { 200: JobResponse, ...errorResponses(400, 404), ...wrongState("job.not_failed") },
      },
    },
    async (request) =>
      changed(
        await retryJob(app.services, originOf(request.actor), request.params.id.toLowerCase()),
        "job.not_failed",
      ),
  );

  app.post(
    "/jobs/:id/cancel",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Cancel a queued job",
        params: JobIdParams,
        response: { 200: JobResponse, ...errorResponses(400, 404), ...wrongState("job.not_queued") },
      },
    },
    async (request) =>
      changed(
        await cancelJob(app.services, originOf(request.actor), request.params.id.toLowerCase()),
        "job.not_queued",
      ),
  );
};
