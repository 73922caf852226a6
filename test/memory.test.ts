import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, NOW, release, ROOT } from './helpers/cli.js';

/*
 * What a run keeps in memory, seen in a heap snapshot of a small process of
 * its own that imports the built lib/ (so `npm run build` first): a snapshot
 * of the test thread would hold the whole suite's modules, and took over a
 * minute. A snapshot collects all garbage first, then lists every string
 * still held: a text whose only holders are gone is not in it. The process is
 * given each needle the wrong way round and makes the text looked for only
 * after the snapshot is taken, so that nothing of its own holds it. The
 * process takes some 2 CPU-s, most of it the one snapshot of all three cases.
 */

/** A needle no other string of the heap holds the reverse of. */
const needle = () => `elbaeuqinu-${randomBytes(12).toString('hex')}`;

const reversed = (text: string) => [...text].reverse().join('');

/** A release whose body holds the reverse of `needle`, in Cyrillic so that its text is two bytes a character, as a Russian release's is. */
const releaseHolding = (held: string) => release({ title: 'Служба открывает новый центр выдачи видов на жительство', tags: '[миграция, статистика]' }, `Служба сообщила о новых мерах: ${reversed(held)}.\n`);

interface Needles {
  /** Made and kept by the process up to the end: the snapshot must find it, or the search is blind. */
  control: string;
  /** Cut from a string of the process and given to `ownStrings` itself. */
  cut: string;
  /** In a.md, checked as validate checks a file. */
  validated: string;
  /** In b.md, a draft that a public build checks on the calling thread and does not render. */
  built: string;
}

/** Whether the process still held each needle's text after a full collection, and what it saw of the outcomes it kept. */
interface Kept {
  holds: Record<keyof Needles, boolean>;
  cut: { title: string; short: string; sourceLine: string };
  validatedTitle: string | undefined;
  builtStatus: string | undefined;
}

function script(dir: string, needles: Needles): string {
  const lib = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'lib', path)).href);
  return `
import { getHeapSnapshot } from 'node:v8';
const { ownStrings } = await import(${lib('core/objects.js')});
const { checkOne } = await import(${lib('app/check.js')});
const { BuildThreads } = await import(${lib('app/parallel.js')});
const { DEFAULT_CONFIG } = await import(${lib('io/config.js')});
const { loadTemplateSet } = await import(${lib('io/template-sets.js')});
const needles = ${JSON.stringify(needles)};
const reversed = (text) => [...text].reverse().join('');
const now = Date.parse(${JSON.stringify(NOW)});
const dir = ${JSON.stringify(dir)};
const control = [reversed(needles.control)];

let text = 'x'.repeat(100) + reversed(needles.cut) + 'y'.repeat(100);
const cut = ownStrings({ title: text.slice(10, 60), tags: [text.slice(20, 80), 'short'], places: [{ line: 1, sourceLine: text.slice(0, 110) }] });
text = undefined;

const validated = checkOne({ path: dir + '/a.md', display: 'a.md' }, { config: DEFAULT_CONFIG, now });

const loaded = await loadTemplateSet('default', { cwd: ${JSON.stringify(ROOT)} });
if (!loaded.ok) throw new Error('the default set did not load');
const threads = new BuildThreads(0, { render: { set: loaded.set, config: DEFAULT_CONFIG, now, formats: ['html'] }, now, mode: 'public' });
const built = [];
await threads.check([{ file: { path: dir + '/b.md', display: 'b.md' } }], { config: DEFAULT_CONFIG, now }, (result) => built.push(result));

// One snapshot for the three cases: it is most of the process's time.
const snapshot = getHeapSnapshot();
const wanted = Object.entries(needles).map(([name, held]) => [name, reversed(held)]);
const holds = Object.fromEntries(wanted.map(([name]) => [name, false]));
let tail = '';
for await (const chunk of snapshot) {
  const part = tail + chunk.toString('utf8');
  for (const [name, text] of wanted) if (part.includes(text)) holds[name] = true;
  tail = part.slice(-64);
}
await threads.close();
if (control.length !== 1) throw new Error('the control was let go');
process.stdout.write(JSON.stringify({
  holds,
  cut: { title: cut.title, short: cut.tags[1], sourceLine: cut.places[0].sourceLine },
  validatedTitle: validated.checked?.release.title,
  builtStatus: built[0]?.outcome?.checked?.release.status,
}));
`;
}

function run(dir: string, needles: Needles): Promise<Kept> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script(dir, needles)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Kept) : reject(new Error(`the process exited with ${code}: ${stderr}`))));
  });
}

describe('what a run keeps of a checked file', () => {
  const needles: Needles = { control: needle(), cut: needle(), validated: needle(), built: needle() };
  let kept: Kept;

  beforeAll(async () => {
    const dir = await fixture({
      'a.md': releaseHolding(needles.validated),
      // A draft in a public build is not rendered: its body is not kept.
      'b.md': releaseHolding(needles.built).replace('status: published', 'status: draft'),
    });
    kept = await run(dir, needles);
  });

  it('finds a text the process still holds', () => {
    expect(kept.holds.control).toBe(true);
  });

  it('gives each string that could be cut from a longer one a copy of its own', () => {
    expect(kept.holds.cut).toBe(false);
    expect(kept.cut.title).toBe('x'.repeat(50));
    expect(kept.cut.short).toBe('short');
    expect(kept.cut.sourceLine).toBe(`${'x'.repeat(100)}${reversed(needles.cut).slice(0, 10)}`);
  });

  it('keeps nothing of the file\'s text when validate checks it on the calling thread', () => {
    expect(kept.validatedTitle).toBe('Служба открывает новый центр выдачи видов на жительство');
    expect(kept.holds.validated).toBe(false);
  });

  it('keeps nothing of the file\'s text when a build checks it on the calling thread, beyond the body it keeps to render', () => {
    expect(kept.builtStatus).toBe('draft');
    expect(kept.holds.built).toBe(false);
  });
});
