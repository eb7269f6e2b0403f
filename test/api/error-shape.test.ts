import type { AddressInfo } from "node:net";
import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ truncate: false });
let port: number;
let staff: TestUser;

beforeAll(async () => {
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes bytes on a socket of its own and reads until the server closes it: what any client would see. */
function rawRequest(text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Written, never half-closed: Node drops a request whose client ends its side before the answer.
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text));
    socket.on("data", (chunk) => chunks.push(chunk));
    // The server may close while we still write a huge header: what it sent before that is the answer.
    socket.on("error", () => {});
    socket.on("close", () => {
      const answer = Buffer.concat(chunks).toString("utf8");
      const split = answer.indexOf("\r\n\r\n");
      if (split < 0)
        return reject(
          new Error(`no answer to ${JSON.stringify(text.slice(-60))}: ${JSON.stringify(answer)}`),
        );
      const [statusLine = "", ...headerLines] = answer.slice(0, split).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: answer.slice(split + 4) });
    });
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

const get = (path: string, headers = "Host: localhost\r\n") =>
  rawRequest(`GET ${path} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`);

/** The documented shape, with this status and code, as JSON by its content type. */
function expectShape(answer: RawAnswer, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body);
  expect(body).toEqual({ error: { code, message: expect.any(String), fields: expect.any(Object) } });
  return body.error as { message: string; fields: Record<string, string[]> };
}

describe("every answer the app makes has the error shape and an honest code", () => {
  it("414 for a path segment over Fastify's limit, without the path echoed back", async () => {
    const long = "9".repeat(300);
    const answer = await get(`/api/v1/companies/${long}`);
    expectShape(answer, 414, "uri_too_long");
    expect(answer.body).not.toContain("999999999");
  });

  it("431 for headers too large for Node's parser", async () => {
    expectShape(
      await get("/api/v1/companies", `Host: localhost\r\nX-Big: ${"a".repeat(17_000)}\r\n`),
      431,
      "headers_too_large",
    );
    expectShape(await get(`/api/v1/${"a".repeat(17_000)}`), 431, "headers_too_large");
  });

  it("400 for a request Node cannot parse as HTTP", async () => {
    for (const text of [
      "GARBAGE\r\n\r\n",
      "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
      "GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
      "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    ]) {
      expectShape(await rawRequest(text), 400, "bad_request");
    }
  });

  it("400 for a URL that is not validly percent-encoded, without echoing it", async () => {
    const answer = await get("/api/v1/companies/%zz-secret");
    expectShape(answer, 400, "invalid");
    expect(answer.body).not.toContain("secret");
  });

  it("400 for an HTTP/1.1 request without Host, and 417 for an unknown Expect", async () => {
    expectShape(await get("/api/v1/auth/me", ""), 400, "invalid");
    expectShape(
      await get("/api/v1/auth/me", "Host: localhost\r\nExpect: teapot\r\n"),
      417,
      "expectation_failed",
    );
  });

  const post = (contentType: string, body: string, { announceOnly = false } = {}) =>
    rawRequest(
      `POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${staff.headers.authorization}\r\n` +
        `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
        (announceOnly ? "" : body),
    );

  it("415, 413 and bad JSON carry their own codes", async () => {
    // A body refused before it is read is only announced: closing a socket with unread data resets it, and a
    // reset can drop the answer before the client reads it.
    expectShape(
      await post("application/xml", "<name>x</name>", { announceOnly: true }),
      415,
      "unsupported_media_type",
    );
    expectShape(
      await post("application/json", "x".repeat(10_000_000), { announceOnly: true }),
      413,
      "payload_too_large",
    );
    expectShape(await post("application/json", '{"name": "x",'), 400, "parse_error");
    expectShape(await post("application/json", '{"__proto__": {"a": 1}}'), 400, "parse_error");
  });

  it("a 404 names a long path only in part", async () => {
    const answer = await get(`/api/v1/nothing/${"x".repeat(10_000)}`);
    expectShape(answer, 404, "not_found");
    expect(answer.body.length).toBeLessThan(1024);
  });
});

describe("while the app closes", () => {
  it("a request that still arrives on an open connection gets a 503 in the error shape", async () => {
    const closingApp = await buildTestApp(t.testDb);
    await closingApp.listen({ host: "127.0.0.1", port: 0 });
    const address = closingApp.server.address() as AddressInfo;
    const chunks: Buffer[] = [];
    const socket = net.connect(address.port, "127.0.0.1");
    socket.on("data", (chunk) => chunks.push(chunk));
    const ended = new Promise((resolve) => socket.on("close", resolve));
    // The first request is under way (its body not yet complete) when the app starts to close.
    const body = '{"refresh": "not-a-token"}';
    await new Promise((resolve) =>
      socket.write(
        `POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
        resolve,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = closingApp.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write(`${body.slice(5)}GET /api/v1/products HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await ended;
    await closed;
    const answers = Buffer.concat(chunks).toString("utf8");
    const second = answers.slice(answers.indexOf("HTTP/1.1", 1));
    expect(second).toMatch(/^HTTP\/1.1 503 /);
    expect(JSON.parse(second.slice(second.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: "unavailable", message: expect.any(String), fields: {} },
    });
  });
});
