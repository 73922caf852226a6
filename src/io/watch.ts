import { watch, type FSWatcher } from 'chokidar';
import { sep } from 'node:path';

/**
 * Watching a project for `serve` and `validate --watch`: the folders that hold
 * releases, the config file and the template sets. Changes that come in a
 * burst (an editor's save writes, renames and touches) become one call of
 * `onChange`, and a change during a run waits for it to end, so runs never
 * overlap and none is lost.
 */

export interface WatchTargets {
  /** Folders and files to watch. */
  paths: readonly string[];
}

const IGNORED_SEGMENTS = new Set(['node_modules', '.git']);

export interface ProjectWatcher {
  /** Watches more paths (a template folder named by a config change, say). */
  add(paths: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * Calls `run` with the changed paths after each burst of changes. `ready`
 * resolves once the initial scan is done: changes made after it are seen.
 */
export function watchProject(targets: WatchTargets, run: (changed: string[]) => Promise<void>, options: { settleMs?: number; onError?: (error: unknown) => void } = {}): ProjectWatcher & { ready: Promise<void> } {
  const settle = options.settleMs ?? 80;
  const watched = new Set(targets.paths);
  const watcher: FSWatcher = watch([...watched], {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (path) => path.split(sep).some((segment) => IGNORED_SEGMENTS.has(segment) || segment.includes('.migration-news-')),
    // Editors that save through a temporary file and a rename are seen as one change.
    atomic: true,
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    if (running || closed || pending.size === 0) return;
    const changed = [...pending];
    pending = new Set();
    running = run(changed)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        if (pending.size > 0) schedule();
      });
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, settle);
  };
  watcher.on('all', (_event, path) => {
    if (closed) return;
    pending.add(path);
    schedule();
  });
  watcher.on('error', (error) => options.onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    add(paths) {
      const fresh = paths.filter((p) => !watched.has(p));
      for (const p of fresh) watched.add(p);
      if (fresh.length > 0) watcher.add(fresh);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
