import { spawnSync } from 'node:child_process';
import { BIN } from './cli.js';

/**
 * A Node option that makes every write into a file whose path holds one of
 * the strings in `MIGRATION_NEWS_TEST_FULL` (separated by `|`) fail as on a
 * full disk (ENOSPC), after the file was opened: through `writeFile` of
 * `node:fs/promises` and through a `FileHandle` it opens. Patched before the
 * binary starts, through Node's own builtin-module synchronisation.
 */
const FULL_FOR = `data:text/javascript,${encodeURIComponent(`
import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(process.execPath);
const promises = require('node:fs/promises');
const parts = (process.env.MIGRATION_NEWS_TEST_FULL ?? '').split('|').filter(Boolean);
const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
const hit = (path) => parts.some((part) => String(path).includes(part));
const writeFile = promises.writeFile;
promises.writeFile = async (path, ...rest) => {
  if (!hit(path)) return writeFile(path, ...rest);
  // As a full disk does: the file is made, then the write fails.
  await writeFile(path, '', ...rest.slice(1));
  throw full();
};
const open = promises.open;
promises.open = async (path, ...rest) => {
  const handle = await open(path, ...rest);
  if (hit(path)) handle.writeFile = async () => { throw full(); };
  return handle;
};
syncBuiltinESMExports();
`)}`;

/** Runs the binary with writes into the files `full` names failing as on a full disk. */
export function runWithFullDisk(args: readonly string[], cwd: string, full: readonly string[]) {
  return spawnSync(process.execPath, ['--import', FULL_FOR, BIN, ...args], {
    cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', MIGRATION_NEWS_TEST_FULL: full.join('|') },
  });
}
