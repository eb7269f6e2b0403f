import type { Command } from "commander";
import { passwordProblem } from "../../auth/password-policy.js";
import { checkEmail, checkPassword, createSuperuser, type SuperuserInput } from "../../auth/superuser.js";
import { loadConfig } from "../../config.js";
import { translate } from "../../i18n/translate.js";
import { UserError } from "../../user-error.js";
import { openConfiguredDatabase } from "../database.js";
import { Prompter } from "../prompt.js";

export interface SuperuserOptions {
  email?: string | undefined;
  password?: string | undefined;
  /** False with --no-input: never prompt. */
  input: boolean;
}

/** Typed passwords get this many tries, as Django's prompt re-asks, before the command gives up. */
const PASSWORD_TRIES = 3;

/**
 * Gathers the email and password: from the options with --no-input, otherwise by asking for whatever is missing
 * (the password twice). Validates both, so a typo fails before the database is opened.
 */
export async function collectSuperuserInput(
  options: SuperuserOptions,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Promise<SuperuserInput> {
  if (!options.input) {
    if (options.email === undefined || options.password === undefined) {
      throw new UserError("--no-input needs both --email and --password.");
    }
    const email = checkEmail(options.email);
    return { email, password: await checkPassword(options.password, email) };
  }
  const prompter = new Prompter(input, output);
  try {
    const email = checkEmail(options.email ?? answered(await prompter.ask("Email: ")));
    if (options.password !== undefined)
      return { email, password: await checkPassword(options.password, email) };
    return { email, password: await askPassword(prompter, email) };
  } finally {
    prompter.close();
  }
}

const INPUT_ENDED =
  "The input ended before every answer was given. Run on a terminal, or pass --email, --password and --no-input.";

function answered(answer: string | undefined): string {
  if (answer === undefined) throw new UserError(INPUT_ENDED);
  return answer;
}

/**
 * Asks for the password and its confirmation until the policy accepts one and both agree, saying why after
 * each refusal. When the tries or the input run out, the last refusal is the command's one-line error.
 */
async function askPassword(prompter: Prompter, email: string): Promise<string> {
  let refusal: string | undefined;
  for (let tries = 0; tries < PASSWORD_TRIES; tries++) {
    if (refusal) prompter.say(`Error: ${refusal}`);
    const password = await prompter.ask("Password: ", true);
    if (password === undefined) break;
    const problem = await passwordProblem(password, email);
    refusal = problem ? translate(problem, "en") : undefined;
    if (refusal) continue;
    const again = await prompter.ask("Password (again): ", true);
    if (again === password) return password;
    if (again === undefined) break;
    refusal = "The two passwords differ.";
  }
  throw new UserError(refusal ? `${refusal} Nothing was created.` : INPUT_ENDED);
}

/** `supplynet createsuperuser`, as Django's: prompts on a terminal, or takes --email --password --no-input. */
export function createsuperuserCommand(program: Command): void {
  program
    .command("createsuperuser")
    .description("Create a staff user for the admin: prompts on a terminal, or --email --password --no-input")
    .option("--email <email>", "the staff user's email")
    .option("--password <password>", "the password (visible in shell history: prefer the prompt)")
    .option("--no-input", "never prompt; fail unless --email and --password are given")
    .action(async (options: SuperuserOptions) => {
      const input = await collectSuperuserInput(options);
      const config = loadConfig();
      const database = await openConfiguredDatabase(config);
      try {
        const user = await createSuperuser(database, input, config.defaultLanguage);
        console.log(`Staff user ${user.email} created; log in to the admin with it.`);
      } finally {
        await database.close();
      }
    });
}
