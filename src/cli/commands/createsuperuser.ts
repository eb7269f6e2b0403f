import type { Command } from "commander";
import { passwordProblem } from "../../auth/password-policy.js";
import { checkEmail, checkPassword, createSuperuser, type SuperuserInput } from "../../auth/superuser.js";
import { loadConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
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

const INPUT_ENDED =
  "The input ended before every answer was given. Run on a terminal, or pass --email, --password and --no-input.";

/** What ends the prompts when the input runs out: the last refusal, or that the input ended. */
function inputEnded(refusal: string | undefined): UserError {
  return new UserError(refusal ? `${refusal} Nothing was created.` : INPUT_ENDED);
}

/** Whether a user (staff or employee) has this email already, ignoring case as the unique index does. */
async function emailTaken(database: Database, email: string): Promise<boolean> {
  const { rows } = await database.executeSql("select 1 from users where lower(email) = lower($1)", [email]);
  return rows.length > 0;
}

/** Why this email cannot be the new user's, or undefined when it can. */
async function emailRefusal(database: Database, email: string): Promise<string | undefined> {
  try {
    checkEmail(email);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  return (await emailTaken(database, email.trim())) ? "That email is already taken." : undefined;
}

/**
 * Asks for the email until one is valid and free, as Django's prompt does (an --email given is the first
 * answer), and only then for the password, so that nobody types a password for an email that cannot be used.
 */
async function askEmail(prompter: Prompter, database: Database, given: string | undefined): Promise<string> {
  let answer = given;
  let refusal: string | undefined;
  for (;;) {
    answer ??= await prompter.ask("Email: ");
    if (answer === undefined) throw inputEnded(refusal);
    refusal = await emailRefusal(database, answer);
    if (!refusal) return answer.trim();
    prompter.say(`Error: ${refusal}`);
    answer = undefined;
  }
}

/**
 * Asks for the password and its confirmation until the policy accepts one and both agree, saying why after
 * each refusal, as Django's prompt does. When the input runs out, the last refusal is the command's error.
 */
async function askPassword(prompter: Prompter, email: string): Promise<string> {
  let refusal: string | undefined;
  for (;;) {
    if (refusal) prompter.say(`Error: ${refusal}`);
    const password = await prompter.ask("Password: ", true);
    if (password === undefined) throw inputEnded(refusal);
    const problem = await passwordProblem(password, email);
    refusal = problem ? translate(problem, "en") : undefined;
    if (refusal) continue;
    const again = await prompter.ask("Password (again): ", true);
    if (again === password) return password;
    if (again === undefined) throw inputEnded(refusal);
    refusal = "The two passwords differ.";
  }
}

/** The email and password from the prompts, for whatever the options leave out. */
export async function promptSuperuserInput(
  options: SuperuserOptions,
  database: Database,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Promise<SuperuserInput> {
  const prompter = new Prompter(input, output);
  try {
    const email = await askEmail(prompter, database, options.email);
    if (options.password !== undefined)
      return { email, password: await checkPassword(options.password, email) };
    return { email, password: await askPassword(prompter, email) };
  } finally {
    prompter.close();
  }
}

/** With --no-input both options are needed, and checked before the database is opened. */
async function optionsInput(options: SuperuserOptions): Promise<SuperuserInput> {
  if (options.email === undefined || options.password === undefined) {
    throw new UserError("--no-input needs both --email and --password.");
  }
  const email = checkEmail(options.email);
  return { email, password: await checkPassword(options.password, email) };
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
      const config = loadConfig();
      const given = options.input ? undefined : await optionsInput(options);
      const database = await openConfiguredDatabase(config);
      try {
        const input = given ?? (await promptSuperuserInput(options, database));
        const user = await createSuperuser(database, input, config.defaultLanguage);
        console.log(`Staff user ${user.email} created; log in to the admin with it.`);
      } finally {
        await database.close();
      }
    });
}
