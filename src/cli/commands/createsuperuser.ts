import type { Command } from "commander";
import { passwordProblem } from "../../auth/password-policy.js";
import { checkEmail, checkPassword, type SuperuserInput } from "../../auth/superuser.js";
import { loadConfig } from "../../config.js";
import { translate } from "../../i18n/translate.js";
import { UserError } from "../../user-error.js";
import { type CommandTarget, openCommandTarget } from "../command-socket.js";
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
function inputEnded(
  refusal: string | undefined,
  ended = INPUT_ENDED,
  nothingDone = "Nothing was created.",
): UserError {
  return new UserError(refusal ? `${refusal} ${nothingDone}` : ended);
}

/** Why this email cannot be the new user's, or undefined when it can. */
async function emailRefusal(target: CommandTarget, email: string): Promise<string | undefined> {
  try {
    checkEmail(email);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  return (await target.run("emailTaken", { email: email.trim() }))
    ? "That email is already taken."
    : undefined;
}

/**
 * Asks for the email until one is valid and free, as Django's prompt does (an --email given is the first
 * answer), and only then for the password, so that nobody types a password for an email that cannot be used.
 */
async function askEmail(
  prompter: Prompter,
  target: CommandTarget,
  given: string | undefined,
): Promise<string> {
  let answer = given;
  let refusal: string | undefined;
  for (;;) {
    answer ??= await prompter.ask("Email: ");
    if (answer === undefined) throw inputEnded(refusal);
    refusal = await emailRefusal(target, answer);
    if (!refusal) return answer.trim();
    prompter.say(`Error: ${refusal}`);
    answer = undefined;
  }
}

/** What a password prompt says when the input runs out, with no refusal or after one. */
export interface PasswordPromptEnd {
  ended: string;
  nothingDone: string;
}

/**
 * Asks for the password and its confirmation until the policy accepts one and both agree, saying why after
 * each refusal, as Django's prompt does. When the input runs out, the last refusal is the command's error.
 */
export async function askPassword(
  prompter: Prompter,
  email: string,
  end: PasswordPromptEnd = { ended: INPUT_ENDED, nothingDone: "Nothing was created." },
): Promise<string> {
  let refusal: string | undefined;
  for (;;) {
    if (refusal) prompter.say(`Error: ${refusal}`);
    const password = await prompter.ask("Password: ", true);
    if (password === undefined) throw inputEnded(refusal, end.ended, end.nothingDone);
    const problem = await passwordProblem(password, email);
    refusal = problem ? translate(problem, "en") : undefined;
    if (refusal) continue;
    const again = await prompter.ask("Password (again): ", true);
    if (again === password) return password;
    if (again === undefined) throw inputEnded(refusal, end.ended, end.nothingDone);
    refusal = "The two passwords differ.";
  }
}

/** The email and password from the prompts, for whatever the options leave out. */
export async function promptSuperuserInput(
  options: SuperuserOptions,
  target: CommandTarget,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Promise<SuperuserInput> {
  const prompter = new Prompter(input, output);
  try {
    const email = await askEmail(prompter, target, options.email);
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
      const target = await openCommandTarget(config);
      try {
        const input = given ?? (await promptSuperuserInput(options, target));
        const user = await target.run("createSuperuser", input);
        console.log(`Staff user ${user.email} created; log in to the admin with it.`);
      } finally {
        await target.close();
      }
    });
}
