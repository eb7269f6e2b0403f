import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { notFound } from "../http/errors.js";
import { errorResponses } from "../http/schemas.js";
import { msg } from "../i18n/translate.js";
import type { JobStatus } from "./queue.js";
import { JobParams, JobResponse } from "./schemas.js";

export const toResponse = (job: JobStatus) => ({
  id: job.id,
  name: job.name,
  state: job.state,
  result: job.result,
  error: job.error,
  created_at: job.createdAt.toISOString(),
  completed_at: job.completedAt?.toISOString() ?? null,
});

export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/jobs/:id",
    {
      config: { access: "staff" },
      schema: {
        tags: ["jobs"],
        summary: "A background job's state and result",
        description:
          "queued (waiting or waiting to retry), active, completed (with its result), failed (with its error) or cancelled (by staff, before a worker took it).",
        params: JobParams,
        response: { 200: JobResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const job = await app.jobs.getJob(request.params.id.toLowerCase());
      if (!job) throw notFound(msg("job.not_found"));
      return toResponse(job);
    },
  );
};
