import { beforeEach, describe, expect, it } from "vitest";
import { createChain, createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });
let staff: TestUser;
let employee: TestUser;
let companyId: number;

beforeEach(async () => {
  companyId = (await createChain(t.testDb, "Acme"))[2]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  employee = await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
});

type Method = "GET" | "POST" | "PATCH" | "DELETE";
const send = (method: Method, url: string, payload?: unknown, user: TestUser | null = staff) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    ...(user && { headers: user.headers }),
    ...(payload !== undefined && { payload: payload as object }),
  });

/** A 400 in the error shape that names exactly these fields. */
async function expectBadFields(response: Awaited<ReturnType<typeof send>>, fields: string[]) {
  expect(response.statusCode, response.body).toBe(400);
  const { error } = response.json();
  expect(error.code).toBe("invalid");
  expect(Object.keys(error.fields).sort()).toEqual([...fields].sort());
}

const NUL = "nul\u0000byte";

describe("bad input to the auth and employee routes gives a 400 naming the field, never a 500", () => {
  it("NUL bytes in any text field", async () => {
    await expectBadFields(await send("POST", "/auth/token", { email: NUL, password: NUL }, null), ["email"]);
    await expectBadFields(
      await send(
        "POST",
        "/auth/register",
        { token: NUL, password: `${NUL}1234`, first_name: NUL, last_name: NUL },
        null,
      ),
      ["first_name", "last_name"],
    );
    await expectBadFields(
      await send("POST", "/employees", {
        email: "x@example.com",
        first_name: NUL,
        last_name: NUL,
        company_id: companyId,
      }),
      ["first_name", "last_name"],
    );
    await expectBadFields(await send("PATCH", `/employees/${employee.id}`, { first_name: NUL, email: NUL }), [
      "email",
      "first_name",
    ]);
    await expectBadFields(await send("GET", "/employees?search=%00"), ["search"]);
    await expectBadFields(
      await send("GET", `/companies/${companyId}/employees?search=%00`, undefined, employee),
      ["search"],
    );
    for (const url of ["/auth/token/refresh", "/auth/logout"]) {
      expect((await send("POST", url, { refresh: NUL }, null)).statusCode).toBeLessThan(500);
    }
  });

  it("malformed JSON, wrong types, unknown fields, missing bodies", async () => {
    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/token",
      headers: { "content-type": "application/json" },
      payload: '{"email": "a@example.com",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("parse_error");
    await expectBadFields(
      await send("POST", "/auth/token", { email: { a: 1 }, password: ["x", "y"] }, null),
      ["email", "password"],
    );
    await expectBadFields(await send("POST", "/auth/token/refresh", { refresh: "x", extra: 1 }, null), [
      "extra",
    ]);
    await expectBadFields(
      await send("POST", "/employees", { email: "x@example.com", company_id: companyId, role: "staff" }),
      ["role"],
    );
    await expectBadFields(
      await send("PATCH", `/employees/${employee.id}`, { is_active: "maybe", company_id: -1 }),
      ["company_id", "is_active"],
    );
    expect((await send("POST", "/employees", undefined)).statusCode).toBe(400);
  });

  it("bad ids, filters, orderings and page sizes", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999"]) {
      await expectBadFields(await send("GET", `/employees/${id}`), ["id"]);
      await expectBadFields(await send("GET", `/companies/${id}/employees`, undefined, employee), ["id"]);
    }
    await expectBadFields(
      await send(
        "GET",
        "/employees?page_size=101&page=0&ordering=password_hash&is_active=perhaps&company=x&colour=red",
      ),
      ["page_size", "page", "ordering", "is_active", "company", "colour"],
    );
    const injection = await send("GET", `/employees?search=${encodeURIComponent("'; drop table users; --")}`);
    expect(injection.statusCode).toBe(200);
    expect(injection.json().count).toBe(0);
    expect((await send("GET", "/employees")).json().count).toBe(1);
  });

  it("a huge body is a 413", async () => {
    const response = await send(
      "POST",
      "/auth/token",
      { email: "a@example.com", password: "x".repeat(2 * 1024 * 1024) },
      null,
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
  });
});
