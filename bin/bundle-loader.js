// Loads the CLI's bundle, lib/bundle/*.cjs (scripts/bundle.js), with the
// code V8 compiled for it when the bundle was built.
//
// Node 20 compiles a program's code afresh at every start: for `validate
// one.md`, parsing and compiling the bundle's 800 KB of JavaScript was a
// fifth of the run. Each file of the bundle is therefore a CommonJS module
// run through `vm.Script`, which takes V8's code cache: the build runs the
// CLI once and keeps, beside each file, what V8 had compiled of it (its
// `.cache`). V8 turns a cache down (and compiles as it would without one)
// when it was made by another version of V8, with other flags, or for a
// source of another length; the build token at the end of each file and at
// the start of its cache turns down one made by another build, and the
// checksum beside it one damaged since, which V8 would run (and crash on).
// A script keeps the name it had when its cache was made, which its stack
// frames show: each is named by its place in the package
// (`migration-news/lib/bundle/main.cjs`), never by the path of the machine
// that built it.

const { hash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

/** The last line of each file of the bundle: `//# bundle <token>`, the build's token. */
const TOKEN_MARK = '\n//# bundle ';

/** The file beside `file` that holds V8's cache of it: the token, a space, the cache's checksum, a line break, then the cache. */
const cacheFile = (file) => `${file}.cache`;

/** The checksum of a cache, as its file's first line gives it. */
const checksum = (bytes) => hash('sha1', bytes, 'hex');

/** What a cache file holds: its first line, then the cache. */
const cacheText = (token, cache) => Buffer.concat([Buffer.from(`${token} ${checksum(cache)}\n`, 'latin1'), cache]);

/** The name a file of the bundle runs under: its place in the package, the same on every machine (see the top of this file). */
const scriptName = (name) => `migration-news/lib/bundle/${name}.cjs`;

/**
 * The token at the end of a file of the bundle, or '' when it has none: a
 * string of its own, since V8 makes a slice of a long string a view into it,
 * and the token, kept in `scripts`, would keep the file's whole text alive
 * (some 2 MB a process, beside the copy its script compiled).
 */
function tokenOf(source) {
  const at = source.lastIndexOf(TOKEN_MARK);
  return at === -1 ? '' : Buffer.from(source.slice(at + TOKEN_MARK.length).trim(), 'latin1').toString('latin1');
}

/** The cache of the file with this token, or undefined when there is none or it belongs to another build. */
function cacheOf(file, token) {
  if (token === '') return undefined;
  let bytes;
  try {
    bytes = readFileSync(cacheFile(file));
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(0x0a);
  if (end === -1) return undefined;
  const cache = bytes.subarray(end + 1);
  return bytes.toString('latin1', 0, end) === `${token} ${checksum(cache)}` ? cache : undefined;
}

/**
 * A loader of the bundle in `folder`: `load('main')` runs main.cjs (and the
 * files it requires, each once) and gives its exports. A file of the bundle
 * requires another as `./name.js`, as its ES module imported it; anything
 * else is required from the file's own place (Node's modules, and the
 * dependencies the bundle leaves in node_modules). `scripts` lists each file
 * run, with its script, for the build to make the caches from.
 */
function bundleLoader(folder) {
  const modules = new Map();
  const scripts = [];
  const load = (name) => {
    const known = modules.get(name);
    if (known) return known.exports;
    const file = join(folder, `${name}.cjs`);
    const source = readFileSync(file, 'utf8');
    const token = tokenOf(source);
    const script = new Script(wrap(source), { filename: scriptName(name), cachedData: cacheOf(file, token) });
    scripts.push({ file, token, script });
    const module = { exports: {} };
    modules.set(name, module);
    const outside = createRequire(file);
    const require = (specifier) => {
      const sibling = /^\.\/([\w.-]+)\.js$/.exec(specifier);
      return sibling ? load(sibling[1]) : outside(specifier);
    };
    require.resolve = outside.resolve;
    try {
      script.runInThisContext().call(module.exports, module.exports, require, module, file, folder);
    } catch (error) {
      // As Node's own loader does: a file that failed while it ran is run again when next required, not handed over half made.
      modules.delete(name);
      throw error;
    }
    return module.exports;
  };
  return { load, scripts };
}

module.exports = { bundleLoader, cacheFile, cacheText, TOKEN_MARK };
