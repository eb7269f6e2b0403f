import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { passwordProblem } from "../../auth/password-policy.js";
import { hashPassword } from "../../auth/passwords.js";
import type { Database } from "../../db/client.js";
import { UserError } from "../../user-error.js";

/** Something@domain.tld, no spaces: what an invitation or a login can use. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SuperuserInput {
  email: string;
  password: string;
}

export interface SuperuserOptions {
  email?: string | undefined;
  password?: string | undefined;
  /** False with --no-input: never prompt. */
  input: boolean;
}

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!EMAIL_PATTERN.test(trimmed)) {
    throw new UserError(
      `"${email}" is not a valid email address; expected something like admin@example.com.`,
    );
  }
  return trimmed;
}

/** The password policy's refusal as the command's one-line error. */
async function checkPassword(password: string, email: string): Promise<string> {
  const problem = await passwordProblem(password, email);
  if (problem) throw new UserError(`${problem} Nothing was created.`);
  return password;
}

/** Typed passwords get this many tries, as Django's prompt re-asks, before the command gives up. */
const PASSWORD_TRIES = 3;

/** Reads answers line by line from a terminal (typing hidden for passwords) or from piped input. */
class Prompter {
  private muted = false;
  private readonly terminal: boolean;
  private readonly reader;
  private readonly lines: AsyncIterator<string>;

  constructor(
    input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
  ) {
    this.terminal = Boolean(input.isTTY);
    // readline echoes what is typed through this stream; muting it hides a password being typed.
    const echo = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.muted) output.write(chunk);
        done();
      },
    });
    this.reader = createInterface({ input, output: echo, terminal: this.terminal });
    this.reader.on("SIGINT", () => {
      output.write("\n");
      process.exit(130);
    });
    this.lines = this.reader[Symbol.asyncIterator]();
  }

  /** The answer, or undefined when the input has ended. */
  async ask(question: string, hidden = false): Promise<string | undefined> {
    this.output.write(question);
    this.muted = hidden;
    const { value, done } = await this.lines.next();
    this.muted = false;
    if (hidden || !this.terminal) this.output.write("\n");
    return done ? undefined : value;
  }

  say(line: string): void {
    this.output.write(`${line}\n`);
  }

  close(): void {
    this.reader.close();
  }
}

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
    refusal = (await passwordProblem(password, email)) ?? undefined;
    if (refusal) continue;
    const again = await prompter.ask("Password (again): ", true);
    if (again === password) return password;
    if (again === undefined) break;
    refusal = "The two passwords differ.";
  }
  throw new UserError(refusal ? `${refusal} Nothing was created.` : INPUT_ENDED);
}

function takenError(email: string): UserError {
  return new UserError(
    `A user with the email ${email} already exists (emails ignore case). Choose another one.`,
  );
}

/** Creates an active staff user; a taken email (in any case) is refused and nothing is written. */
export async function createSuperuser(
  database: Database,
  input: SuperuserInput,
): Promise<{ id: number; email: string }> {
  const email = checkEmail(input.email);
  const password = await checkPassword(input.password, email);
  const { rows: taken } = await database.executeSql("select 1 from users where lower(email) = lower($1)", [
    email,
  ]);
  if (taken.length > 0) throw takenError(email);
  const passwordHash = await hashPassword(password);
  try {
    const { rows } = await database.executeSql<{ id: number }>(
      `insert into users (email, password_hash, role, is_active) values ($1, $2, 'staff', true) returning id`,
      [email, passwordHash],
    );
    return { id: rows[0]?.id as number, email };
  } catch (error) {
    // Another process took the email between the check and the insert.
    if ((error as { code?: string }).code === "23505") throw takenError(email);
    throw error;
  }
}
