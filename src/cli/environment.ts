import type { ReporterName } from '../reporters/types.js';
import { withoutLegacyCommands } from '../core/text.js';

export { UsageError } from '../app/errors.js';

/**
 * What the CLI's parts share: the outside world they are given, the exit
 * codes and the report options. Kept apart from `main.ts` so that command
 * modules never import the module that imports them.
 */

/** What the CLI needs from the outside world; tests pass their own. */
export interface CliEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /**
   * Reads standard input as bytes (for `validate -`), stopping as soon as
   * more than `maxBytes` have arrived: an endless stream is refused by its
   * size, not read into memory.
   */
  readStdin(maxBytes: number): Promise<Uint8Array>;
  /** Whether stdout is a terminal, for the colour default. */
  isTTY: boolean;
  /**
   * A signal that aborts when the user asks a long-running command (`serve`,
   * `validate --watch`) to stop: Ctrl-C or SIGTERM. Called only by those
   * commands, so that every other command keeps the default reaction to Ctrl-C.
   */
  stopSignal?(): AbortSignal;
  /** Whether standard error is a terminal: the progress line of a long build is drawn there only. */
  stderrIsTTY?: boolean;
  /**
   * Called once by a build, or by `validate`, just before it starts threads
   * (none for a small one): the binary tunes V8's optimising compiler there,
   * for the threads and what is left of the run. Tests leave it out.
   */
  beforeThreads?(): void;
}

/** 0 clean; 1 problems in what the user wrote; 2 a usage error or a failure of the tool's own work. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Options shared by the commands that report diagnostics. */
export interface ReportOptions {
  reporter: ReporterName;
  maxWarnings?: number;
  strict: boolean;
  quiet: boolean;
  color: boolean;
  debug: boolean;
}

/** `stream`, writing no `##[` a CI log would read as a workflow command (see `withoutLegacyCommands`), even one split between writes. */
export function withoutCommands(stream: CliEnvironment['stdout']): CliEnvironment['stdout'] {
  let before = '';
  return {
    write(chunk: string) {
      const safe = withoutLegacyCommands(chunk, before);
      before = chunk.length >= 2 ? chunk.slice(-2) : (before + chunk).slice(-2);
      return stream.write(safe);
    },
  };
}
