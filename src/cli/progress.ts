import cliProgress from "cli-progress";

/** How far a long operation has got: `done` of `total` of its current `stage`, when it has stages. */
export type ReportProgress = (done: number, total: number, stage?: string) => void;

export interface Progress {
  update: ReportProgress;
  stop(): void;
}

/**
 * A progress bar on a terminal, one per stage, each counting in `unitOf(stage)`: a new stage leaves the bar of
 * the one before on the screen, finished, and starts its own. Nothing when the output is a file or a pipe.
 */
export function progressBar(unitOf: (stage: string | undefined) => string): Progress {
  if (!process.stdout.isTTY) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  let barStage: string | undefined;
  return {
    update(done, total, stage) {
      if (bar && stage === barStage) {
        bar.update(done);
        return;
      }
      bar?.stop();
      barStage = stage;
      bar = new cliProgress.SingleBar(
        { format: `{bar} {value}/{total} ${unitOf(stage)} | {eta_formatted} left`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, done);
    },
    stop: () => bar?.stop(),
  };
}
