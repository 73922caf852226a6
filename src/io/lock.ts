import { constants } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isStillRunning, OWN_START } from './processes.js';

/**
 * One build at a time per output folder. Two builds into one folder at once
 * would each stage, commit and write its manifest over the other's, leaving
 * a mix that neither made and files that no manifest lists. The lock is a
 * file beside the folder (where its staging folders go), made with O_EXCL
 * and holding the builder's process id, host and (where the system tells
 * it) start; a lock whose process is gone (a build killed with SIGKILL) is
 * taken over, also when another process has got its pid since.
 */

export type OutputLock = { ok: true; release(): Promise<void> } | { ok: false; pid: number; host: string; path: string } | { ok: false; foreign: true; path: string };

/** What is at the lock's place when it is no lock this tool wrote: a link, a folder, a device, a file too long or not of the form. */
const FOREIGN = Symbol('foreign');
/** A lock's text: a process id, a host name and perhaps the process's start, as `lockOutputFolder` writes it. */
const LOCK_TEXT = /^(?:\d{1,10} [A-Za-z0-9._-]{0,253}(?: t\d{1,20})?\n?)?$/;
const MAX_LOCK_BYTES = 300;

/**
 * The lock's text; undefined when there is none; FOREIGN when something
 * else is there. A link is never followed and a device or pipe never read
 * from: the lock's place lies in the project (beside `--out`), where a pull
 * request could put a link to a file elsewhere on the machine.
 */
async function readLock(path: string): Promise<string | undefined | typeof FOREIGN> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : FOREIGN;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_LOCK_BYTES) return FOREIGN;
    const buffer = Buffer.alloc(MAX_LOCK_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.toString('utf8', 0, bytesRead);
    return bytesRead <= MAX_LOCK_BYTES && LOCK_TEXT.test(text) ? text : FOREIGN;
  } catch {
    return FOREIGN;
  } finally {
    await handle.close();
  }
}

/** Where the lock of `out` is: `.<name>.migration-news-lock` beside it. */
export function lockPath(out: string): string {
  return join(dirname(out), `.${basename(out)}.migration-news-lock`);
}

export async function lockOutputFolder(out: string): Promise<OutputLock> {
  const path = lockPath(out);
  const mine = `${process.pid} ${hostname()}${OWN_START === undefined ? '' : ` t${OWN_START}`}\n`;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(mine);
      await handle.close();
      return {
        ok: true,
        release: async () => {
          // Only our own lock is removed: one taken over meanwhile (it should not be) is left to its owner.
          if ((await readLock(path)) === mine) await unlink(path).catch(() => undefined);
        },
      };
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      // No folder to lock in yet (or a file where it should be): no build can be writing there; the build says what is wrong.
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: true, release: async () => undefined };
      if (code !== 'EEXIST') throw cause;
    }
    const seen = await readLock(path);
    if (seen === undefined) continue;
    if (seen === FOREIGN) return { ok: false, foreign: true, path };
    const [pidText, host = '', startText] = seen.trim().split(' ');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && (host !== hostname() || isStillRunning(pid, startText?.slice(1)))) return { ok: false, pid, host, path };
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
      if ((await readLock(path)) === seen) await unlink(path).catch(() => undefined);
    } finally {
      await unlink(guard).catch(() => undefined);
    }
  }
  const last = await readLock(path);
  if (last === FOREIGN) return { ok: false, foreign: true, path };
  const [pidText, host = ''] = (last ?? '').trim().split(' ');
  return { ok: false, pid: Number(pidText) || 0, host, path };
}
