import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { STACK_LINE } from './helpers/hostile.js';

/**
 * A full disk while staging is the machine's state, not a bug: an
 * `output/write` diagnostic that names the staging folder, with the rest of
 * the report still printed and the previous output untouched. The file
 * system is made to fail for writes into staging folders only.
 */

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof original.writeFile = (path, ...rest) => {
    if (String(path).includes('.migration-news-staging-')) {
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    }
    return original.writeFile(path, ...rest);
  };
  return { ...original, writeFile, default: { ...original, writeFile } };
});

const projects = useProjects();

describe('a full disk while staging', () => {
  it('is an output/write error naming the staging folder; the report is printed and the output kept', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'rel/b.md': release({ slug: 'warned', summary: 'x'.repeat(200) }), 'out/old.html': 'previous build\n' });
    const result = await runMain(['build', 'rel', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(result.stderr).not.toMatch(/internal error|This is a bug/);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toMatch(/output\/write/);
    expect(result.stdout).toMatch(/\.migration-news-staging-\S+ \(ENOSPC: the disk is full\)/);
    // The other problems of the run are still reported.
    expect(result.stdout).toMatch(/content\/summary-length/);
    expect(result.code).not.toBe(0);
    expect(await readFile(join(dir, 'out', 'old.html'), 'utf8')).toBe('previous build\n');
  });
});
