import fs, { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { withFileSystem } from './helpers/builtins.js';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject, type BuildOptions, type BuildResult } from '../src/app/build.js';
import { cachePath } from '../src/app/incremental.js';
import { fixture, NOW, removeFixture } from './helpers/cli.js';
import { ageRecord } from './helpers/record.js';

/*
 * A build whose record cannot be written has already changed the output
 * folder: the earlier record no longer says what is there, so it must not
 * be trusted by the next build. Writing the record is made to fail (as a
 * cache folder that turned read-only would) by failing the rename that puts
 * it in place, and removing the earlier one by failing its unlink, through
 * Node's builtin-module synchronisation, for the one build only.
 */

/** Builds with the record's rename into `cacheDir` failing, and with `drop` the removal of an earlier record too. */
async function buildRefused(options: BuildOptions, cacheDir: string, drop = false): Promise<BuildResult> {
  const { renameSync, unlinkSync } = fs;
  const denied = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, ${String(path)}`), { code: 'EACCES' });
  return withFileSystem({
    fs: {
      renameSync: (from, to) => {
        if (String(from).startsWith(cacheDir)) throw denied(to);
        renameSync(from, to);
      },
      unlinkSync: (path) => {
        if (drop && String(path).startsWith(cacheDir) && String(path).endsWith('.json')) throw denied(path);
        unlinkSync(path);
      },
    },
  }, () => buildProject(options));
}

const now = Date.parse(NOW);
const text = (words: string) => `---\ntitle: "Residence permits"\ndate: 2026-05-02\nlang: en\nstatus: published\n---\n${words}\n`;

describe('a build whose record cannot be written', () => {
  let dir: string;
  let cacheDir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('leaves no earlier record for the next build to trust, and says what the next build does', async () => {
    dir = await fixture({ 'releases/a.md': text('Version ONE.'), 'releases/b.md': text('Other.').replace('Residence', 'Work') });
    cacheDir = join(dir, 'cache');
    const options: BuildOptions = { cwd: dir, paths: ['releases'], out: 'out', formats: ['html'], template: 'default', keepGoing: false, now, cacheDir, jobs: 1 };
    const page = () => readFile(join(dir, 'out', 'en', 'residence-permits.html'), 'utf8');
    const record = () => cachePath(cacheDir, realpathSync(join(dir, 'out')));

    await buildProject(options);
    await ageRecord(record());
    expect(await page()).toContain('Version ONE.');

    // The folder changes; its record cannot be written.
    await writeFile(join(dir, 'releases/a.md'), text('Version TWO.'));
    const unkept = await buildRefused(options, cacheDir);
    expect(unkept.committed).toBe(true);
    expect(await page()).toContain('Version TWO.');
    expect(unkept.notes).toContainEqual(`The build record could not be kept in ${cacheDir} (EACCES: permission denied); the next build into this folder checks and renders everything again.`);

    // Back to the words the first record knew: the page must follow them, not be taken as already up to date.
    await writeFile(join(dir, 'releases/a.md'), text('Version ONE.'));
    const next = await buildProject(options);
    expect(next.reused).toBe(0);
    expect(await page()).toContain('Version ONE.');
    expect(next.notes.filter((note) => note.includes('build record'))).toEqual([]);
  });

  it('says to build with --force when the earlier record cannot be removed either', async () => {
    await writeFile(join(dir, 'releases/a.md'), text('Version THREE.'));
    const unkept = await buildRefused({ cwd: dir, paths: ['releases'], out: 'out', formats: ['html'], template: 'default', keepGoing: false, now, cacheDir, jobs: 1 }, cacheDir, true);
    expect(unkept.notes).toContainEqual(`The build record could not be kept in ${cacheDir} (EACCES: permission denied); and the earlier one could not be removed (EACCES: permission denied): build with --force next time, since it no longer says what the folder holds.`);
  });
});
