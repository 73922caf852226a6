// `npm run lint`'s check that no module of src/ imports itself through
// others: each layer depends only on the ones below it (README, "How it is
// built"). Every import counts, as madge counted them: static and dynamic
// ones, `import type`, `export … from` and import types. TypeScript's own
// scanner finds them (ts.preProcessFile), which reads a file a hundred times
// faster than the parse into a syntax tree madge made of each. Prints each
// cycle and exits 1 when there is one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Required, not imported: an import of the CommonJS package first scans all of its 9 MB for names to export.
const ts = createRequire(import.meta.url)('typescript');

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** The module a relative specifier names: `./x.js` is written for `./x.ts`, as NodeNext resolution reads it. */
function resolve(from, specifier) {
  const base = join(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((file) => file.endsWith('.ts') && existsSync(file));
}

/** Each module of `folder` (src/) with the modules of it that it imports. */
export function importGraph(folder = src) {
  const files = readdirSync(folder, { recursive: true }).filter((name) => name.endsWith('.ts')).map((name) => join(folder, name)).sort();
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const imports = new Set();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(file, fileName);
      if (target) imports.add(target);
    }
    graph.set(file, [...imports]);
  }
  return graph;
}

/** Every cycle a depth-first walk meets, each as the modules around it. */
export function cycles(graph) {
  const found = [];
  const state = new Map();
  const path = [];
  const visit = (file) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = cycles(importGraph());
  for (const cycle of found) process.stdout.write(`import cycle: ${[...cycle, cycle[0]].map((file) => relative(root, file)).join(' → ')}\n`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
