import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import type { Database } from "../db/client.js";
import { UserError } from "../user-error.js";
import { hashPassword } from "./passwords.js";

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

function checkPassword(password: string): string {
  if (password.length === 0) throw new UserError("The password must not be empty.");
  return password;
}

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

  async ask(question: string, hidden = false): Promise<string> {
    this.output.write(question);
    this.muted = hidden;
    const { value, done } = await this.lines.next();
    this.muted = false;
    if (hidden || !this.terminal) this.output.write("\n");
    if (done) {
      throw new UserError(
        "The input ended before every answer was given. Run on a terminal, or pass --email, --password and --no-input.",
      );
    }
    return value;
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
    return { email: checkEmail(options.email), password: checkPassword(options.password) };
  }
  const prompter = new Prompter(input, output);
  try {
    const email = checkEmail(options.email ?? (await prompter.ask("Email: ")));
    if (options.password !== undefined) return { email, password: checkPassword(options.password) };
    const password = checkPassword(await prompter.ask("Password: ", true));
    const again = await prompter.ask("Password (again): ", true);
    if (again !== password) throw new UserError("The two passwords differ; nothing was created. Try again.");
    return { email, password };
  } finally {
    prompter.close();
  }
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
  const password = checkPassword(input.password);
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
