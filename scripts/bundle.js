// Bundles the CLI into lib/bundle/ so that the binary starts fast: Node
// resolving, reading and translating some hundred module files (commander,
// zod, yaml, marked, liquidjs and our own) costs more than running them.
// Each command's module stays a chunk of its own, loaded only when that
// command runs. lib/ (from tsc) remains the library build.
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sourceHash } from './source-hash.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}lib/bundle`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

// An incremental build record written by another build of the same version is not trusted (see src/version.ts).
const buildId = `${version}+${sourceHash(root)}`;

/** The bundle carries its version instead of reading package.json relative to a module that no longer has its own file. */
const bakedVersion = {
  name: 'baked-version',
  setup(build) {
    build.onResolve({ filter: /(^|\/)version\.js$/ }, (args) => (args.importer.startsWith(`${root}src/`) ? { path: 'version', namespace: 'baked-version' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'baked-version' }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)}; export const BUILD_ID = ${JSON.stringify(buildId)};`, loader: 'js' }));
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

/**
 * Dependencies that start-up need not pay for: their code is neither parsed
 * nor run until first used, then loaded from node_modules (they are
 * dependencies of the package). sanitize-html brings htmlparser2, postcss
 * and source maps, a quarter of the code `validate` would load, for
 * rendering `html: safe` projects only; gray-matter loads js-yaml, which our
 * front matter never uses (parse.ts gives gray-matter the yaml package).
 * Each entry: the module, who imports it, and the module's shape.
 */
const LAZY = [
  { name: 'sanitize-html', importer: `${root}src/`, contents: "module.exports = function sanitizeHtml(html, options) { return require('sanitize-html')(html, options); };" },
  { name: 'js-yaml', importer: `${root}node_modules/gray-matter/`, contents: "module.exports = { safeLoad: (...a) => require('js-yaml').safeLoad(...a), safeDump: (...a) => require('js-yaml').safeDump(...a) };" },
];
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    for (const { name, importer, contents } of LAZY) {
      const filter = new RegExp(`^${name}$`);
      build.onResolve({ filter }, (args) => {
        if (args.namespace === 'lazy-modules') return { path: name, external: true };
        return args.importer.startsWith(importer) ? { path: name, namespace: 'lazy-modules' } : undefined;
      });
      build.onLoad({ filter, namespace: 'lazy-modules' }, () => ({ contents, loader: 'js' }));
    }
  },
};

await rm(out, { recursive: true, force: true });
const result = await build({
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
  plugins: [bakedVersion, lazyChildProcess, lazyModules],
  metafile: process.env.BUNDLE_METAFILE !== undefined,
  // CommonJS dependencies (gray-matter, commander) call require for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
// BUNDLE_METAFILE=path: what each chunk holds, for looking into start-up time (esbuild's analyzer reads it).
if (result.metafile) await writeFile(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile));
