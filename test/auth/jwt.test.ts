import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { bearer } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });
let staff: TestUser;

beforeEach(async () => {
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

/** A token built by hand: any header, any claims, signed with the app's own secret by `hmac` (or unsigned). */
function handMade(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  hmac?: "sha256" | "sha512",
) {
  const input = `${base64url(header)}.${base64url(claims)}`;
  const signature = hmac ? createHmac(hmac, t.app.config.jwtSecret).update(input).digest("base64url") : "";
  return `${input}.${signature}`;
}

const staffClaims = () => ({ sub: String(staff.id), role: "staff", company_id: null, exp: now() + 600 });

const me = (token: string) => t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(token) });

describe("access tokens", () => {
  it("are accepted when signed HS256 with the secret and expiring (the hand-made control case)", async () => {
    const response = await me(handMade({ alg: "HS256", typ: "JWT" }, staffClaims(), "sha256"));
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(staff.id);
  });

  it("must use HS256: alg none, HS512 with the right secret and an RS256 header are 401", async () => {
    const claims = staffClaims();
    const tokens = {
      none: handMade({ alg: "none", typ: "JWT" }, claims),
      hs512: handMade({ alg: "HS512", typ: "JWT" }, claims, "sha512"),
      // The classic confusion: an RS256 header, "signed" with the HMAC secret as if it were a public key.
      rs256: handMade({ alg: "RS256", typ: "JWT" }, claims, "sha256"),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await me(token);
      expect(response.statusCode, name).toBe(401);
      expect(response.json().error.code, name).toBe("not_authenticated");
    }
  });

  it("must expire: a token without exp is 401, and so is an expired one", async () => {
    const { exp: _exp, ...forever } = staffClaims();
    expect((await me(handMade({ alg: "HS256", typ: "JWT" }, forever, "sha256"))).statusCode).toBe(401);
    const expired = { ...staffClaims(), exp: now() - 60 };
    expect((await me(handMade({ alg: "HS256", typ: "JWT" }, expired, "sha256"))).statusCode).toBe(401);
  });

  it("a sub that can name no user is 401, not a 400 or 500 from the database", async () => {
    for (const sub of ["99999999999", "2147483648", "-1", "0", "1.5", "1e3", "abc", "", " 1", 7]) {
      const claims = { ...staffClaims(), sub };
      const response = await me(handMade({ alg: "HS256", typ: "JWT" }, claims, "sha256"));
      expect(response.statusCode, JSON.stringify(sub)).toBe(401);
      expect(response.json().error.code).toBe("not_authenticated");
    }
  });

  it("the tokens the app issues are HS256 and expire", async () => {
    const [header] = staff.token.split(".");
    expect(JSON.parse(Buffer.from(header as string, "base64url").toString())).toMatchObject({ alg: "HS256" });
    expect(t.app.jwt.decode<{ exp: number }>(staff.token)?.exp).toBeGreaterThan(now());
  });
});
