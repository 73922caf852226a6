import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { watch } from 'chokidar';
import { watchProject } from '../src/io/watch.js';

/**
 * The file watcher does not always say that a watched folder itself went.
 * Here it says nothing at all, so what the project's watch does is seen
 * alone: a folder that goes while a check reads it must be checked again,
 * or its going is never reported.
 */
class SilentWatcher extends EventEmitter {
  add(): this {
    return this;
  }
  unwatch(): this {
    return this;
  }
  async close(): Promise<void> {}
}

const silent = new SilentWatcher();
const silentWatch = (() => silent) as unknown as typeof watch;

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the project watch', () => {
  it('checks again a watched folder that went during a check, though the watcher said nothing of it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'migration-news-watch-'));
    const folder = join(dir, 'releases');
    await mkdir(folder);
    const runs: string[][] = [];
    // Looked for only after each check: the lookout twice a second would find the folder gone too, and hide a check that does not.
    const watch = watchProject({ paths: [folder] }, async (changed) => {
      runs.push(changed);
      // The folder goes while the first check reads it.
      if (runs.length === 1) await rm(folder, { recursive: true });
        }, { settleMs: 10, watcher: silentWatch, goneCheckMs: 60_000 });
    try {
      silent.emit('ready');
      await watch.ready;
      silent.emit('all', 'change', join(folder, 'a.md'));
      await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 5_000 });
      expect(runs[1]).toContain(folder);
    } finally {
      await watch.close();
    }
  });
});
