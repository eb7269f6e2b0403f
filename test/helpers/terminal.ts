import { spawn } from "node:child_process";
import { projectRoot } from "../../src/paths.js";
import { CLI_COMMAND } from "./cli.js";

/** A prompt to wait for, and what to type once it shows (Enter is added). */
export type Exchange = [prompt: RegExp, answer: string];

export interface TerminalResult {
  code: number | null;
  /** Everything the terminal showed, the echo of what was typed included. */
  screen: string;
}

const quoted = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** `supplynet …` as one line for a shell, each word quoted. */
export const cliShellCommand = (args: string[]) => [...CLI_COMMAND, ...args].map(quoted).join(" ");

/**
 * Runs `supplynet …` on a pseudo-terminal (util-linux `script`), so that it sees a TTY as on a person's screen,
 * and types each answer once its prompt has appeared in what followed the previous answer.
 */
export function runOnTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
  exchanges: Exchange[],
  timeoutMs = 60_000,
): Promise<TerminalResult> {
  const command = cliShellCommand(args);
  const child = spawn("script", ["-qefc", command, "/dev/null"], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  let screen = "";
  let seen = 0;
  const pending = [...exchanges];
  const answerIfPrompted = () => {
    const next = pending[0];
    if (!next?.[0].test(screen.slice(seen))) return;
    pending.shift();
    seen = screen.length;
    child.stdin.write(`${next[1]}\r`);
    answerIfPrompted();
  };
  child.stdout.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
    answerIfPrompted();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, screen }));
  });
}
