import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/auth/password-policy.js";
import { translate } from "../../src/i18n/translate.js";

const EMAIL = "Boss.Man@Example.com";

describe("the password policy", () => {
  it("accepts a long, uncommon password that is not the email", async () => {
    for (const password of ["correct horse battery", "Tr0ub4dor&3x", "boss.man@example.org"]) {
      expect(await passwordProblem(password, EMAIL), password).toBeNull();
    }
  });

  it("refuses each weak kind with the rule it breaks", async () => {
    const cases: [string, RegExp][] = [
      ["", /at least 8 characters/],
      ["1", /at least 8 characters/],
      ["s3cret", /at least 8 characters/],
      // Seven characters, however many UTF-16 units they take.
      ["😀😀😀😀😀😀😀", /at least 8 characters/],
      ["        ", /only spaces/],
      ["\t \u00a0     \n", /only spaces/],
      ["password", /too common/],
      ["PASSWORD", /too common/],
      ["Iloveyou1", /too common/],
      [" 12345678 ", /too common/],
      ["boss.man@example.com", /email address/],
      ["BOSS.MAN", /email address/],
    ];
    for (const [password, rule] of cases) {
      const problem = await passwordProblem(password, EMAIL);
      expect(problem && translate(problem, "en"), JSON.stringify(password)).toMatch(rule);
    }
  });
});
