// Bundles the CLI into lib/bundle/ so that the binary starts fast: Node
// resolving, reading and translating some hundred module files (commander,
// zod, yaml, marked, liquidjs and our own) costs more than running them.
// Each command's module stays a chunk of its own, loaded only when that
// command runs. lib/ (from tsc) remains the library build.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}lib/bundle`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** The bundle carries its version instead of reading package.json relative to a module that no longer has its own file. */
const bakedVersion = {
  name: 'baked-version',
  setup(build) {
    build.onResolve({ filter: /(^|\/)version\.js$/ }, (args) => (args.importer.startsWith(`${root}src/`) ? { path: 'version', namespace: 'baked-version' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'baked-version' }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)};`, loader: 'js' }));
  },
};

/**
 * commander loads child_process (and with it net and streams) at start-up
 * for stand-alone executable subcommands, which this CLI has none of: the
 * module is loaded on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({ contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };", loader: 'js' }));
  },
};

await rm(out, { recursive: true, force: true });
await build({
  // The build threads' script sits beside the chunk that starts them, as `build-worker.js`.
  entryPoints: { main: `${root}src/cli/main.ts`, 'build-worker': `${root}src/app/build-worker.ts` },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  chunkNames: 'chunk-[hash]',
  plugins: [bakedVersion, lazyChildProcess],
  // CommonJS dependencies (gray-matter, commander) call require for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
