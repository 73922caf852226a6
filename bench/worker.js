// One measurement in a process of its own, so that its peak memory is its own
// (worker threads share the process, so theirs is counted too). The parent
// times the whole process, start-up included; this reports the peak RSS.
//
//   node bench/worker.js floor         <corpus> <out>
//   node bench/worker.js least         <corpus> <out>
//   node bench/worker.js least-threads <corpus> <out>
//   node bench/worker.js eleventy      <corpus> <out>
//   node bench/worker.js cli           <corpus> -- <migration-news arguments>
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { LAYOUT } from './layout.js';

const [mode, dir, ...rest] = isMainThread ? process.argv.slice(2) : workerData.argv;
let count = 0;

/**
 * The floor's pages: read each file, split the front matter, render the
 * Markdown, write the page. With `least`, what a tool that writes three
 * formats through a template must do besides, and nothing more: the page
 * through the bench's Liquid layout (Eleventy's), the text and the JSON
 * written beside it; no checks, no site. Of the corpus's files, those whose
 * place in the sorted list is `part` modulo `parts`.
 */
async function floorPages(out, { least = false, part = 0, parts = 1 } = {}) {
  const { default: matter } = await import('gray-matter');
  const { marked } = await import('marked');
  const liquid = least ? new (await import('liquidjs')).Liquid() : undefined;
  const layout = liquid?.parse(LAYOUT);
  const folder = join(dir, 'releases');
  let pages = 0;
  for (const [i, name] of readdirSync(folder).sort().entries()) {
    if (i % parts !== part) continue;
    const text = readFileSync(join(folder, name), 'utf8');
    // Options are passed so that gray-matter's cache does not flatter the floor.
    const file = matter(text, { language: 'yaml' });
    const page = join(out, file.data.lang, file.data.slug);
    mkdirSync(page, { recursive: true });
    const html = marked.parse(file.content);
    writeFileSync(join(page, 'index.html'), layout ? liquid.renderSync(layout, { ...file.data, page: { date: file.data.date }, content: html }) : html);
    if (least) {
      writeFileSync(join(page, 'index.txt'), `${file.data.title}\n\n${file.content}`);
      writeFileSync(join(page, 'index.json'), `${JSON.stringify({ ...file.data, body_html: html }, null, 2)}\n`);
    }
    pages++;
  }
  return pages;
}

if (!isMainThread) {
  // One of `least-threads`' threads: its share of the releases.
  parentPort.postMessage(await floorPages(rest[0], { least: true, part: workerData.part, parts: workerData.parts }));
} else if (mode === 'floor') {
  // The least any tool must do: read each file, split the front matter, render the Markdown, write the page.
  count = await floorPages(rest[0]);
} else if (mode === 'least') {
  count = await floorPages(rest[0], { least: true });
} else if (mode === 'least-threads') {
  // The same, the releases shared out among a thread per core, each loading its own libraries, as a tool's build threads do.
  const parts = availableParallelism();
  const counts = await Promise.all(Array.from({ length: parts }, (_, part) => new Promise((resolve, reject) => {
    const thread = new Worker(new URL(import.meta.url), { workerData: { argv: [mode, dir, ...rest], part, parts } });
    thread.once('message', resolve);
    thread.once('error', reject);
  })));
  count = counts.reduce((a, b) => a + b, 0);
} else if (mode === 'eleventy') {
  const [out] = rest;
  const entry = fileURLToPath(new URL('./.eleventy/node_modules/@11ty/eleventy/src/Eleventy.js', import.meta.url));
  const { default: Eleventy } = await import(pathToFileURL(entry).href);
  const elev = new Eleventy(join(dir, 'releases'), out, {
    quietMode: true,
    configPath: join(dir, 'eleventy.config.mjs'),
  });
  await elev.write();
  count = readdirSync(join(dir, 'releases')).filter((n) => n.endsWith('.md')).length;
} else if (mode === 'cli') {
  // The same entry point the binary runs (the bundle), called as the binary calls it.
  const args = rest[0] === '--' ? rest.slice(1) : rest;
  const require = createRequire(import.meta.url);
  const { main } = process.env.BENCH_CLI_ENTRY ? await import(process.env.BENCH_CLI_ENTRY) : require('../bin/bundle-loader.js').bundleLoader(fileURLToPath(new URL('../lib/bundle', import.meta.url))).load('main');
  let output = '';
  const sink = { write: (s) => { output += s; return true; } };
  // The build record (incremental rebuilds) goes to a cache folder of the bench's own.
  // The compiler tuning is the binary's own (bin/compiler-tuning.js), so it is handed in as the binary hands it.
  const { tuneCompiler } = require('../bin/compiler-tuning.js');
  const code = await main(args, {
    cwd: dir, env: { NO_COLOR: '1', XDG_CACHE_HOME: join(dir, '..', 'cache') }, stdout: sink, stderr: sink, readStdin: async () => new Uint8Array(), isTTY: false,
    beforeThreads: tuneCompiler,
  });
  if (code !== 0) {
    process.stderr.write(`migration-news ${args.join(' ')} exited with ${code}:\n${output}`);
    process.exit(1);
  }
  const built = /Built (\d+) release/.exec(output);
  count = built ? Number(built[1]) : 0;
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
// The last line; Eleventy prints a summary of its own before it.
if (isMainThread) process.stdout.write(`\n${JSON.stringify({ count, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
