import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

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

/** Whether process `pid` on this host still runs. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockOutputFolder(out: string): Promise<OutputLock> {
  const path = lockPath(out);
  const mine = `${process.pid} ${hostname()}\n`;
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
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
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
    }
    const [pidText, host = ''] = (await readFile(path, 'utf8').catch(() => '')).trim().split(' ');
    const pid = Number(pidText);
    // A lock being written this instant reads empty: it is held.
    const held = !Number.isInteger(pid) || pid <= 0 ? attempt === 0 : host !== hostname() || isRunning(pid);
    if (held) {
      if (!Number.isInteger(pid) || pid <= 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      return { ok: false, pid, host, path };
    }
    // The process that held it is gone: its lock is stale.
    await unlink(path).catch(() => undefined);
  }
  const [pidText, host = ''] = (await readFile(path, 'utf8').catch(() => '')).trim().split(' ');
  return { ok: false, pid: Number(pidText) || 0, host, path };
}
