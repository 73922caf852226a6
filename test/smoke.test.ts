import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, fixture, removeFixture, runMain } from './helpers/cli.js';
import { releaseOutputs } from './helpers/site-files.js';

describe('build on the bundled examples', () => {
  let out: string;
  afterAll(() => removeFixture(out));

  it('writes html, text and json for every publishable release and prints a summary', async () => {
    out = await fixture({});
    const result = await runMain(['build', EXAMPLES, '--out', join(out, 'dist'), '--now', NOW]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Built 9 releases, skipped 2 \(1 not approved, 1 embargoed\), failed 0/);
    const files = releaseOutputs((await readdir(join(out, 'dist'), { recursive: true })).filter((f) => f.includes('.'))).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(9);
    expect(files.filter((f) => f.endsWith('.txt'))).toHaveLength(9);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(9);
  });
});
