// One measurement in its own process, so that peak memory is its own.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const [mode, dir, out] = process.argv.slice(2);
const started = performance.now();
let count = 0;
if (mode === 'floor') {
  const { default: matter } = await import('gray-matter');
  const { marked } = await import('marked');
  const folder = join(dir, 'releases');
  for (const name of (await readdir(folder)).sort()) {
    const text = await readFile(join(folder, name), 'utf8');
    // Options are passed so that gray-matter's cache does not flatter the floor.
    const file = matter(text, { language: 'yaml' });
    marked.parse(file.content);
    count++;
  }
} else {
  const { buildProject } = await import('../lib/pipeline.js');
  const summary = await buildProject({
    cwd: dir, paths: ['releases'], out, formats: ['html', 'text', 'json'], template: 'default',
    drafts: true, keepGoing: false, now: Date.parse('2026-11-28T12:00:00+04:00'),
  });
  if (summary.diagnostics.some((d) => d.severity === 'error')) throw new Error(`benchmark corpus has errors: ${summary.diagnostics[0].message}`);
  count = summary.built;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ count, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
