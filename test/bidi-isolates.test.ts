import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { diagnosticsOf } from './helpers/report.js';

/**
 * Bidirectional isolates (U+2066 LRI, U+2067 RLI, U+2068 FSI, U+2069 PDI):
 * how Persian, Arabic, Urdu and Hebrew text embeds a Latin name or a number
 * without reordering it. Balanced on their line (or in their table cell) they
 * are text; left open, or closing nothing, they reorder what a reader sees.
 */

const project = useProjects();

const CONFIG = { 'migration-news.config.yaml': 'languages: [en, fa]\n' };
const persian = (fields: Record<string, string>, body: string) =>
  release({ id: 'centre', slug: 'markaz', lang: 'fa', title: '"افتتاح مرکز \u2068Migration Service\u2069 در باکو"', ...fields }, body);
const BALANCED_BODY = 'سرویس \u2068Migration Service\u2069 مرکز جدیدی افتتاح کرد.\n\n| نام | تلفن |\n| --- | --- |\n| \u2067مرکز\u2069 | \u2066+994 12 555 01 00\u2069 |\n';

async function validate(dir: string, reporter = 'json') {
  return runMain(['validate', 'r', '--now', NOW, '--reporter', reporter], { cwd: dir });
}

/** The control-character diagnostics: the Persian releases of the tests that refuse have no labels to build with, and need none. */
function findings(stdout: string) {
  return diagnosticsOf(stdout).filter((d) => d.ruleId.endsWith('/control-character')).map(({ file, ruleId, line, column, message }) => ({ file, ruleId, line, column, message }));
}

describe('bidirectional isolates', () => {
  it('accepts a Persian release whose title and body embed a Latin name in isolates, and builds it with them', async () => {
    const dir = await project({ ...CONFIG, 'r/fa.md': persian({}, BALANCED_BODY) });
    // The built-in set has no Persian words; English ones under the Persian name do for this.
    await mkdir(join(dir, 'templates', 'default', 'labels'), { recursive: true });
    expect((await runMain(['templates', 'eject', 'default', 'labels/en.yaml'], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'templates', 'default', 'labels', 'fa.yaml'), await readFile(join(dir, 'templates', 'default', 'labels', 'en.yaml'), 'utf8'));

    const checked = await validate(dir);
    expect(diagnosticsOf(checked.stdout)).toEqual([]);
    expect(checked.code).toBe(0);

    const built = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json', '--now', NOW], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const html = await readFile(join(dir, 'dist', 'fa', 'markaz.html'), 'utf8');
    expect(html).toContain('\u2068Migration Service\u2069 در باکو');
    expect(html).toContain('سرویس \u2068Migration Service\u2069 مرکز');
    expect(html).toContain('\u2066+994 12 555 01 00\u2069');
    expect(await readFile(join(dir, 'dist', 'fa', 'markaz.txt'), 'utf8')).toContain('سرویس \u2068Migration Service\u2069 مرکز');
    // The JSON output writes them as characters, as it writes every character but those JSON must escape.
    const json = await readFile(join(dir, 'dist', 'fa', 'markaz.json'), 'utf8');
    expect(json).toContain('\u2068Migration Service\u2069');
    expect(json).not.toContain('\\u2068');
  });

  // A headline cut for `<title>` inside the Latin name it embeds left the isolate open, over the ellipsis and ` — Site name`.
  it('closes an isolate that a headline cut short for the page\'s title ends inside', async () => {
    const title = '"گزارش \u2066State Migration Service of the Republic of Azerbaijan annual report\u2069 برای سال ۲۰۲۶"';
    const dir = await project({ 'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nlanguages: [en, fa]\n', 'r/fa.md': persian({ title }, BALANCED_BODY) });
    await mkdir(join(dir, 'templates', 'default', 'labels'), { recursive: true });
    expect((await runMain(['templates', 'eject', 'default', 'labels/en.yaml'], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'templates', 'default', 'labels', 'fa.yaml'), await readFile(join(dir, 'templates', 'default', 'labels', 'en.yaml'), 'utf8'));

    const built = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist', 'fa', 'markaz.html'), 'utf8');
    expect(/<title>(.*)<\/title>/.exec(html)?.[1]).toBe('گزارش \u2066State Migration Service of the…\u2069 — State Migration Service');
    // The breadcrumbs' last crumb, the headline cut to 60 by the `shorten` filter.
    expect(html).toContain('<span aria-current="page">گزارش \u2066State Migration Service of the Republic of…\u2069</span>');
  });

  it('refuses an isolate left open in the body, at the isolate', async () => {
    const dir = await project({ ...CONFIG, 'r/fa.md': persian({}, 'خبر.\n\nسرویس \u2067Migration Service مرکز جدیدی افتتاح کرد.\n') });
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(findings(result.stdout)).toEqual([expect.objectContaining({
      ruleId: 'content/control-character', line: 11, column: 7,
      message: 'The body contains a right-to-left isolate (U+2067, RLI) that is not closed before the end of its line: everything after it there shows reordered, not in the order it is stored.',
    })]);
  });

  it('refuses an isolate closed only on the next line, or in the next table cell', async () => {
    const dir = await project({
      ...CONFIG,
      'r/lines.md': persian({ id: 'lines', slug: 'lines' }, 'سرویس \u2068Migration\nService\u2069 مرکز.\n'),
      'r/cells.md': persian({ id: 'cells', slug: 'cells' }, '| نام | تلفن |\n| --- | --- |\n| \u2068مرکز | +994\u2069 |\n'),
      'r/escaped.md': persian({ id: 'escaped', slug: 'escaped' }, '| نام | تلفن |\n| --- | --- |\n| \u2068a \\| b\u2069 | +994 |\n'),
    });
    const result = await validate(dir);
    expect(findings(result.stdout)).toEqual([
      expect.objectContaining({ file: 'r/cells.md', ruleId: 'content/control-character', line: 11, column: 3, message: expect.stringContaining('first-strong isolate (U+2068, FSI) that is not closed before the end of its table cell') }),
      // The PDI that was to close it, in the next cell or on the next line, closes nothing there: told too.
      expect.objectContaining({ file: 'r/cells.md', ruleId: 'content/control-character', line: 11, column: 15, message: expect.stringContaining('pop directional isolate (U+2069, PDI) that closes no isolate') }),
      expect.objectContaining({ file: 'r/lines.md', ruleId: 'content/control-character', line: 9, column: 7, message: expect.stringContaining('first-strong isolate (U+2068, FSI) that is not closed before the end of its line') }),
      expect.objectContaining({ file: 'r/lines.md', ruleId: 'content/control-character', line: 10, column: 8, message: expect.stringContaining('pop directional isolate (U+2069, PDI) that closes no isolate') }),
    ]);
  });

  it('refuses a PDI that closes nothing in a field, at the PDI', async () => {
    const dir = await project({ ...CONFIG, 'r/fa.md': persian({ title: '"افتتاح مرکز Migration Service\u2069 در باکو"' }, BALANCED_BODY) });
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(findings(result.stdout)).toEqual([expect.objectContaining({
      ruleId: 'schema/control-character', line: 2, column: 38,
      message: '`title` contains, at position 30, a pop directional isolate (U+2069, PDI) that closes no isolate: such characters can make text read in a different order than it is stored.',
    })]);
  });

  it('refuses isolates nested deeper than the bidirectional algorithm follows, and the overrides as before', async () => {
    const dir = await project({
      ...CONFIG,
      'r/deep.md': persian({ id: 'deep', slug: 'deep' }, `${'\u2068'.repeat(126)}x${'\u2069'.repeat(126)}\n`),
      'r/deep-enough.md': persian({ id: 'enough', slug: 'enough' }, `${'\u2068'.repeat(125)}x${'\u2069'.repeat(125)}\n`),
      'r/override.md': persian({ id: 'override', slug: 'override', summary: '"\u202Bمرکز\u202C"' }, 'سرویس \u202EMigration Service\u202C.\n'),
    });
    expect(findings((await validate(dir)).stdout)).toEqual([
      expect.objectContaining({ file: 'r/deep.md', ruleId: 'content/control-character', line: 9, column: 126, message: expect.stringContaining('nested inside 125 others') }),
      expect.objectContaining({ file: 'r/override.md', ruleId: 'schema/control-character', message: '`summary` contains the invisible control character U+202B at position 1.' }),
      expect.objectContaining({ file: 'r/override.md', ruleId: 'content/control-character', line: 10, column: 7, message: expect.stringContaining('U+202E') }),
      expect.objectContaining({ file: 'r/override.md', ruleId: 'content/control-character', line: 10, column: 25, message: expect.stringContaining('U+202C') }),
    ]);
  });

  // Only the first was told: each other line's came up one run at a time.
  it('are told once on each line or cell that has one unbalanced, in one run', async () => {
    const dir = await project({ ...CONFIG, 'r/fa.md': persian({}, 'یک \u2067باز.\n\nدو \u2067باز \u2067دوباره.\n\nسه \u2069 اینجا.\n\n| a | b |\n| --- | --- |\n| \u2066x | y\u2069 |\n') });
    const found = findings((await validate(dir)).stdout).filter((d) => d.ruleId === 'content/control-character');
    const first = found[0]!.line;
    expect(found.map((d) => [d.line - first, d.column, /\((U\+[0-9A-F]{4})/.exec(d.message)?.[1]])).toEqual([[0, 4, 'U+2067'], [2, 4, 'U+2067'], [4, 4, 'U+2069'], [8, 3, 'U+2066'], [8, 9, 'U+2069']]);
  });

  it('never shows an isolate raw in a terminal report', async () => {
    const dir = await project({ ...CONFIG, 'r/fa.md': persian({}, 'سرویس \u2067Migration Service مرکز.\n') });
    const stylish = await validate(dir, 'stylish');
    expect(stylish.stdout).toContain('سرویس \\u2067Migration Service');
    for (const reporter of ['stylish', 'json', 'sarif', 'github']) {
      const { stdout, code } = await validate(dir, reporter);
      expect(code, reporter).toBe(1);
      expect(stdout, reporter).toContain('U+2067');
      expect(stdout, reporter).not.toMatch(/[\u2066-\u2069]/);
    }
  });
});

describe('new with bidirectional isolates in the title', () => {
  it('writes a draft whose title keeps balanced isolates, and whose id and file name hold none', async () => {
    const dir = await project(CONFIG);
    const english = await runMain(['new', 'Centre opens in \u2067باکو\u2069 for \u2068Migration Service\u2069', '--lang', 'en', '--date', '2026-12-01', '--dir', 'r'], { cwd: dir });
    expect(english.stderr).toBe('');
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Created r/2026-12-01-centre-opens-in-for-migration-service.md');
    const text = await readFile(join(dir, 'r', '2026-12-01-centre-opens-in-for-migration-service.md'), 'utf8');
    expect(text).toContain('id: 2026-12-01-centre-opens-in-for-migration-service\n');
    expect(text).toContain('Centre opens in \u2067باکو\u2069 for \u2068Migration Service\u2069');
    const checked = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(diagnosticsOf(checked.stdout).filter((d) => d.severity === 'error')).toEqual([]);
    expect(checked.code).toBe(0);

    const persianTitle = await runMain(['new', 'افتتاح مرکز \u2068Migration Service\u2069 در باکو', '--lang', 'fa', '--date', '2026-12-01', '--dir', 'r/fa'], { cwd: dir });
    expect(persianTitle.code).toBe(0);
    expect(persianTitle.stdout).toContain('Created r/fa/2026-12-01-migration-service.md');
    const persianText = await readFile(join(dir, 'r', 'fa', '2026-12-01-migration-service.md'), 'utf8');
    expect(persianText).toContain('id: 2026-12-01-migration-service\n');
    expect(persianText).toContain('\u2068Migration Service\u2069 در باکو');
    expect((await readdir(join(dir, 'r'), { recursive: true })).join('\n')).not.toMatch(/[\u2066-\u2069]/);
  });

  it('refuses a title whose isolate is left open, or closes none, as given on the command line', async () => {
    const dir = await project(CONFIG);
    for (const [title, what] of [
      ['افتتاح مرکز \u2068Migration Service در باکو', 'at position 13, a first-strong isolate (U+2068, FSI) that is not closed before the end of the title'],
      ['افتتاح مرکز Migration Service\u2069 در باکو', 'at position 30, a pop directional isolate (U+2069, PDI) that closes no isolate'],
    ] as const) {
      const result = await runMain(['new', title, '--lang', 'fa', '--id', 'centre', '--date', '2026-12-01', '--dir', 'r'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`The title given on the command line contains, ${what}`);
      expect(result.stderr).toMatch(/\nhint: /);
      expect(result.stderr).not.toMatch(/[\u2066-\u2069]|archetype|internal error/);
    }
    expect(await readdir(dir)).not.toContain('r');
  });
});
