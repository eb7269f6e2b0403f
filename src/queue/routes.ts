import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { notFound } from "../http/errors.js";
import { errorResponses, Timestamp } from "../http/schemas.js";
import type { JobStatus } from "./queue.js";

const JobResponse = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String({ examples: ["clear-debt"] }),
  state: Type.Union([
    Type.Literal("queued"),
    Type.Literal("active"),
    Type.Literal("completed"),
    Type.Literal("failed"),
  ]),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description: "What the job returned, once completed; clear-debt gives {cleared}",
  }),
  error: Type.Union([Type.String(), Type.Null()], { description: "Why it failed, once failed" }),
  created_at: Timestamp,
  completed_at: Type.Union([Timestamp, Type.Null()]),
});

const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

const toResponse = (job: JobStatus) => ({
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
          "queued (waiting or waiting to retry), active, completed (with its result) or failed (with its error).",
        params: Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }),
        response: { 200: JobResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const job = await app.jobs.getJob(request.params.id.toLowerCase());
      if (!job) throw notFound("No job with this id.");
      return toResponse(job);
    },
  );
};
