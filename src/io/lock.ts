import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isRunning } from './processes.js';

/**
 * One build at a time per output folder. Two builds into one folder at once
 * would each stage, commit and write its manifest over the other's, leaving
 * a mix that neither made and files that no manifest lists. The lock is a
 * file beside the folder (where its staging folders go), made with O_EXCL
 * and holding the builder's process id and host; a lock whose process is
 * gone (a build killed with SIGKILL) is taken over.
 */

export type OutputLock = { ok: true; release(): Promise<void> } | { ok: false; pid: number; host: string; path: string };

/** Where the lock of `out` is: `.<name>.migration-news-lock` beside it. */
export function lockPath(out: string): string {
  return join(dirname(out), `.${basename(out)}.migration-news-lock`);
}

export async function lockOutputFolder(out: string): Promise<OutputLock> {
  const path = lockPath(out);
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(mine);
      await handle.close();
      return {
        ok: true,
        release: async () => {
          // Only our own lock is removed: one taken over meanwhile (it should not be) is left to its owner.
          if ((await readFile(path, 'utf8').catch(() => '')) === mine) await unlink(path).catch(() => undefined);
        },
      };
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      // No folder to lock in yet (or a file where it should be): no build can be writing there; the build says what is wrong.
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: true, release: async () => undefined };
      if (code !== 'EEXIST') throw cause;
    }
    const seen = await readFile(path, 'utf8').catch(() => undefined);
    if (seen === undefined) continue;
    const [pidText, host = ''] = seen.trim().split(' ');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && (host !== hostname() || isRunning(pid))) return { ok: false, pid, host, path };
    // A lock being written this instant reads empty: it is given a moment first.
    if (seen === '' && attempt === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    // Stale: its process is gone. Builds that find it so take turns (a second lock file, made with O_EXCL too), and each removes it only
    // if it still holds what that build read: of two, the second never removes the lock the first made after it.
    const guard = `${path}.takeover`;
    const turn = await open(guard, 'wx').then(async (handle) => {
      await handle.close();
      return true;
    }, async () => {
      // A turn left by a build killed while it took one (it takes milliseconds) is over after a few seconds.
      const info = await stat(guard).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 5_000) await unlink(guard).catch(() => undefined);
      return false;
    });
    if (!turn) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    try {
      if ((await readFile(path, 'utf8').catch(() => undefined)) === seen) await unlink(path).catch(() => undefined);
    } finally {
      await unlink(guard).catch(() => undefined);
    }
  }
  const [pidText, host = ''] = (await readFile(path, 'utf8').catch(() => '')).trim().split(' ');
  return { ok: false, pid: Number(pidText) || 0, host, path };
}
