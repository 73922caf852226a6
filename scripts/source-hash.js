// Hashes of what a build of the tool is made of. sourceHash: the sources
// under src/ and the locked dependency versions (template sets have
// fingerprints of their own); two builds of the same version from different
// code differ in it. inputsHash: that and the files that say how lib/ is
// made, which `npm test` compares with the last build's to build only when
// something changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where `npm run build` records the inputsHash of what it built, relative to the package's folder:
 * with the tools' caches, out of the packed package.
 */
export const INPUTS_RECORD = 'node_modules/.cache/migration-news/build-inputs';

/** The files of the build, relative to root with `/`, sorted. */
const BUILD_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js', 'scripts/bundle.js', 'scripts/source-hash.js', 'bin/bundle-loader.js'];

function hashFiles(root, files) {
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f).split('\\').join('/')).sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(root) {
  const src = join(root, 'src');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  files.push(join(root, 'package-lock.json'));
  return files;
}

/** @param {string} root the package's folder */
export function sourceHash(root) {
  return hashFiles(root, sourceFiles(root));
}

/** @param {string} root the package's folder */
export function inputsHash(root) {
  return hashFiles(root, [...sourceFiles(root), ...BUILD_FILES.map((file) => join(root, file))]);
}
