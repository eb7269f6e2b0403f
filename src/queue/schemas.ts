import { Type } from "typebox";
import { Timestamp, Uuid } from "../http/schemas.js";

export const JobResponse = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String({ examples: ["clear-debt"] }),
  state: Type.Union([
    Type.Literal("queued"),
    Type.Literal("active"),
    Type.Literal("completed"),
    Type.Literal("failed"),
    Type.Literal("cancelled"),
  ]),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description: "What the job returned, once completed; clear-debt gives {cleared}",
  }),
  error: Type.Union([Type.String(), Type.Null()], { description: "Why it failed, once failed" }),
  created_at: Timestamp,
  completed_at: Type.Union([Timestamp, Type.Null()]),
});

/** Any case: the route looks the job up in lower case. */
export const JobParams = Type.Object({ id: Uuid });
