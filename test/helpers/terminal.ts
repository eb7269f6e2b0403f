import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../../src/paths.js";

/** A prompt to wait for, and what to type once it shows (Enter is added). */
export type Exchange = [prompt: RegExp, answer: string];

export interface TerminalResult {
  code: number | null;
  /** Everything the terminal showed, the echo of what was typed included. */
  screen: string;
}

const tsxLoader = pathToFileURL(path.join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;

const quoted = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

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
  const command = [process.execPath, "--import", tsxLoader, path.join(projectRoot, "src/main.ts"), ...args]
    .map(quoted)
    .join(" ");
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
