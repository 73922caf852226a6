import { describe, expect, it } from 'vitest';
import { buildProject } from '../src/app/build.js';
import { createProgress, progressLine, progressWanted } from '../src/cli/progress.js';
import { release, runMain, useProjects } from './helpers/cli.js';

function recorder() {
  let text = '';
  return { stream: { write: (s: string) => (text += s) }, get text() { return text; } };
}

describe('build progress', () => {
  it('shows count, rate and time left on a terminal, rewriting one line, and clears it at the end', () => {
    let now = 0;
    const out = recorder();
    const progress = createProgress({ stream: out.stream, isTTY: true, env: {}, clock: () => now });
    progress.phase('Building', 'releases', 1000);
    progress.tick(10); // before the first paint's delay: nothing
    expect(out.text).toBe('');
    now = 1000;
    progress.tick(240);
    expect(out.text).toBe('\r\x1b[2KBuilding 250/1000 releases (25%) · 250/s · about 3 s left');
    now = 1050;
    progress.tick(10); // within the repaint interval: nothing new
    expect(out.text.split('\r').length).toBe(2);
    now = 2000;
    progress.tick(250);
    expect(out.text.endsWith('\r\x1b[2KBuilding 510/1000 releases (51%) · 255/s · about 2 s left')).toBe(true);
    expect(out.text).not.toContain('\n');
    // A new phase counts from zero, with its own rate.
    progress.phase('Writing', 'files', 100);
    now = 3000;
    progress.tick(50);
    expect(out.text.endsWith('\r\x1b[2KWriting 50/100 files (50%) · 50/s · about 1 s left')).toBe(true);
    progress.done();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('prints nothing when standard error is not a terminal, is one that takes no escapes (TERM=dumb), or CI is set', () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }], [true, { CI: '1' }], [true, { TERM: 'dumb' }]] as const) {
      let now = 0;
      const out = recorder();
      const progress = createProgress({ stream: out.stream, isTTY, env, clock: () => now });
      progress.phase('Building', 'releases', 10);
      now = 5000;
      progress.tick(5);
      progress.done();
      expect(out.text).toBe('');
    }
    expect(progressWanted(true, { CI: 'false' })).toBe(true);
    expect(progressWanted(true, { CI: '' })).toBe(true);
    expect(progressWanted(true, { TERM: 'xterm' })).toBe(true);
  });

  it('prints nothing for a build that ends before the first paint', () => {
    let now = 0;
    const out = recorder();
    const progress = createProgress({ stream: out.stream, isTTY: true, env: {}, clock: () => now });
    progress.phase('Building', 'releases', 3);
    progress.tick(3);
    now = 100;
    progress.done();
    expect(out.text).toBe('');
  });

  it('words long and unknown times', () => {
    expect(progressLine(1, 10_000, 1000, 'releases')).toBe('Building 1/10000 releases (0%) · 1.0/s · about 2 h 46 min left');
    expect(progressLine(0, 10, 1000, 'releases')).toMatch(/about … left$/);
    expect(progressLine(5, 3000, 500, 'files', 'Checking')).toBe('Checking 5/3000 files (0%) · 10/s · about … left');
    expect(progressLine(100, 1000, 1000, 'releases')).toMatch(/about 9 s left$/);
    expect(progressLine(10, 1000, 1000, 'releases')).toMatch(/about 1 min 39 s left$/);
  });
});

describe('build progress from the build itself', () => {
  const project = useProjects();

  it('announces each phase with its total and ticks once per file checked and per release built', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 7; i++) files[`r/${i}.md`] = release({ title: `Release number ${i}`, status: i < 5 ? 'published' : 'draft' });
    const dir = await project(files);
    const events: string[] = [];
    const result = await buildProject({
      cwd: dir, paths: ['r'], out: 'dist', formats: ['html'], template: 'default', keepGoing: false, now: Date.parse('2026-11-28T12:00:00Z'),
      progress: { phase: (verb, noun, total) => events.push(`${verb} ${noun} ${total}`), tick: () => events.push('tick') },
    });
    expect(result.built).toBe(5);
    expect(events).toEqual(['Checking files 7', ...Array<string>(7).fill('tick'), 'Building releases 5', ...Array<string>(5).fill('tick')]);
  });

  it('draws nothing on standard error when it is not a terminal', async () => {
    const dir = await project({ 'r/a.md': release() });
    const result = await runMain(['build', 'r', '--now', '2026-11-28'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
