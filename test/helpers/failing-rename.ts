import fs from 'node:fs';
import { withFileSystem } from './builtins.js';

/**
 * Runs `run` (a build in this process) with the `n`-th `rename` from or
 * into the folder `out` failing as a full or broken disk would (EIO): a
 * failure leaves the process running, so it needs no child process of its
 * own. Says what `run` gave and how many such renames were asked for.
 */
export async function withFailingRename<T>(out: string, n: number, run: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const rename = fs.promises.rename;
  let calls = 0;
  const failing: typeof rename = async (from, to) => {
    if (String(from).startsWith(out + '/') || String(to).startsWith(out + '/')) {
      calls++;
      if (calls === n) throw Object.assign(new Error('injected failure'), { code: 'EIO', syscall: 'rename' });
    }
    return rename(from, to);
  };
  const result = await withFileSystem({ promises: { rename: failing } }, run);
  return { result, calls };
}
