import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types.
import { inputsHash, sourceHash } from '../scripts/source-hash.js';

const hashOf = sourceHash as (root: string) => string;
const inputsOf = inputsHash as (root: string) => string;
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mn-source-hash-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('the build id baked into the bundled CLI', () => {
  const base = { 'src/a.ts': 'export const a = 1;\n', 'src/core/b.ts': 'export const b = 2;\n', 'package-lock.json': '{"lockfileVersion":3}\n' };

  it('is the same for the same sources, whatever folder they are in', async () => {
    expect(hashOf(await tree(base))).toBe(hashOf(await tree(base)));
  });

  it('changes when a source, a file name or a locked dependency changes, so an older build record is not trusted', async () => {
    const before = hashOf(await tree(base));
    expect(hashOf(await tree({ ...base, 'src/core/b.ts': 'export const b = 3;\n' }))).not.toBe(before);
    expect(hashOf(await tree({ ...base, 'src/core/c.ts': 'export const b = 2;\n' }))).not.toBe(before);
    expect(hashOf(await tree({ ...base, 'package-lock.json': '{"lockfileVersion":3,"x":1}\n' }))).not.toBe(before);
  });
});

describe('what `npm test` compares to build only when something changed', () => {
  const BUILD_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js', 'scripts/bundle.js', 'scripts/source-hash.js', 'bin/bundle-loader.js'];
  const base = {
    'src/a.ts': 'export const a = 1;\n',
    'package-lock.json': '{"lockfileVersion":3}\n',
    ...Object.fromEntries(BUILD_FILES.map((file) => [file, `// ${file}\n`])),
  };

  it('changes with a source, a locked version or any file that says how lib/ is made, and with nothing else', async () => {
    const before = inputsOf(await tree(base));
    expect(inputsOf(await tree(base))).toBe(before);
    expect(inputsOf(await tree({ ...base, 'src/a.ts': 'export const a = 2;\n' }))).not.toBe(before);
    expect(inputsOf(await tree({ ...base, 'package-lock.json': '{}\n' }))).not.toBe(before);
    for (const file of BUILD_FILES) expect(inputsOf(await tree({ ...base, [file]: '// changed\n' })), file).not.toBe(before);
    expect(inputsOf(await tree({ ...base, 'test/a.test.ts': '\n', 'README.md': '# x\n' }))).toBe(before);
  });
});
