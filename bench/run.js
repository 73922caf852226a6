// npm run bench [-- N] [--large] [--startup] [--runs=R] [--examples]
//
// Builds a synthetic archive of N releases (default 2,000; with --large also
// 10,000), or with --examples one made from copies of the bundled examples,
// which are real releases' length (bench/corpus.js), and measures, side by side in one run so that a busy machine slows
// all of them alike:
//   - the floor: read + gray-matter + marked + write, one thread;
//   - the least a build of three formats through a template must do: the
//     floor with its page through Eleventy's Liquid layout and a text and a
//     JSON file written beside it, nothing checked, no site; on one thread,
//     and on a thread per core, each loading its own libraries as build
//     threads do. When that takes longer than the floor, so must any build;
//   - Eleventy 3.1.8 building HTML only with one Liquid layout (installed on
//     demand into bench/.eleventy, never a dependency of migration-news);
//   - migration-news building HTML + text + JSON, HTML only, and again after
//     one release changed (checked byte for byte against a fresh full build);
//   - the site's overhead: the full build against the same build without the
//     site's pages, feeds and sitemaps. There is no switch for that, so the
//     variant uses a copy of the default template set without its listing,
//     tag and home templates, and a config without `site.url` (which feeds
//     and sitemaps need); releases.json is still written;
//   - start-up: `validate one.md` against Node importing gray-matter, marked
//     and zod; `--help` against `node -e 0`; wall time and, on Linux, CPU time.
// Each figure is a whole process running the bundled CLI, as the binary
// does: wall time and its peak RSS. Every build is measured R times (default
// 3), the contenders taking turns, and the median is the figure: a shared
// machine's noise moves single runs by a tenth, enough to flip a ratio near
// its target. Ratios are printed against the targets of the README's
// "Performance" section.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem, tmpdir, availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYOUT } from './layout.js';
import { exampleSources, examplesReleaseText, releaseFileName, releaseText, writeCorpus, writeExamplesCorpus } from './corpus.js';

const args = process.argv.slice(2);
const large = args.includes('--large');
/** Only the start-up figures: quick to repeat while working on start-up. */
const startupOnly = args.includes('--startup');
/** Releases made from the bundled examples instead of the synthetic ones: two to three times as long, as a real archive's are. */
const fromExamples = args.includes('--examples');
const examples = fileURLToPath(new URL('../examples', import.meta.url));
/** Start-up figures are a few dozen ms on a shared machine: enough runs that a busy moment does not decide the median. */
const STARTUP_RUNS = 21;
const positional = args.filter((a) => !a.startsWith('--'));
const count = Number(positional[0] ?? process.env.BENCH_RELEASES ?? 2000);
/** How many times each build is measured; the median counts. */
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run bench -- [number of releases] [--large] [--startup] [--runs=R]');
  process.exit(2);
}
const sizes = large ? [...new Set([count, 10_000])] : [count];

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const worker = join(here, 'worker.js');
const bin = join(root, 'bin', 'migration-news.js');
const NOW = '2026-11-28T12:00:00+04:00';

installEleventy();

const ELEVENTY_CONFIG = `export default function (eleventyConfig) {
  eleventyConfig.setTemplateFormats(['md']);
  eleventyConfig.addGlobalData('layout', 'release.liquid');
  return { dir: { includes: '../eleventy-layouts' } };
}
`;

console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}, ${process.platform}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average at the start: ${load()}`);
const creating = () => `creating a small file: ${fileCreationMicros().toFixed(0)} µs (the median of 5 rounds of 400 in a fresh folder; a build writes 3 files per release, Eleventy 1)`;
console.log(creating());
console.log(coreSpeeds());

const results = new Map();
for (const size of startupOnly ? [] : sizes) results.set(size, await benchSize(size));
if (large && !startupOnly) {
  const small = results.get(sizes[0]);
  const big = results.get(10_000);
  console.log(`\nmemory flatness: full build peak at 10,000 is ${ratio(big.full.maxRssMiB, small.full.maxRssMiB).toFixed(2)}× the ${sizes[0].toLocaleString('en')} figure (target ≤ 1.20×) ${mark(big.full.maxRssMiB <= 1.2 * small.full.maxRssMiB)}`);
}
console.log(`\nstart-up (${STARTUP_RUNS} runs each, interleaved; wall time: the median; CPU time, where Linux tells it: the mean):`);
await startup();
console.log(`\nload average at the end: ${load()}`);
console.log(creating());

async function benchSize(size) {
  const dir = await mkdtemp(join(tmpdir(), 'migration-news-bench-'));
  try {
    const corpus = join(dir, 'corpus');
    if (fromExamples) await writeExamplesCorpus(corpus, size, examples);
    else await writeCorpus(corpus, size);
    await mkdir(join(corpus, 'eleventy-layouts'), { recursive: true });
    await writeFile(join(corpus, 'eleventy-layouts', 'release.liquid'), LAYOUT);
    await writeFile(join(corpus, 'eleventy.config.mjs'), ELEVENTY_CONFIG);
    const build = (out, formats, extra = []) => ['build', 'releases', '--out', out, '--format', formats, '--drafts', '--now', NOW, '--reporter', 'json', ...extra];
    // The same build without the site (see the top of this file).
    await cp(join(root, 'templates', 'default'), join(corpus, 'bare'), { recursive: true });
    for (const page of ['index', 'tag', 'home']) await rm(join(corpus, 'bare', `${page}.html.liquid`));
    await writeFile(join(corpus, 'bare', 'template.yaml'), 'name: bare\nformats: [html, text, json, ninjs]\n');
    const config = await readFile(join(corpus, 'migration-news.config.yaml'), 'utf8');
    await writeFile(join(corpus, 'no-site.config.yaml'), config.replace(/^site:\n(?: {2}.*\n)*/m, ''));
    const withoutSite = ['--template', './bare', '--config', 'no-site.config.yaml'];

    measure('floor', corpus, [join(dir, 'warm')]); // warms the file cache for everyone
    // Each round measures every contender once, in turn, each into a folder of its own.
    const rounds = { floor: [], least: [], leastThreads: [], eleventy: [], full: [], noSite: [], html: [], incremental: [] };
    for (let i = 0; i < runs; i++) {
      rounds.floor.push(measure('floor', corpus, [join(dir, `floor-${i}`)]));
      rounds.least.push(measure('least', corpus, [join(dir, `least-${i}`)]));
      rounds.leastThreads.push(measure('least-threads', corpus, [join(dir, `least-threads-${i}`)]));
      rounds.eleventy.push(measure('eleventy', corpus, [join(dir, `eleventy-${i}`)]));
      rounds.full.push(measure('cli', corpus, ['--', ...build(join(dir, `full-${i}`), 'html,text,json')]));
      rounds.noSite.push(measure('cli', corpus, ['--', ...build(join(dir, `no-site-${i}`), 'html,text,json', withoutSite)]));
      if (existsSync(join(dir, `no-site-${i}`, 'sitemap.xml')) || existsSync(join(dir, `no-site-${i}`, 'index.html')) || !existsSync(join(dir, `full-${i}`, 'sitemap.xml'))) throw new Error('the build without the site is not what it should be');
      rounds.html.push(measure('cli', corpus, ['--', ...build(join(dir, `html-${i}`), 'html')]));
    }
    // One release changes, again in each round; the build into the folder of the first full build brings it up to date.
    const changed = Math.floor(size / 2);
    const sources = fromExamples ? await exampleSources(examples) : [];
    for (let i = 0; i < runs; i++) {
      await writeFile(join(corpus, 'releases', releaseFileName(changed)), fromExamples ? examplesReleaseText(sources, changed, i + 1) : releaseText(changed, i + 1));
      rounds.incremental.push(measure('cli', corpus, ['--', ...build(join(dir, 'full-0'), 'html,text,json')]));
    }
    measure('cli', corpus, ['--', ...build(join(dir, 'fresh'), 'html,text,json')]);
    const identical = sameTree(join(dir, 'full-0'), join(dir, 'fresh'));
    const r = Object.fromEntries(Object.entries(rounds).map(([name, ms]) => [name, medianOf(ms)]));

    const label = (name) => name.padEnd(44);
    const spread = (m) => (runs > 1 ? `  (${m.fastest.toFixed(2)}–${m.slowest.toFixed(2)} s)` : '');
    const line = (name, m, rate = (m.count / m.seconds).toFixed(0)) => console.log(`${label(name)} ${m.seconds.toFixed(2).padStart(6)} s ${rate.padStart(7)} releases/s  peak ${m.maxRssMiB.toFixed(0).padStart(4)} MiB${spread(m)}`);
    console.log(`\n${size.toLocaleString('en')} ${fromExamples ? 'releases made from the examples' : 'releases'} (${r.full.count} built; ${runs === 1 ? 'one run each' : `the median of ${runs} runs each, fastest–slowest in brackets`})`);
    line('floor: read + gray-matter + marked + write', r.floor);
    line('least for three formats, Liquid layout', r.least);
    line(`the same on ${availableParallelism()} threads`, r.leastThreads);
    line('Eleventy 3.1.8, HTML only, Liquid layout', r.eleventy);
    line('migration-news build, HTML + text + JSON', r.full);
    line('migration-news build, without the site', r.noSite);
    line('migration-news build, HTML only', r.html);
    line('migration-news build after 1 change', r.incremental, '-');
    console.log(`  incremental output identical to a full build: ${identical ? 'yes' : 'NO'}`);
    // The verdict is on the value itself, not on its rounding for display.
    const target = (what, value, limit, unit = '×') => console.log(`  ${what.padEnd(52)} ${value.toFixed(unit === '×' ? 2 : 0).padStart(6)}${unit} (target ≤ ${limit}${unit}) ${mark(value <= limit)}`);
    target('full build time / Eleventy HTML-only time', ratio(r.full.seconds, r.eleventy.seconds), 0.67);
    target('full build time / floor time', ratio(r.full.seconds, r.floor.seconds), 1.0);
    // No build of three formats through a template can take less than the least such work on all the machine's threads.
    console.log(`  ${'least for three formats on all threads / floor time'.padEnd(52)} ${ratio(r.leastThreads.seconds, r.floor.seconds).toFixed(2).padStart(6)}× (over 1×: the floor's target is out of reach on this machine)`);
    target('HTML-only build time / Eleventy time', ratio(r.html.seconds, r.eleventy.seconds), 0.67);
    target('incremental rebuild time / full build time', ratio(r.incremental.seconds, r.full.seconds), 0.1);
    target('full build time with the site / without', ratio(r.full.seconds, r.noSite.seconds), 1.15);
    if (size >= 10_000) target('full build peak RSS', r.full.maxRssMiB, 150, ' MiB');
    return r;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one measurement in a fresh process: wall time from outside, peak RSS from inside. */
function measure(mode, corpus, rest) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [worker, mode, corpus, ...rest], { cwd: corpus, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${mode} failed (${run.status ?? run.signal}):\n${run.stderr}`);
  return { seconds, ...JSON.parse(run.stdout.trim().split("\n").at(-1)) };
}

/**
 * What creating one small file costs on this machine now, in µs. It is no
 * constant: it was seen to vary twentyfold within minutes (13 to 350 µs),
 * and every build here creates thousands of files. On an ext4 file system
 * without a journal, a new inode is found by passing over those deleted in
 * the last minute or so, so a run that follows a large deletion (a test
 * run, an earlier bench) pays for it on every file it creates.
 */
function fileCreationMicros() {
  const text = '<p>Səhifə</p>\n'.repeat(300);
  const folder = mkdtempSync(join(tmpdir(), 'migration-news-bench-files-'));
  try {
    const rounds = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      for (let i = 0; i < 400; i++) writeFileSync(join(folder, `${round}-${i}.html`), text, { flag: 'wx', encoding: 'utf8' });
      rounds.push(((performance.now() - started) * 1000) / 400);
    }
    return median(rounds);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * How fast each core runs the floor's own lexing, in a process pinned to it
 * (Linux's taskset): the fastest of five rounds of marked over 1,500 short
 * texts. A virtual machine's cores can differ: on one of this project's
 * machines the second ran it some 1.7 times slower than the first, while a
 * loop of arithmetic ran as fast on either, and two threads then gain far
 * less than two cores would.
 */
function coreSpeeds() {
  const probe = `import { marked } from 'marked';
const texts = Array.from({ length: 1500 }, (_, i) => ('## Update ' + i + '\\n\\nThe service **handled** case ' + i + ' on *duty*: see [the guidance](https://example.az/' + i + ').\\n\\n- one\\n- two\\n\\n').repeat(4));
let best = Infinity;
for (let round = 0; round < 5; round++) { const t = performance.now(); for (const text of texts) marked.parse(text); best = Math.min(best, performance.now() - t); }
process.stdout.write(best.toFixed(0));`;
  const times = [];
  for (let core = 0; core < availableParallelism(); core++) {
    const run = spawnSync('taskset', ['-c', String(core), process.execPath, '--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0 || !/^\d+$/.test(run.stdout)) return 'each core\'s speed: not measured (no taskset to pin a process to one)';
    times.push(Number(run.stdout));
  }
  const slowest = Math.max(...times) / Math.min(...times);
  return `each core's speed, marked over 1,500 short texts in a process pinned to it: ${times.map((ms, core) => `core ${core} ${ms} ms`).join(', ')} (the slowest ${slowest.toFixed(2)}× the fastest)`;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median run of several measurements of one build: its time and its peak RSS, each the median, with the fastest and slowest time. */
function medianOf(measurements) {
  const seconds = measurements.map((m) => m.seconds);
  return {
    count: measurements[0].count,
    seconds: median(seconds),
    maxRssMiB: median(measurements.map((m) => m.maxRssMiB)),
    fastest: Math.min(...seconds),
    slowest: Math.max(...seconds),
  };
}

/**
 * CPU time (user + system) of the children this process has waited for, in
 * ms, from Linux's /proc (cutime and cstime, in ticks of 1/100 s, the USER_HZ
 * of every Linux Node runs on); undefined elsewhere. A start-up figure on a
 * shared, busy machine: unlike wall time it does not count the time a
 * process waited for a core.
 */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ').at(-1).split(' ');
    // After the command's name: the state is field 3, cutime and cstime are fields 16 and 17.
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * 10;
  } catch {
    return undefined;
  }
}

async function startup() {
  const project = await mkdtemp(join(tmpdir(), 'migration-news-bench-startup-'));
  try {
    await writeCorpus(project, 1);
    const one = join('releases', releaseFileName(0));
    const cases = {
      'node -e 0': [process.execPath, ['-e', '0'], root],
      'migration-news --help': [process.execPath, [bin, '--help'], root],
      'node importing gray-matter, marked, zod': [process.execPath, ['--input-type=module', '-e', "await import('gray-matter'); await import('marked'); await import('zod');"], root],
      'migration-news validate one.md': [process.execPath, [bin, 'validate', one], project],
    };
    const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, 0]));
    for (let i = 0; i < STARTUP_RUNS; i++) {
      for (const [name, [cmd, argv, cwd]] of Object.entries(cases)) {
        const cpuBefore = childrenCpuMs();
        const started = performance.now();
        const run = spawnSync(cmd, argv, { cwd, encoding: 'utf8' });
        times[name].push(performance.now() - started);
        cpu[name] += childrenCpuMs() - cpuBefore;
        if (run.status !== 0) throw new Error(`${name} failed:\n${run.stdout}${run.stderr}`);
      }
    }
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    // Summed over the runs: one run's CPU time is counted in whole ticks.
    const hasCpu = !Number.isNaN(Object.values(cpu)[0]);
    console.log(`${''.padEnd(44)} ${'wall'.padStart(9)}${hasCpu ? '   CPU (mean)' : ''}`);
    for (const [name, ms] of Object.entries(m)) console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms${hasCpu ? ` ${(cpu[name] / STARTUP_RUNS).toFixed(0).padStart(7)} ms` : ''}`);
    const ratios = (a, b) => ({ wall: m[a] / m[b], cpu: cpu[a] / cpu[b] });
    const line = (label, { wall, cpu: cpuRatio }, target) => {
      console.log(`  ${label.padEnd(52)} ${wall.toFixed(2).padStart(6)}× (target ≤ ${target}×) ${mark(wall <= target)}`);
      if (hasCpu) console.log(`  ${'  in CPU time'.padEnd(52)} ${cpuRatio.toFixed(2).padStart(6)}× ${mark(cpuRatio <= target)}`);
    };
    line('--help / node -e 0', ratios('migration-news --help', 'node -e 0'), 1.1);
    line('validate one.md / node importing the three', ratios('migration-news validate one.md', 'node importing gray-matter, marked, zod'), 1.2);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

/** Whether two folders hold the same files with the same bytes. */
function sameTree(a, b) {
  const digest = (folder) => {
    const files = [];
    const walk = (d) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const path = join(d, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.push(`${relative(folder, path)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
      }
    };
    walk(folder);
    return files.sort().join('\n');
  };
  return existsSync(a) && existsSync(b) && statSync(a).isDirectory() && digest(a) === digest(b);
}

function installEleventy() {
  const folder = join(here, '.eleventy');
  if (existsSync(join(folder, 'node_modules', '@11ty', 'eleventy', 'package.json'))) return;
  console.log('Installing Eleventy 3.1.8 into bench/.eleventy (for comparison only)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: folder, stdio: 'inherit' });
}

function ratio(a, b) {
  return a / b;
}

function mark(ok) {
  return ok ? 'ok' : 'MISSED';
}
