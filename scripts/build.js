// `npm run build`: lib/ from src/ with tsc (without its type check, which
// `npm run typecheck` does), then the bundled CLI (scripts/bundle.js). Last,
// it records the hash of what it was made from (INPUTS_RECORD), which
// `npm test` compares to build again only when something changed. The record
// is removed first, so that a build that fails part-way leaves none, and the
// hash is taken before the build, so that a file changed while it runs makes
// the next `npm test` build again.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { INPUTS_RECORD, inputsHash } from './source-hash.js';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}${INPUTS_RECORD}`, { force: true });
const inputs = inputsHash(root);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (const args of [[tsc, '-p', 'tsconfig.build.json', '--noCheck'], [`${root}scripts/bundle.js`]]) {
  const { status, signal } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? (signal ? 1 : 0));
}
mkdirSync(dirname(`${root}${INPUTS_RECORD}`), { recursive: true });
writeFileSync(`${root}${INPUTS_RECORD}`, `${inputs}\n`);
