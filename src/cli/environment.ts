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

/**
 * `stream`, writing no `##[` a CI log would read as a workflow command (see
 * `withoutLegacyCommands`), even one split between writes. A line that is a
 * workflow command itself (`::error file=…::…`, as the `github` reporter
 * writes them) is written as it is: the runner reads it as that command,
 * never for a `##[` inside, and the `file` it names must stay the file's name.
 */
export function withoutCommands(stream: CliEnvironment['stdout']): CliEnvironment['stdout'] {
  let before = '';
  /** The line being written, so far, while it is only blanks and at most one colon: whether it is a command is not known yet. */
  let opening: string | undefined = '';
  let command = false;
  return {
    write(chunk: string) {
      let safe = '';
      for (let from = 0; from < chunk.length;) {
        const newline = chunk.indexOf('\n', from);
        const end = newline === -1 ? chunk.length : newline + 1;
        const piece = chunk.slice(from, end);
        if (opening !== undefined) {
          const start = (opening + piece).trimStart();
          if (start.length >= 2 || newline !== -1) {
            command = start.startsWith('::');
            opening = undefined;
          } else opening += piece;
        }
        safe += command ? piece : withoutLegacyCommands(piece, before);
        before = piece.length >= 2 ? piece.slice(-2) : (before + piece).slice(-2);
        if (newline !== -1) {
          opening = '';
          command = false;
        }
        from = end;
      }
      return stream.write(safe);
    },
  };
}
