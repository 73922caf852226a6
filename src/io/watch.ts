import { watch, type FSWatcher } from 'chokidar';
import { existsSync, fstatSync, statSync, watch as watchFolder, type FSWatcher as FolderWatcher } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

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
const JETBRAINS_SAFE_WRITE = /___jb_(?:tmp|old)___$/;
/** How often the watched folders and files are looked for, in case one went without an event. */
const GONE_CHECK_MS = 500;
/**
 * How long the watcher holds a deletion to see whether the file comes back
 * (an editor's save that moves the release aside and writes it anew is a
 * change, not a deletion and a new file). A burst waits longer than this,
 * so that the deletions of an editor's temporary files come in the same burst.
 */
const ATOMIC_MS = 100;

export interface ProjectWatcher {
  /** Watches more paths (a template folder named by a config change, say). */
  add(paths: readonly string[]): void;
  /** Files the run itself has just written (`validate --fix --watch`): the watcher's word of them, as they are now, is no change. */
  ownWrites(paths: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * Calls `run` with the changed paths after each burst of changes. `ready`
 * resolves once the initial scan is done: changes made after it are seen.
 */
export function watchProject(
  targets: WatchTargets,
  run: (changed: string[]) => Promise<void>,
  options: {
    settleMs?: number;
    onError?: (error: unknown) => void;
    /** What watches the files: chokidar's `watch` unless given (a test's stand-in). */
    watcher?: typeof watch;
    /** How often the watched paths are looked for, in case one went without an event. */
    goneCheckMs?: number;
  } = {},
): ProjectWatcher & { ready: Promise<void> } {
  const settle = options.settleMs ?? ATOMIC_MS + 50;
  const watched = new Set(targets.paths);
  // A path not there yet is awaited from the nearest folder above it (below), never given to the watcher: it would watch that
  // folder itself for it and count it ready at once, which could say the watch is ready before the folders that are there are.
  const present = [...watched].filter((path) => existsSync(path));
  const watcher: FSWatcher = (options.watcher ?? watch)(present, {
    ignoreInitial: true,
    followSymlinks: false,
    // JetBrains' safe write names its two files so (`a.md___jb_tmp___`, `a.md___jb_old___`): never anything a build reads, and
    // left out whatever the timing, where one deleted after the burst was settled made a second rebuild of its own.
    ignored: (path) => path.split(sep).some((segment) => IGNORED_SEGMENTS.has(segment) || segment.includes('.migration-news-') || JETBRAINS_SAFE_WRITE.test(segment)),
    // Editors that save through a temporary file and a rename are seen as one change.
    atomic: ATOMIC_MS,
  });
  const ownOutput = ownOutputFiles();
  let pending = new Set<string>();
  /**
   * Paths that came during the pending burst. One gone again before the run is an editor's temporary file (vim's
   * `4913`, JetBrains' `___jb_tmp___`, a `.tmp` renamed over the release): nothing a build could have read, so no change.
   */
  let born = new Set<string>();
  /** Temporary files left out whose deletion the watcher has not reported yet (it holds deletions for ATOMIC_MS). */
  const vanished = new Set<string>();
  /** Files the run wrote itself, as it left them: an event for one still so is its own write, not someone's change. */
  const written = new Map<string, NonNullable<ReturnType<typeof stampOf>>>();
  /** Paths that came back, to be looked at again (see `comeBack`), with what the run for their coming saw of them once it began. */
  const secondLooks = new Map<string, ReturnType<typeof stampOf>>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    if (running || closed || pending.size === 0) return;
    for (const path of born) {
      if (existsSync(path)) continue;
      pending.delete(path);
      vanished.add(path);
    }
    born = new Set();
    // The run's own writes, reported while it ran or after: still as it left them, they are no change.
    for (const [path, own] of written) {
      if (!pending.has(path)) continue;
      written.delete(path);
      if (sameStamp(own, stampOf(path))) pending.delete(path);
    }
    if (pending.size === 0) return;
    const changed = [...pending];
    pending = new Set();
    for (const path of changed) if (secondLooks.has(path)) secondLooks.set(path, stampOf(path));
    running = run(changed)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        // The watcher does not always say that a watched folder itself went: each is looked for after a run. One that went
        // while the run read it (`rm -r` between a file and its folder) is checked again, so that its going is reported.
        for (const path of [...watched]) {
          if (closed || existsSync(path)) continue;
          awaitReturn(path);
          pending.add(path);
        }
        if (pending.size > 0) schedule();
      });
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, settle);
  };
  // A watched folder or file that is deleted (a branch switch, `git stash`) is looked for in its parent until it is back, then watched again.
  const returning = new Map<string, FolderWatcher>();
  /** Paths gone with nothing above them that could be watched: looked for again at each `add`. */
  const lost = new Set<string>();
  const comeBack = (path: string): void => {
    returning.get(path)?.close();
    returning.delete(path);
    watched.add(path);
    watcher.add(path);
    pending.add(path);
    schedule();
    // Files written into a folder while the watcher scans it again are taken for what was there: a second look sees them. A
    // file (a config file written where none was) has nothing to scan: it is looked at again only if it changed since the run
    // for its coming began, or each one written would make two runs.
    secondLooks.set(path, undefined);
    setTimeout(() => {
      if (closed) return;
      const seen = secondLooks.get(path);
      secondLooks.delete(path);
      if (seen?.file === true && sameStamp(seen, stampOf(path))) return;
      pending.add(path);
      schedule();
    }, 2 * GONE_CHECK_MS).unref();
  };
  const awaitReturn = (path: string): void => {
    if (returning.has(path)) return;
    watched.delete(path);
    watcher.unwatch(path);
    watchNearest(path);
  };
  /** Watches the nearest folder above `path` that exists (its parent may be gone too), moving down as the folders come back. */
  const watchNearest = (path: string): void => {
    returning.get(path)?.close();
    returning.delete(path);
    if (closed) return;
    // Back already, before anything above it was watched.
    if (existsSync(path)) {
      comeBack(path);
      return;
    }
    let folder = dirname(path);
    while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
    try {
      const above = watchFolder(folder, () => {
        if (closed || returning.get(path) !== above) return;
        // The path, or a folder on the way to it, may be there now.
        if (existsSync(path) || existsSync(join(folder, relative(folder, path).split(sep)[0]!))) watchNearest(path);
      });
      above.on('error', () => undefined);
      returning.set(path, above);
      // The next folder down may have come in before the watch began.
      if (existsSync(join(folder, relative(folder, path).split(sep)[0]!))) watchNearest(path);
    } catch {
      // Nothing above it can be watched: a later run adds it again (see `add`).
      lost.add(path);
    }
  };
  watcher.on('all', (event, path) => {
    if (closed) return;
    // The report itself, written into a watched folder (`validate a.md --watch > log.txt`), is no change: each check would start the next.
    if ((event === 'add' || event === 'change') && ownOutput.length > 0 && isOwnOutput(path, ownOutput)) return;
    const gone = event === 'unlinkDir' || event === 'unlink';
    if (gone && vanished.delete(path)) return;
    if ((event === 'add' || event === 'addDir') && !watched.has(path)) {
      vanished.delete(path);
      if (!pending.has(path)) born.add(path);
    }
    if (gone && born.has(path) && !watched.has(path)) {
      // Came and went within the burst: a temporary file.
      born.delete(path);
      pending.delete(path);
      return;
    }
    if (gone && watched.has(path)) awaitReturn(path);
    pending.add(path);
    schedule();
  });
  watcher.on('error', (error) => options.onError?.(error));
  // Nothing given to the watcher: it never says it is ready.
  const ready = present.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  // Nor does it always tell of the files in one that went with it (`rm -r` of its parent): each is looked for twice a second too.
  const lookout = setInterval(() => {
    if (closed || running) return;
    // A folder awaited may be back without its parent's watch having said so.
    for (const path of [...returning.keys()]) if (existsSync(path)) watchNearest(path);
    const gone = [...watched].filter((path) => !returning.has(path) && !existsSync(path));
    for (const path of gone) {
      awaitReturn(path);
      pending.add(path);
    }
    if (gone.length > 0) schedule();
  }, options.goneCheckMs ?? GONE_CHECK_MS);
  lookout.unref();
  // A path that is not there yet (a project without a templates folder) is no change: it is awaited, and its coming is one.
  for (const path of [...watched]) if (!present.includes(path) || !existsSync(path)) awaitReturn(path);

  return {
    ready,
    add(paths) {
      for (const path of lost) if (existsSync(path)) {
        lost.delete(path);
        comeBack(path);
      }
      const fresh = paths.filter((p) => !watched.has(p) && !returning.has(p));
      const present = fresh.filter((p) => existsSync(p));
      for (const p of present) watched.add(p);
      if (present.length > 0) watcher.add(present);
      for (const p of fresh) if (!present.includes(p)) watchNearest(p);
    },
    ownWrites(paths) {
      for (const path of paths) {
        const stamp = stampOf(path);
        if (stamp) written.set(path, stamp);
      }
    },
    async close() {
      closed = true;
      clearInterval(lookout);
      if (timer) clearTimeout(timer);
      for (const parent of returning.values()) parent.close();
      await watcher.close();
      await running;
    },
  };
}

/** What a look at a path sees of it: whether it is a file, and its size and times, to tell whether it changed. */
function stampOf(path: string): { file: boolean; size: number; mtimeMs: number; ctimeMs: number } | undefined {
  try {
    const info = statSync(path);
    return { file: info.isFile(), size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
  } catch {
    return undefined;
  }
}

function sameStamp(a: ReturnType<typeof stampOf>, b: ReturnType<typeof stampOf>): boolean {
  return a !== undefined && b !== undefined && a.file === b.file && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** The files standard output and standard error are written to, when they are files (by device and inode). */
function ownOutputFiles(): { dev: number; ino: number }[] {
  const files: { dev: number; ino: number }[] = [];
  for (const fd of [1, 2]) {
    try {
      const info = fstatSync(fd);
      if (info.isFile()) files.push({ dev: info.dev, ino: info.ino });
    } catch {
      // Closed or not there: nothing of ours to leave out.
    }
  }
  return files;
}

function isOwnOutput(path: string, own: readonly { dev: number; ino: number }[]): boolean {
  try {
    const info = statSync(path);
    return own.some((file) => file.dev === info.dev && file.ino === info.ino);
  } catch {
    return false;
  }
}
