// Bundles the CLI into lib/bundle/ so that the binary starts fast: Node
// resolving, reading and translating some hundred module files (commander,
// zod, yaml, marked, liquidjs and our own) costs more than running them.
// Each command's module stays a chunk of its own, loaded only when that
// command runs. lib/ (from tsc) remains the library build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * fdir (under tinyglobby) loads picomatch from node_modules at start-up with
 * its own require, for its glob option, which tinyglobby does not use:
 * five more files read and compiled on every start. It gets the picomatch
 * the bundle already holds instead.
 */
const FDIR_PICOMATCH = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
const bundledPicomatchForFdir = {
  name: 'bundled-picomatch-for-fdir',
  setup(build) {
    build.onLoad({ filter: /\/node_modules\/fdir\/dist\/index\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!FDIR_PICOMATCH.test(source)) throw new Error(`${args.path}: fdir no longer loads picomatch as scripts/bundle.js expects; look again at how it does`);
      return { contents: `import __bundledPicomatch from 'picomatch';\n${source.replace(FDIR_PICOMATCH, 'pm = __bundledPicomatch;')}`, loader: 'js' };
    });
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
  plugins: [bakedVersion, lazyChildProcess, lazyModules, bundledPicomatchForFdir],
  metafile: process.env.BUNDLE_METAFILE !== undefined,
  // CommonJS dependencies (gray-matter, commander) call require for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
// BUNDLE_METAFILE=path: what each chunk holds, for looking into start-up time (esbuild's analyzer reads it).
if (result.metafile) await writeFile(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile));

/**
 * The binary's fast path for help (src/cli/help-forms.ts): the real program,
 * just bundled, is run for every way of asking for help or the version, in
 * a child whose standard output is a pipe, so commander wraps to 80 columns
 * as it does whenever standard output is no terminal. What each printed is
 * kept in lib/bundle/help.json.
 */
const record = spawnSync(process.execPath, ['--input-type=module', '-e', `
  const { main, createProgram } = await import(${JSON.stringify(pathToFileURL(`${out}/main.js`).href)});
  const { helpForms } = await import(${JSON.stringify(pathToFileURL(`${root}lib/cli/help-forms.js`).href)});
  const quiet = { write: () => true };
  const env = { cwd: process.cwd(), env: {}, stdout: quiet, stderr: quiet, readStdin: async () => new Uint8Array(), isTTY: false };
  const recorded = [];
  for (const form of helpForms(createProgram(env))) {
    let stdout = '', stderr = '';
    const code = await main(form, { ...env, stdout: { write: (s) => { stdout += s; return true; } }, stderr: { write: (s) => { stderr += s; return true; } } });
    recorded.push({ form, code, stdout, stderr });
  }
  process.stdout.write(JSON.stringify({ isTTY: Boolean(process.stdout.isTTY), recorded }));
`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
if (record.status !== 0) throw new Error(`recording the help texts failed:\n${record.stderr}`);
const { isTTY, recorded } = JSON.parse(record.stdout);
if (isTTY) throw new Error('recording the help texts: standard output is a terminal, so commander would not wrap to 80 columns');
const help = { forms: {}, texts: [] };
for (const { form, code, stdout, stderr } of recorded) {
  // Only a form that succeeds printing to standard output alone can be answered without commander.
  if (code !== 0 || stderr !== '' || stdout === '') throw new Error(`recording the help texts: \`${form.join(' ')}\` exited ${code} with ${JSON.stringify(stderr)}`);
  let index = help.texts.indexOf(stdout);
  if (index === -1) index = help.texts.push(stdout) - 1;
  help.forms[JSON.stringify(form)] = index;
}
await writeFile(`${out}/help.json`, JSON.stringify(help));
