// `npm test`'s first half: the build, the type check and the lint run side by
// side (each is one process on one core; run one after another they cost the
// sum of the three), then each one's output is printed in a fixed order.
// Exits with the first failing check's code; the tests need all three green
// (and the build's lib/, which the subprocess tests run).
import { spawn } from 'node:child_process';

const CHECKS = ['build', 'typecheck', 'lint'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const run = (script) =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ script, code: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('close', (code, signal) => resolve({ script, code: code ?? (signal ? 1 : 0), output, seconds: (performance.now() - started) / 1000 }));
  });

const results = await Promise.all(CHECKS.map(run));
let failed = 0;
for (const { script, code, output, seconds } of results) {
  process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}  npm run ${script} (${seconds.toFixed(1)} s)\n`);
  if (output.trim() !== '') process.stdout.write(`${output.replace(/\n?$/, '\n')}`);
  if (code !== 0 && failed === 0) failed = code;
}
process.exit(failed);
