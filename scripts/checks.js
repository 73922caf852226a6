// `npm test`: the type check and the lint start at once, beside the build
// (the tests run the binary from lib/), then the test suite once the build
// is done: each check is one process on one core, and the build and the
// suite leave room beside them, so run one after another they would cost
// more than their sum on two cores. The build is skipped when lib/ was built
// from the files as they are (as `npm ci` leaves it). The suite's output
// comes as it runs; each check's, with how long it took, after it. Exits
// with the first failure's code. The type check is TypeScript's native
// compiler (the `typescript-7` package: some 3 s of processor time from a
// clean clone, against 20 s for TypeScript 6, which the lint and the build
// keep using, as typescript-eslint asks). The type check and the lint keep
// what they found in node_modules/.cache/migration-news where that can be
// written, so that a later run reads again only what changed.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUTS_RECORD, inputsHash } from './source-hash.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const shell = process.platform === 'win32';

/** Runs `npm run <script>` with `args` after the script's own, keeping its output for the report. */
const run = (script, args = []) =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(npm, ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], { stdio: ['ignore', 'pipe', 'pipe'], shell });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ script, code: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('close', (code, signal) => resolve({ script, code: code ?? (signal ? 1 : 0), output, seconds: (performance.now() - started) / 1000 }));
  });

const report = ({ script, code, output, seconds }) => {
  process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}  npm run ${script} (${seconds.toFixed(1)} s)\n`);
  if (output.trim() !== '') process.stdout.write(`${output.replace(/\n?$/, '\n')}`);
};

const root = fileURLToPath(new URL('..', import.meta.url));
/** Whether lib/ holds a build of the sources and build files as they are now. */
function built() {
  if (!['lib/index.js', 'lib/bundle/main.cjs'].every((file) => existsSync(`${root}${file}`))) return false;
  try {
    return readFileSync(`${root}${INPUTS_RECORD}`, 'utf8').trim() === inputsHash(root);
  } catch {
    return false;
  }
}

/** The folder where the type check and the lint keep what they found; none where it cannot be written (a read-only node_modules), since both would fail to write there. */
function cacheFolder() {
  const folder = join(root, 'node_modules/.cache/migration-news');
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    return folder;
  } catch {
    return undefined;
  }
}

const cache = cacheFolder();
const checks = Promise.all([
  run('typecheck', cache ? ['--incremental', '--tsBuildInfoFile', join(cache, 'typecheck.tsbuildinfo')] : []),
  // Given to eslint, the lint script's last command.
  run('lint', cache ? ['--cache', '--cache-strategy', 'content', '--cache-location', join(cache, 'eslint')] : []),
]);
if (built()) {
  process.stdout.write('ok  lib/ is built from these files (build skipped)\n');
} else {
  const build = await run('build');
  report(build);
  if (build.code !== 0) {
    for (const result of await checks) report(result);
    process.exit(build.code);
  }
}
const suite = await new Promise((resolve) => {
  const child = spawn(npm, ['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit', shell });
  child.on('error', () => resolve(1));
  child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
const results = await checks;
for (const result of results) report(result);
process.exit([...results.map((r) => r.code), suite].find((code) => code !== 0) ?? 0);
