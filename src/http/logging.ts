import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { type DestinationStream, type Logger, pino } from "pino";
import { prettyFactory } from "pino-pretty";
import type { Config } from "../config.js";

export type LogFormat = "pretty" | "json";

/**
 * LOG_FORMAT when it is set; otherwise short readable lines for a person at a terminal in development, and JSON
 * lines, one object each, for whatever collects the output of a production or piped process.
 */
export function logFormatOf(
  config: Pick<Config, "env" | "logFormat">,
  stdout: { isTTY?: boolean } = process.stdout,
): LogFormat {
  return config.logFormat ?? (stdout.isTTY && config.env !== "production" ? "pretty" : "json");
}

const LEVEL_LABELS: Record<number, string> = { 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Local time, as a person at the terminal reads the clock: 12:01:02. */
const clock = (time: unknown) =>
  new Date(typeof time === "number" ? time : Date.now()).toTimeString().slice(0, 8);

/** An error's stack below its line, indented, with the fields pino serialized beside it (a driver's code). */
function stackOf(err: unknown): string {
  if (typeof err !== "object" || err === null) return "";
  const { type: _type, message, stack, ...fields } = err as Record<string, unknown>;
  const extra = Object.keys(fields).length > 0 ? `\n    ${JSON.stringify(fields)}` : "";
  return `\n    ${String(stack ?? message).replaceAll("\n", "\n    ")}${extra}`;
}

/**
 * One line per entry, as Django's runserver prints them: the time, the level only when it is worth a look,
 * the message, the request's id; other fields follow on the same line, and an error's stack below it.
 */
const prettify = prettyFactory({
  ignore:
    "time,level,pid,hostname,err,reqId,method,url,statusCode,responseTime,jobId,queue,attempt,durationMs",
  singleLine: true,
  messageFormat: (log, messageKey, _label, { colors }) => {
    const label = LEVEL_LABELS[log.level as number];
    const level = label ? `${(log.level as number) >= 50 ? colors.red(label) : colors.yellow(label)} ` : "";
    // The request id, last and dimmed, ties an error's lines to its request's.
    const reqId = typeof log.reqId === "string" ? ` ${colors.gray(`[${log.reqId}]`)}` : "";
    return `${clock(log.time)} ${level}${String(log[messageKey] ?? "")}${reqId}${stackOf(log.err)}`;
  },
});

/**
 * Written synchronously, in-process: a log line and the lines the CLI prints with console.log reach the
 * terminal in the order they were written, and none is still in a buffer or a worker thread when the process
 * exits. One destination per format, shared by the HTTP app and the worker of `start`.
 */
const destinations = new Map<LogFormat, DestinationStream>();
function destinationFor(format: LogFormat): DestinationStream {
  let destination = destinations.get(format);
  if (!destination) {
    const stdout = pino.destination({ dest: 1, sync: true });
    destination =
      format === "json" ? stdout : { write: (line: string) => void stdout.write(prettify(line) as string) };
    destinations.set(format, destination);
  }
  return destination;
}

/** The process's logger, at LOG_LEVEL, in the format of `logFormatOf`. */
export function createLogger(config: Pick<Config, "env" | "logFormat" | "logLevel">): Logger {
  return pino({ level: config.logLevel }, destinationFor(logFormatOf(config)));
}

/**
 * Fastify logs two entries per request (incoming, completed); this logs one, when the answer is sent, with the
 * method, the URL, the status and the time it took (the request id is the logger's). `request.log` rather than
 * `reply.log`, which a request answered by its deadline silences for the late handler (src/http/errors.ts);
 * a route whose log level is silent (/metrics) logs nothing.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const responseTime = Math.round(reply.elapsedTime * 100) / 100;
    const fields = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime };
    const line = `${request.method} ${request.url} ${reply.statusCode} ${responseTime.toFixed(1)} ms`;
    if (error) request.log.error({ ...fields, err: error }, line);
    else request.log.info(fields, line);
  }
}
