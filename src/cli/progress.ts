import cliProgress from "cli-progress";

export interface Progress {
  /** `done` of `total`; the first call (done = 0) starts the bar. */
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar of `unit`s on a terminal; nothing when the output is a file or a pipe. */
export function progressBar(unit: string): Progress {
  if (!process.stdout.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `{bar} {value}/{total} ${unit} | {eta_formatted} left`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    update(done, total) {
      if (done === 0) bar.start(total, 0);
      else bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
