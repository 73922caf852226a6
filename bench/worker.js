// One measurement in a process of its own, so that its peak memory is its own
// (worker threads share the process, so theirs is counted too). The parent
// times the whole process, start-up included; this reports the peak RSS.
//
//   node bench/worker.js floor    <corpus> <out>
//   node bench/worker.js eleventy <corpus> <out>
//   node bench/worker.js cli      <corpus> -- <migration-news arguments>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [mode, dir, ...rest] = process.argv.slice(2);
let count = 0;

if (mode === 'floor') {
  // The least any tool must do: read each file, split the front matter, render the Markdown, write the page.
  const [out] = rest;
  const { default: matter } = await import('gray-matter');
  const { marked } = await import('marked');
  const folder = join(dir, 'releases');
  for (const name of readdirSync(folder).sort()) {
    const text = readFileSync(join(folder, name), 'utf8');
    // Options are passed so that gray-matter's cache does not flatter the floor.
    const file = matter(text, { language: 'yaml' });
    const page = join(out, file.data.lang, file.data.slug);
    mkdirSync(page, { recursive: true });
    writeFileSync(join(page, 'index.html'), marked.parse(file.content));
    count++;
  }
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
process.stdout.write(`\n${JSON.stringify({ count, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
