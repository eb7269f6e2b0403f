import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { UserError } from "../../user-error.js";
import { openCommandTarget } from "../command-socket.js";
import { Prompter } from "../prompt.js";
import { askPassword } from "./createsuperuser.js";

const NOTHING_CHANGED = "The password was not changed.";

interface ChangePasswordOptions {
  password?: string | undefined;
  /** False with --no-input: never prompt. */
  input: boolean;
}

/**
 * `supplynet changepassword EMAIL`, as Django's: the new password twice at a hidden prompt (or --password with
 * --no-input), under the one password policy. Every session of the account ends, as after a reset.
 */
export function changepasswordCommand(program: Command): void {
  program
    .command("changepassword")
    .description("Set a user's password (staff or employee) and sign them out everywhere")
    .argument("<email>", "the account's email, any case")
    .option("--password <password>", "the new password (visible in shell history: prefer the prompt)")
    .option("--no-input", "never prompt; fail unless --password is given")
    .action(async (email: string, options: ChangePasswordOptions) => {
      if (!options.input && options.password === undefined) {
        throw new UserError("--no-input needs --password.");
      }
      const target = await openCommandTarget(loadConfig());
      try {
        const account = await target.run("accountEmail", { email });
        if (account === null) {
          throw new UserError(
            `No user has the email ${email.trim()}. Check the spelling; \`supplynet createsuperuser\` creates a staff user.`,
          );
        }
        let password = options.password;
        if (password === undefined) {
          console.log(`Changing the password of ${account}.`);
          const prompter = new Prompter(process.stdin, process.stdout);
          try {
            password = await askPassword(prompter, account, {
              ended: `The input ended before the password was given twice. Run on a terminal, or pass --password and --no-input. ${NOTHING_CHANGED}`,
              nothingDone: NOTHING_CHANGED,
            });
          } finally {
            prompter.close();
          }
        }
        const outcome = await target.run("changePassword", { email: account, password });
        if (outcome === null)
          throw new UserError(`The user ${account} was deleted meanwhile. ${NOTHING_CHANGED}`);
        if (outcome.problem) throw new UserError(`${outcome.problem} ${NOTHING_CHANGED}`);
        console.log(`Password changed for ${outcome.email}; every session of it was signed out.`);
      } finally {
        await target.close();
      }
    });
}
