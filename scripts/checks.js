// `npm test`: the build first (the tests run the binary from lib/), then
// the type check, the lint and the test suite side by side: each check is
// one process on one core, and the suite leaves room beside it, so run one
// after another they would cost more than their sum on two cores. The
// suite's output comes as it runs; each check's, with how long it took,
// after it. Exits with the first failure's code.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const shell = process.platform === 'win32';

/** Runs `npm run <script>`, keeping its output for the report. */
const run = (script) =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], shell });
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

const build = await run('build');
report(build);
if (build.code !== 0) process.exit(build.code);

const checks = Promise.all(['typecheck', 'lint'].map(run));
const suite = await new Promise((resolve) => {
  const child = spawn(npm, ['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit', shell });
  child.on('error', () => resolve(1));
  child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
const results = await checks;
for (const result of results) report(result);
process.exit([...results.map((r) => r.code), suite].find((code) => code !== 0) ?? 0);
