import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, generateApiTypes } from "../../scripts/openapi-types.js";

describe("the admin's API types", () => {
  it("are what the route schemas generate now", async () => {
    const committed = readFileSync(API_TYPES_FILE, "utf8");
    expect(
      await generateApiTypes(),
      "admin/src/api-types.ts is stale: run `npm run openapi:types` and commit the result",
    ).toBe(committed);
  });
});
