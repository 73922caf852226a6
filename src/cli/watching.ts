import { printable } from '../core/text.js';
import { displayPath } from '../io/find.js';
import type { CliEnvironment } from './environment.js';

/** The line a watching command prints when files change: the time, and the file (or how many). */
export function changeLine(changed: readonly string[], cwd: string): string {
  const what = changed.length === 1 ? `${printable(displayPath(changed[0]!, cwd))} changed` : `${changed.length} files changed`;
  return `${new Date().toTimeString().slice(0, 8)} ${what}`;
}

/** How a watcher's own failures reach the terminal: one escaped line. */
export function watchErrorReporter(env: CliEnvironment): (error: unknown) => void {
  return (error) => env.stderr.write(`migration-news: ${printable(error instanceof Error ? error.message : String(error))}\n`);
}

/** Resolves when the signal aborts (Ctrl-C); never, without one. */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
