import { beforeAll, describe, expect, it } from "vitest";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/** Which language each user's emails take: chosen on invitation, changed by staff or by the user. */
const t = testApp({ truncate: false });
let companyId: number;
let russianStaff: TestUser;
let englishStaff: TestUser;
let employee: TestUser;

beforeAll(async () => {
  companyId = (await createChain(t.testDb, "Acme"))[1]?.id as number;
  russianStaff = await createUser(t.app, t.testDb, { email: "ru-staff@example.com", role: "staff" });
  englishStaff = await createUser(t.app, t.testDb, { email: "en-staff@example.com", role: "staff" });
  await t.sql("update users set language = 'en' where id = $1", [englishStaff.id]);
  employee = await createUser(t.app, t.testDb, { email: "emp@example.com", role: "employee", companyId });
});

let counter = 0;
async function invite(by: TestUser, extra: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/employees",
    headers: by.headers,
    payload: { email: `new${++counter}@example.com`, company_id: companyId, ...extra },
  });
  return response;
}

const storedLanguage = async (id: number) =>
  (await t.sql<{ language: string }>("select language from users where id = $1", [id]))[0]?.language;

describe("an invited employee's language", () => {
  it("is the one the staff member gives", async () => {
    const response = await invite(russianStaff, { language: "en" });
    expect(response.statusCode).toBe(201);
    expect(response.json().language).toBe("en");
    expect(await storedLanguage(response.json().id)).toBe("en");
  });

  it("is by default the inviting staff member's own, whichever it is", async () => {
    for (const [staff, language] of [
      [englishStaff, "en"],
      [russianStaff, "ru"],
    ] as const) {
      const response = await invite(staff);
      expect(response.statusCode).toBe(201);
      expect(response.json().language).toBe(language);
      expect(await storedLanguage(response.json().id)).toBe(language);
    }
  });

  it("must be ru or en", async () => {
    const response = await invite(russianStaff, { language: "de" });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(["language"]);
  });

  it("is changed by staff with PATCH /employees/:id and shown by GET", async () => {
    const { id } = (await invite(russianStaff)).json();
    const patch = (language: string) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/employees/${id}`,
        headers: russianStaff.headers,
        payload: { language },
      });
    expect((await patch("en")).json()).toMatchObject({ id, language: "en" });
    const shown = await t.app.inject({ url: `/api/v1/employees/${id}`, headers: russianStaff.headers });
    expect(shown.json().language).toBe("en");
    const refused = await patch("de");
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(["language"]);
    expect(await storedLanguage(id)).toBe("en");
  });
});

describe("PATCH /auth/me", () => {
  const patchMe = (user: TestUser, payload: object) =>
    t.app.inject({ method: "PATCH", url: "/api/v1/auth/me", headers: user.headers, payload });
  const getMe = (user: TestUser) => t.app.inject({ url: "/api/v1/auth/me", headers: user.headers });

  it("sets the caller's own language and answers their Me view, as GET /auth/me then does", async () => {
    expect((await getMe(employee)).json().language).toBe("ru");
    const response = await patchMe(employee, { language: "en" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...(await getMe(employee)).json(), language: "en" });
    expect(response.json()).toMatchObject({ id: employee.id, email: "emp@example.com", role: "employee" });
    expect(await storedLanguage(employee.id)).toBe("en");
    // Nobody else's changed.
    expect(await storedLanguage(russianStaff.id)).toBe("ru");
    expect((await patchMe(employee, { language: "ru" })).json().language).toBe("ru");
  });

  it("refuses another language, another field, or no caller, and changes nothing", async () => {
    const german = await patchMe(russianStaff, { language: "de" });
    expect(german.statusCode).toBe(400);
    expect(Object.keys(german.json().error.fields)).toEqual(["language"]);
    const role = await patchMe(russianStaff, { language: "en", role: "staff" });
    expect(role.statusCode).toBe(400);
    const anonymous = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/auth/me",
      payload: { language: "en" },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await storedLanguage(russianStaff.id)).toBe("ru");
  });

  it("with an empty body changes nothing and answers the Me view", async () => {
    const response = await patchMe(englishStaff, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual((await getMe(englishStaff)).json());
    expect(response.json().language).toBe("en");
  });
});
