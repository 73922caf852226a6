// Bundles the CLI into lib/bundle/ so that the binary starts fast: Node
// resolving, reading and translating some hundred module files (commander,
// zod, yaml, marked, liquidjs and our own) costs more than running them.
// Each command's module stays a chunk of its own, loaded only when that
// command runs. lib/ (from tsc) remains the library build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import { sourceHash } from './source-hash.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}lib/bundle`;
const { TOKEN_MARK } = createRequire(import.meta.url)('../bin/bundle-loader.js');
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
 * Each entry: the module, who imports it, and the module's shape. Those our
 * sources import are ES modules, so that esbuild refuses to build when a
 * source imports a name the stand-in lacks (a CommonJS stand-in gave it
 * `undefined`, and the binary failed where the tests, on the sources, did not).
 */
const LAZY = [
  { name: 'sanitize-html', importer: `${root}src/`, contents: "export default function sanitizeHtml(html, options) { return require('sanitize-html')(html, options); }" },
  { name: 'js-yaml', importer: `${root}node_modules/gray-matter/`, contents: "module.exports = { safeLoad: (...a) => require('js-yaml').safeLoad(...a), safeDump: (...a) => require('js-yaml').safeDump(...a) };" },
  // entities unpacks its table of HTML's 2,231 named references when it is loaded (some 13 ms of a cold start): text without an `&` has
  // nothing to decode, so a release without one never loads it.
  {
    name: 'entities', importer: `${root}src/`,
    contents: `let loaded; const decoder = (name) => (text, mode) => (text.includes('&') ? (loaded ??= require('entities'))[name](text, mode) : text);
${['decodeHTML', 'decodeHTMLStrict', 'decodeHTMLAttribute', 'decodeXML'].map((name) => `export const ${name} = decoder('${name}');`).join('\n')}`,
  },
  // htmlparser2 (which loads entities) reads raw HTML for its images and an SVG for active content: rare, and loaded then.
  { name: 'htmlparser2', importer: `${root}src/`, contents: "export function Parser(callbacks, options) { return new (require('htmlparser2').Parser)(callbacks, options); }" },
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

/**
 * esbuild puts each module in the chunk of the entry points that reach it,
 * every lazily imported module (a command, a reporter) counting as one, so
 * the code `validate` needs came out in some twenty chunks: a file each to
 * resolve, read and link at start-up. Every such entry point is made to
 * import what `main` imports itself and the `validate` command, so that
 * this shared code falls into a few chunks (validate went from 24 files to
 * 8). A command then loads some code it might not need: most need nearly
 * all of it anyway; `rules`, which needs none, is left out (KEEP_LEAN).
 */
const mainSource = readFileSync(`${root}src/cli/main.ts`, 'utf8');
/** What main.ts imports itself (small modules that import nothing of the commands back), without extension. */
const MAIN_IMPORTS = [...mainSource.matchAll(/^import (?!type )[^;]* from '(\.{1,2}\/[^']+)\.js';$/gm)].map((m) => resolve(`${root}src/cli`, m[1]));
const VALIDATE = `${root}src/cli/commands/validate`;
/**
 * Puts the shared imports in front of each lazily imported module (absolute
 * paths of sources): main's own imports in front of all, and `validate` in
 * front of those in `lazyOnly`.
 */
const sharedChunks = (lazyTargets, lazyOnly) => ({
  name: 'shared-chunks',
  setup(build) {
    build.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      if (!lazyTargets.has(args.path)) return undefined;
      const shared = [...MAIN_IMPORTS, ...(lazyOnly.has(args.path) ? [VALIDATE] : [])].filter((path) => `${path}.ts` !== args.path);
      // Written as main.ts writes them (`.js`), so that the other plugins see the same paths.
      return { contents: shared.map((path) => `import ${JSON.stringify(`${path}.js`)};\n`).join('') + await readFile(args.path, 'utf8'), loader: 'ts' };
    });
  },
});

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  // CommonJS dependencies (gray-matter, commander) call require for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

const cli = {
  ...common,
  entryPoints: { main: `${root}src/cli/main.ts` },
  outdir: out,
  splitting: true,
  chunkNames: 'chunk-[hash]',
};
const plugins = [bakedVersion, lazyChildProcess, lazyModules, bundledPicomatchForFdir];
/** Commands that need little of the shared code, and load only their own: `rules` prints a table. */
const KEEP_LEAN = ['src/cli/commands/rules.ts'];
// A first pass, written nowhere, finds the modules imported lazily (`import('./x.js')`), and which of them
// are never imported by an import statement: one imported both ways could import `validate` in the middle
// of validate's own imports, and run before what it needs.
const { metafile } = await build({ ...cli, plugins, write: false, metafile: true });
const lazy = new Set();
const imported = new Set();
for (const { imports } of Object.values(metafile.inputs)) {
  for (const { path, kind } of imports) (kind === 'dynamic-import' ? lazy : imported).add(path);
}
const sources = (paths) => new Set([...paths].filter((path) => path.startsWith('src/') && !KEEP_LEAN.includes(path)).map((path) => `${root}${path}`));
const lazyTargets = sources(lazy);
const lazyOnly = sources([...lazy].filter((path) => !imported.has(path)));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({ ...cli, plugins: [...plugins, sharedChunks(lazyTargets, lazyOnly)], write: false, metafile: process.env.BUNDLE_METAFILE !== undefined });
// BUNDLE_METAFILE=path: what each chunk holds, for looking into start-up time (esbuild's analyzer reads it).
if (result.metafile) await writeFile(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile));

/**
 * The CLI's files are CommonJS modules, each with V8's code cache beside it
 * (bin/bundle-loader.js): each ES module chunk esbuild made is turned into
 * one, its imports of the others into requires (`import()` too) and
 * `import.meta.url` into its own address, and ends in its token (the hash of
 * the rest), which its cache repeats.
 */
const ESM_BANNER = `${common.banner.js}\n`;
for (const { path, text } of result.outputFiles) {
  if (!path.endsWith('.js') || !text.startsWith(ESM_BANNER)) throw new Error(`${path}: not an ES module chunk as scripts/bundle.js makes them`);
  const { code } = await transform(text.slice(ESM_BANNER.length), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;",
    logLevel: 'warning',
  });
  if (code.includes('import.meta')) throw new Error(`${path}: still asks for import.meta once made CommonJS`);
  await writeFile(path.replace(/\.js$/, '.cjs'), `${code}${TOKEN_MARK}${createHash('sha256').update(code).digest('hex').slice(0, 32)}\n`);
}
// A build thread runs in a realm of its own, sharing no module with the main thread: one file of its own, beside the chunk that
// starts it, and a chunk for what it imports only when needed (e-mail's libraries, for an `eml` build), so it loads no more.
await build({
  ...common,
  entryPoints: { 'build-worker': `${root}src/app/build-worker.ts` },
  outdir: out,
  splitting: true,
  chunkNames: 'worker-chunk-[hash]',
  plugins: [bakedVersion, lazyModules, bundledPicomatchForFdir],
});

/**
 * The binary's fast path for help (src/cli/help-forms.ts): the layout of
 * each command's help, read from the real program just bundled, and the
 * version, in lib/bundle/help.cjs with the function that wraps a layout to a
 * width. Each is checked against what the program prints for every form
 * into a pipe (commander wraps to 80 columns there), in a child whose
 * standard output is a pipe.
 */
const record = spawnSync(process.execPath, ['--input-type=module', '-e', `
  const { createRequire } = await import('node:module');
  const { bundleLoader } = createRequire(import.meta.url)(${JSON.stringify(`${root}bin/bundle-loader.js`)});
  const { main, createProgram } = bundleLoader(${JSON.stringify(out)}).load('main');
  const { helpForms, commandAt, helpLayout, layOutHelp, VERSION_FORMS } = await import(${JSON.stringify(pathToFileURL(`${root}lib/cli/help-forms.js`).href)});
  const quiet = { write: () => true };
  const env = { cwd: process.cwd(), env: {}, stdout: quiet, stderr: quiet, readStdin: async () => new Uint8Array(), isTTY: false };
  const run = async (argv) => {
    let stdout = '', stderr = '';
    const code = await main(argv, { ...env, stdout: { write: (s) => { stdout += s; return true; } }, stderr: { write: (s) => { stderr += s; return true; } } });
    // Only a form that succeeds printing to standard output alone can be answered without commander.
    if (code !== 0 || stderr !== '' || stdout === '') throw new Error(\`\${argv.join(' ')} exited \${code} with \${JSON.stringify(stderr)}\`);
    return stdout;
  };
  const program = createProgram(env);
  const record = { version: { forms: VERSION_FORMS.map((form) => JSON.stringify(form)), text: await run(VERSION_FORMS[0]) }, forms: {}, layouts: [] };
  for (const form of VERSION_FORMS) if (await run(form) !== record.version.text) throw new Error(\`\${form.join(' ')} prints another version\`);
  const paths = new Map();
  for (const { argv, path } of helpForms(program)) {
    const key = path.join(' ');
    if (!paths.has(key)) paths.set(key, record.layouts.push(helpLayout(commandAt(program, path))) - 1);
    const index = paths.get(key);
    if (layOutHelp(record.layouts[index], 80) !== await run(argv)) throw new Error(\`the layout of \${argv.join(' ')} is not what commander prints\`);
    record.forms[JSON.stringify(argv)] = index;
  }
  if (process.stdout.isTTY) throw new Error('standard output is a terminal, so commander would not wrap to 80 columns');
  process.stdout.write(JSON.stringify(record));
`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
if (record.status !== 0) throw new Error(`recording the help texts failed:\n${record.stderr}`);
await build({
  ...common,
  stdin: {
    contents: `export { layOutHelp } from './src/cli/help-forms.ts';\nexport const RECORD = ${record.stdout};\n`,
    resolveDir: root,
    sourcefile: 'help-entry.js',
    loader: 'js',
  },
  outfile: `${out}/help.cjs`,
  format: 'cjs',
  banner: {},
});

/**
 * V8's code cache of each of the CLI's files (bin/bundle-loader.js): what
 * V8 compiled of a file by the end of a run of the CLI on the examples,
 * functions compiled when first called included. `validate` makes the
 * caches of the files it loads, so that it starts as fast as it can; a
 * build, in a process of its own, those of the files only a build loads. A
 * cache holds what the run that made it compiled, and costs its size to
 * read: one that held the build's compiling too would slow `validate`.
 * Without Node's options (a flag V8 was given is part of what a cache must
 * match).
 */
const warmOut = await mkdtemp(join(tmpdir(), 'migration-news-bundle-'));
try {
  for (const argv of [['validate', 'examples'], ['build', 'examples', '--out', join(warmOut, 'out'), '--format', 'html,text,json']]) {
    const made = spawnSync(process.execPath, ['-e', `
      const { existsSync, writeFileSync } = require('node:fs');
      const { bundleLoader, cacheFile, cacheText } = require(${JSON.stringify(`${root}bin/bundle-loader.js`)});
      const loader = bundleLoader(${JSON.stringify(out)});
      const sink = { write: () => true };
      loader.load('main').main(${JSON.stringify(argv)}, { cwd: ${JSON.stringify(root)}, env: {}, stdout: sink, stderr: sink, readStdin: async () => new Uint8Array(), isTTY: false }).then((code) => {
        if (code !== 0) throw new Error('exit code ' + code);
        for (const { file, token, script } of loader.scripts) {
          if (!existsSync(cacheFile(file))) writeFileSync(cacheFile(file), cacheText(token, script.createCachedData()));
        }
      });
    `], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    if (made.status !== 0) throw new Error(`making the code caches with \`${argv.join(' ')}\` failed:\n${made.stdout}${made.stderr}`);
  }
} finally {
  await rm(warmOut, { recursive: true, force: true });
}
