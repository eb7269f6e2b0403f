import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/** Reads answers line by line from a terminal (typing hidden for passwords) or from piped input. */
export class Prompter {
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
