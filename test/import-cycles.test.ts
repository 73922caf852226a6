import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a lint script in plain JavaScript, without types.
import { cycles, importGraph } from '../scripts/import-cycles.js';

type Graph = Map<string, string[]>;
const graphOf = importGraph as (folder?: string) => Graph;
const cyclesIn = cycles as (graph: Graph) => string[][];

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** A folder of modules, each a file name and its text. */
async function modules(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migration-news-cycles-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('npm run lint\'s import cycle check (scripts/import-cycles.js)', () => {
  it('finds a cycle made by any kind of import, and none where there is none', async () => {
    const kinds = {
      static: "import { b } from './b.js';",
      type: "import type { B } from './b.js';",
      dynamic: "const b = await import('./b.js');",
      reexport: "export { b } from './b.js';",
      'import type': "let b: import('./b.js').B;",
    };
    for (const [kind, line] of Object.entries(kinds)) {
      const dir = await modules({ 'core/a.ts': `${line}\nexport const a = 1;\n`, 'core/b.ts': "import { a } from './a.js';\nexport const b = a;\n", 'c.ts': "import { a } from './core/a.js';\n" });
      const found = cyclesIn(graphOf(dir));
      expect(found.map((cycle) => cycle.map((f) => f.slice(dir.length + 1)).sort()), kind).toEqual([['core/a.ts', 'core/b.ts']]);
    }
    const clean = await modules({ 'a.ts': "import { b } from './b.js';\n// import { a } from './a.js';\n", 'b.ts': "import { readFileSync } from 'node:fs';\nexport const b = 1;\n", 'c/index.ts': "import { b } from '../b.js';\n", 'd.ts': "import { c } from './c/index.js';\n" });
    expect(cyclesIn(graphOf(clean))).toEqual([]);
  });

  it('reads every module of src/, and finds no cycle there', () => {
    const graph = graphOf();
    expect(graph.size).toBeGreaterThan(100);
    const main = [...graph.keys()].find((f) => f.split('\\').join('/').endsWith('src/cli/main.ts'))!;
    expect(graph.get(main)!.length).toBeGreaterThan(0);
    expect(cyclesIn(graph)).toEqual([]);
  });
});
