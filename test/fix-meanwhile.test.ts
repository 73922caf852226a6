import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileSystem } from './helpers/builtins.js';
import { release, runMain, useProjects, type CliResult } from './helpers/cli.js';

/*
 * `validate --fix` on a file that its editor saves, or that someone deletes,
 * between the read and the rename of its fixed text: what they did wins, and
 * the run names the file it left as it was, so that no one takes it for
 * fixed. The save is made at the moment the fixed text has been written
 * beside the file (its mode is set then).
 */

/** Runs the CLI in this process with `meanwhile` done to `target` once its fixed text is written beside it. */
async function withMeanwhile(target: string, meanwhile: () => void, args: string[], cwd: string): Promise<CliResult> {
  const { chmod } = fs.promises;
  return withFileSystem({
    promises: {
      chmod: (async (path: Parameters<typeof chmod>[0], mode: Parameters<typeof chmod>[1]) => {
        await chmod(path, mode);
        if (dirname(String(path)) === dirname(target) && basename(String(path)).startsWith(`.${basename(target)}.`)) meanwhile();
      }) as typeof chmod,
    },
  }, () => runMain(args, { cwd }));
}

describe('validate --fix on a file changed while it fixes it', () => {
  const project = useProjects();

  it('keeps the text saved meanwhile, names the file and says why, and fixes the others', async () => {
    const dir = await project({
      'r/edited.md': release({ title: 'Edited\u200b centre' }),
      'r/open.md': release({ title: 'Open\u200b centre' }),
    });
    const edited = join(dir, 'r/edited.md');
    const saved = release({ title: 'Edited\u200b centre, saved again' });
    const result = await withMeanwhile(edited, () => fs.writeFileSync(edited, saved), ['validate', '--fix', 'r'], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain('Removed or replaced 1 invisible character in 1 file: r/open.md.');
    expect(result.stderr).toContain('migration-news: r/edited.md was left as it was: it was saved while --fix was fixing it, and the text saved was kept; run --fix again.');
    expect(fs.readFileSync(edited, 'utf8')).toBe(saved);
    expect(fs.readdirSync(join(dir, 'r')).sort()).toEqual(['edited.md', 'open.md']);
  });

  it('names a file deleted meanwhile as moved or deleted, not as one it cannot write, and makes no file there', async () => {
    const dir = await project({ 'r/gone.md': release({ title: 'Gone\u200b centre' }) });
    const gone = join(dir, 'r/gone.md');
    const result = await withMeanwhile(gone, () => fs.rmSync(gone), ['validate', '--fix', 'r'], dir);
    expect(result.stderr).toContain('migration-news: r/gone.md was left as it was: it was moved or deleted while --fix was fixing it.');
    expect(result.stderr).not.toContain('cannot be written');
    expect(fs.readdirSync(join(dir, 'r'))).toEqual([]);
  });
});
