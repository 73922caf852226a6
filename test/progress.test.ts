import { describe, expect, it } from 'vitest';
import { createProgress, progressLine, progressWanted } from '../src/cli/progress.js';

function recorder() {
  let text = '';
  return { stream: { write: (s: string) => (text += s) }, get text() { return text; } };
}

describe('build progress', () => {
  it('shows count, rate and time left on a terminal, rewriting one line, and clears it at the end', () => {
    let now = 0;
    const out = recorder();
    const progress = createProgress({ stream: out.stream, isTTY: true, env: {}, noun: 'releases', clock: () => now });
    progress.total(1000);
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
    progress.done();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('prints nothing when standard error is not a terminal, or CI is set', () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }], [true, { CI: '1' }]] as const) {
      let now = 0;
      const out = recorder();
      const progress = createProgress({ stream: out.stream, isTTY, env, noun: 'releases', clock: () => now });
      progress.total(10);
      now = 5000;
      progress.tick(5);
      progress.done();
      expect(out.text).toBe('');
    }
    expect(progressWanted(true, { CI: 'false' })).toBe(true);
    expect(progressWanted(true, { CI: '' })).toBe(true);
  });

  it('prints nothing for a build that ends before the first paint', () => {
    let now = 0;
    const out = recorder();
    const progress = createProgress({ stream: out.stream, isTTY: true, env: {}, noun: 'releases', clock: () => now });
    progress.total(3);
    progress.tick(3);
    now = 100;
    progress.done();
    expect(out.text).toBe('');
  });

  it('words long and unknown times', () => {
    expect(progressLine(1, 10_000, 1000, 'releases')).toBe('Building 1/10000 releases (0%) · 1.0/s · about 2 h 46 min left');
    expect(progressLine(0, 10, 1000, 'releases')).toMatch(/about … left$/);
    expect(progressLine(100, 1000, 1000, 'releases')).toMatch(/about 9 s left$/);
    expect(progressLine(10, 1000, 1000, 'releases')).toMatch(/about 1 min 39 s left$/);
  });
});
