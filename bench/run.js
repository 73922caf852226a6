// npm run bench [-- N]: builds N synthetic releases (default 2,000) and prints
// releases per second beside the floor: the same files merely parsed with
// gray-matter and rendered with marked, in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

const count = Number(process.argv[2] ?? process.env.BENCH_RELEASES ?? 2000);
if (!Number.isInteger(count) || count < 1) {
  console.error('usage: npm run bench -- [number of releases]');
  process.exit(2);
}
const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'migration-news-bench-'));
try {
  await writeCorpus(dir, count);
  const measure = (mode) => JSON.parse(execFileSync(process.execPath, [worker, mode, dir, join(dir, 'dist')], { encoding: 'utf8' }));
  measure('floor'); // warm the file cache for both
  const floor = measure('floor');
  const build = measure('build');
  const rate = (m) => (m.count / m.seconds).toFixed(0).padStart(7);
  console.log(`corpus: ${count} releases (${build.count} built: html, text and json each)`);
  console.log(`floor  gray-matter + marked   ${rate(floor)} releases/s  ${floor.seconds.toFixed(2)} s  peak ${floor.maxRssMiB.toFixed(0)} MiB`);
  console.log(`build  migration-news         ${rate(build)} releases/s  ${build.seconds.toFixed(2)} s  peak ${build.maxRssMiB.toFixed(0)} MiB`);
  console.log(`build runs at ${((build.count / build.seconds) / (floor.count / floor.seconds) * 100).toFixed(0)}% of the floor's rate (three outputs per release, validation, atomic writes).`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
