import type { ReporterName } from '../reporters/types.js';
import { COMMAND_LEAD, withoutInlineCommands } from '../core/text.js';

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
 * A line the `github` reporter writes (`::error file=…,line=…::message`):
 * a registered command, its properties escaped (no `:` in them), then
 * `::`, which the runner reads as that command and for nothing else.
 */
const REPORTER_COMMAND = /^::(?:error|warning|notice) [^:\r\n]*::/;

/** Where a line ends, looked for from `lastIndex` on: a chunk is read once, however many lines it holds. */
const LINE_END = /[\r\n]/g;

/**
 * `stream`, writing no `##[`, `##vso[` or `##teamcity[` a CI log would
 * read as a command (see `withoutInlineCommands`), even one split between
 * writes. A line that is an annotation as the `github` reporter writes it
 * keeps its `##[`: GitHub's runner reads it as that command, never for a
 * `##[` inside, and the `file` it names must stay the file's name; Azure's
 * agent or TeamCity, which read no such annotation, would still run their
 * own commands in it. The runners end a line at a carriage return as at a
 * line feed.
 */
export function withoutCommands(stream: CliEnvironment['stdout']): CliEnvironment['stdout'] {
  let before = '';
  let lineStart = true;
  let command = false;
  return {
    write(chunk: string) {
      let safe = '';
      for (let from = 0; from < chunk.length;) {
        LINE_END.lastIndex = from;
        const match = LINE_END.exec(chunk);
        const end = match ? match.index + 1 : chunk.length;
        const piece = chunk.slice(from, end);
        // Told by the line's first piece: a reporter writes each annotation whole. One split before its second `::` is escaped.
        if (lineStart) command = REPORTER_COMMAND.test(piece);
        lineStart = match !== null;
        safe += withoutInlineCommands(piece, before, command);
        before = piece.length >= COMMAND_LEAD ? piece.slice(-COMMAND_LEAD) : (before + piece).slice(-COMMAND_LEAD);
        from = end;
      }
      return stream.write(safe);
    },
  };
}
