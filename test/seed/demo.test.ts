import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { DEMO_STAFF_EMAIL, ensureDemoData } from "../../src/seed/demo.js";
import { createChain } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ app: false });

async function counts() {
  const rows = await t.sql(
    "select (select count(*)::int from companies) as companies, (select count(*)::int from users) as users",
  );
  return rows[0];
}

describe("demo data for npm start", () => {
  it("fills an empty database once, with a staff login and employee logins at three levels", async () => {
    const first = await ensureDemoData(t.testDb.database);
    expect(first.loaded?.companies).toBeGreaterThanOrEqual(150);
    expect(first.logins.map((login) => login.company?.level ?? login.role)).toEqual([
      "staff",
      "factory",
      "dealership",
      "entrepreneur",
    ]);
    expect(first.logins[0]?.email).toBe(DEMO_STAFF_EMAIL);
    for (const login of first.logins) {
      const rows = await t.sql("select password_hash from users where email = $1 and is_active", [
        login.email,
      ]);
      expect(await verifyPassword(rows[0]?.password_hash as string, "1")).toBe(true);
    }
    const afterFirst = await counts();

    const second = await ensureDemoData(t.testDb.database);
    expect(second.loaded).toBeNull();
    expect(second.logins).toEqual(first.logins);
    expect(await counts()).toEqual(afterFirst);
  });

  it("leaves a database that already has companies alone, and shows no demo logins for it", async () => {
    await createChain(t.testDb, "Real");
    const before = await counts();
    expect(await ensureDemoData(t.testDb.database)).toEqual({ loaded: null, logins: [] });
    expect(await counts()).toEqual(before);
  });
});
