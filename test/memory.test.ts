import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { checkOne, type CheckOutcome } from '../src/app/check.js';
import type { CheckItemResult } from '../src/app/incremental.js';
import { BuildThreads } from '../src/app/parallel.js';
import { ownStrings } from '../src/core/objects.js';
import { DEFAULT_CONFIG } from '../src/io/config.js';
import { loadTemplateSet } from '../src/io/template-sets.js';
import { NOW, release, ROOT, useProjects } from './helpers/cli.js';

/*
 * What a run keeps in memory. A heap snapshot collects all garbage first,
 * then lists every string still held: a text whose only holders are gone is
 * not in it. The text looked for is made from its reverse only after the
 * snapshot is taken, so that the test itself holds no copy of it.
 */

const now = Date.parse(NOW);

const reversed = (text: string) => [...text].reverse().join('');

/** Whether the heap, after a full collection, holds a string that contains the reverse of `needle`. */
async function heapHolds(needle: string): Promise<boolean> {
  const snapshot = getHeapSnapshot();
  const wanted = reversed(needle);
  let tail = '';
  for await (const chunk of snapshot as AsyncIterable<Buffer>) {
    const text = tail + chunk.toString('utf8');
    if (text.includes(wanted)) {
      snapshot.destroy();
      return true;
    }
    tail = text.slice(-wanted.length);
  }
  return false;
}

/** A needle no other string of the heap holds the reverse of. */
const needle = () => `elbaeuqinu-${randomBytes(12).toString('hex')}`;

/** A release whose body holds the reverse of `needle`, in Cyrillic so that its text is two bytes a character, as a Russian release's is. */
const releaseHolding = (held: string) => release({ title: 'Служба открывает новый центр выдачи видов на жительство', tags: '[миграция, статистика]' }, `Служба сообщила о новых мерах: ${reversed(held)}.\n`);

describe('what a run keeps of a checked file', () => {
  const project = useProjects();

  it('gives each string that could be cut from a longer one a copy of its own', async () => {
    const held = needle();
    let text: string | undefined = `${'x'.repeat(100)}${reversed(held)}${'y'.repeat(100)}`;
    const kept = ownStrings({ title: text.slice(10, 60), tags: [text.slice(20, 80), 'short'], places: [{ line: 1, sourceLine: text.slice(0, 110) }] });
    text = undefined;
    expect(await heapHolds(held)).toBe(false);
    expect(kept.title).toBe('x'.repeat(50));
    expect(kept.tags[1]).toBe('short');
    expect(kept.places[0]!.sourceLine).toBe(`${'x'.repeat(100)}${reversed(held).slice(0, 10)}`);
  });

  it('keeps nothing of the file\'s text when validate checks it on the calling thread', async () => {
    const held = needle();
    const dir = await project({ 'a.md': releaseHolding(held) });
    const outcome: CheckOutcome | undefined = checkOne({ path: join(dir, 'a.md'), display: 'a.md' }, DEFAULT_CONFIG, now);
    expect(outcome.checked?.release.title).toBe('Служба открывает новый центр выдачи видов на жительство');
    expect(await heapHolds(held)).toBe(false);
  });

  it('keeps nothing of the file\'s text when a build checks it on the calling thread, beyond the body it keeps to render', async () => {
    const held = needle();
    // A draft in a public build is not rendered: its body is not kept.
    const dir = await project({ 'a.md': releaseHolding(held).replace('status: published', 'status: draft') });
    const loaded = await loadTemplateSet('default', { cwd: ROOT });
    if (!loaded.ok) throw new Error('the default set did not load');
    const threads = new BuildThreads(0, { render: { set: loaded.set, config: DEFAULT_CONFIG, now, formats: ['html'] }, now, mode: 'public' });
    const results: CheckItemResult[] = [];
    await threads.check([{ file: { path: join(dir, 'a.md'), display: 'a.md' } }], DEFAULT_CONFIG, now, (result) => results.push(result));
    expect(results[0]!.outcome?.checked?.release.status).toBe('draft');
    expect(await heapHolds(held)).toBe(false);
    await threads.close();
  });
});
