import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../src/core/parse.js';
import { configSchema } from '../src/core/schema.js';
import { validateRelease } from '../src/core/validate.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

const project = useProjects();

describe('parseReleaseFile', () => {
  it('splits front matter from body and keeps dates as the strings written', () => {
    const parsed = parseReleaseFile('---\ntitle: Hello\ndate: 2014-07-24\nembargo: 2027-03-01T09:00:00+04:00\n---\nBody text.\n', 'a.md');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ title: 'Hello', date: '2014-07-24', embargo: '2027-03-01T09:00:00+04:00' });
    expect(parsed.body).toBe('Body text.\n');
    expect(parsed.closeLine).toBe(5);
    expect(parsed.bodyLine).toBe(6);
  });

  it('normalises CRLF and lone CR line endings and drops a byte-order mark', () => {
    const parsed = parseReleaseFile('\uFEFF---\r\ntitle: Hello\r\n---\r\nLine one\rLine two\r\n', 'a.md');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ title: 'Hello' });
    expect(parsed.body).toBe('Line one\nLine two\n');
  });

  it('locates values, keys and missing keys at their place in the file', () => {
    const parsed = parseReleaseFile('---\ntitle: Hello\ncontacts:\n  - name: Press\n    phone: 994123\n---\nBody\n', 'a.md');
    expect(parsed.locate(['title'])).toMatchObject({ line: 2, column: 8 });
    expect(parsed.locate(['contacts', 0, 'phone'])).toMatchObject({ line: 5, column: 12 });
    expect(parsed.locate(['contacts', 0, 'phone'], 'key')).toMatchObject({ line: 5, column: 5 });
    // A key that is not there points at the mapping that should hold it.
    expect(parsed.locate(['date'])).toMatchObject({ line: 2, column: 1 });
  });

  it('never uses gray-matter\'s global cache, so memory does not grow with every file parsed', () => {
    const cache = (matter as unknown as { cache: Record<string, unknown> }).cache;
    const before = Object.keys(cache).length;
    for (let i = 0; i < 20; i++) parseReleaseFile(`---\ntitle: Release ${i}\n---\nBody ${i}\n`, `r${i}.md`);
    expect(Object.keys(cache).length).toBe(before);
  });

  it.each([
    ['no front matter', 'frontmatter/missing', 'title: x\nJust a body.\n', 1],
    ['front matter after a blank line', 'frontmatter/not-at-start', '\n---\ntitle: x\n---\nBody\n', 2],
    ['a front matter that is never closed', 'frontmatter/unclosed', '---\ntitle: x\nBody\n', 1],
    ['a closing line with spaces after its dashes', 'frontmatter/unclosed', '---\ntitle: x\nlang: en\n--- \nBody\n', 4],
    ['fields with no opening line', 'frontmatter/missing', 'title: x\nlang: en\n---\nBody\n', 1],
    ['a JavaScript marker', 'frontmatter/language', '---js\n{ title: "x" }\n---\nBody\n', 1],
    ['a YAML syntax error', 'yaml/syntax', '---\ntitle: [unclosed\n---\nBody\n', 2],
    ['a list instead of a mapping', 'frontmatter/not-a-mapping', '---\n- title: x\n- b\n---\nBody\n', 2],
  ])('reports %s as %s and never passes its metadata on as body text', (_name, ruleId, text, line) => {
    const parsed = parseReleaseFile(text, 'bad.md');
    expect(parsed.diagnostics[0]!.message).not.toMatch(/undefined/);
    expect(parsed.diagnostics[0]).toMatchObject({ ruleId, line, severity: 'error', file: 'bad.md' });
    expect(parsed.data).toBeUndefined();
    expect(parsed.body).not.toContain('title');
  });

  it('refuses a closing line that only starts with ---', () => {
    const parsed = parseReleaseFile('---\ntitle: "a\n---x"\n---\nBody\n', 'a.md');
    expect(parsed.diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 3 });
  });
});

describe('the status of a release whose YAML has errors', () => {
  const config = configSchema.parse({});
  const publication = (frontMatter: string) => validateRelease(parseReleaseFile(`---\n${frontMatter}---\nBody.\n`, 'a.md'), { config, now: 0 }).publication;

  it('is read where the errors left the top-level value whole, the least public of values written twice, the latest embargo', () => {
    expect(publication('title: x\n\tstatus: draft\n')).toMatchObject({ status: 'draft', statusAt: { line: 3, column: 10 } });
    expect(publication('title: x\nstatus: approved\nembargo: 2027-01-01T09:00:00+04:00\nembargo: 2028-01-01T09:00:00+04:00\nembargo: 2026-01-01T09:00:00+04:00\nsummary: "open\n'))
      .toEqual(expect.objectContaining({ status: 'approved', embargo: '2028-01-01T09:00:00+04:00' }));
    expect(publication('status: approved\nstatus: review\ntitle: x\n')).toMatchObject({ status: 'review', statusAt: { line: 3 } });
  });

  it('is read from its own line at the margin where an error above made it part of another value, which only takes pages down', () => {
    // YAML reads the line below `title: Ganja: centre` as a key of a mapping in the title, and the one below an open quote as the title's text.
    expect(publication('title: Ganja: centre\nstatus: draft\n')).toMatchObject({ status: 'draft', statusAt: { line: 3, column: 9 } });
    expect(publication('title: "open\nstatus: "withdrawn" # pulled\n')).toMatchObject({ status: 'withdrawn', statusAt: { line: 3, column: 9, endColumn: 20 } });
    // A status that says the release is public changes nothing: the release fails, and keeps its pages as any failing release does.
    expect(publication('title: Ganja: centre\nstatus: published\n')).toMatchObject({ status: 'published' });
  });

  it('is not read where an error touches it, a tag gives it its meaning, or its line is no one word', () => {
    expect(publication('title: Ganja: centre\n  status: draft\n')).toBeUndefined();
    expect(publication('title: [x\nstatus: !foo draft\n')).toBeUndefined();
    expect(publication('title: x\nstatus: draft: now\n')).toBeUndefined();
    expect(publication('title: [unclosed\n')).toBeUndefined();
  });
});

describe('a closing line written otherwise than `---`', () => {
  const first = (text: string) => parseReleaseFile(text, 'a.md').diagnostics[0];
  const fields = 'title: Ganja centre opens\ndate: 2026-03-17\nlang: en\nstatus: draft\n';

  it('is named at its line, with the hint to replace it, not to add another below it (which would publish it)', () => {
    for (const close of ['—', '–', '----', '- - -', '...', '— ']) {
      expect(first(`---\n${fields}${close}\nBody text here.\n`), close).toMatchObject({
        ruleId: 'frontmatter/unclosed', line: 6, column: 1,
        message: `The front matter block opened on line 1 is never closed: line 6, \`${close.trim()}\`, looks like its closing line, which must be exactly \`---\`.`,
        hint: 'Replace line 6 with `---`.',
      });
    }
    // The fields above it are still read: a release pulled back to draft is taken down while its file is broken.
    expect(parseReleaseFile(`---\n${fields}—\nBody.\n`, 'a.md').readable?.('status').map((v) => v.value)).toEqual(['draft']);
    // A line below the body's first paragraph is no closing line: the general hint.
    expect(first(`---\n${fields}Body text here.\n----\n`)).toMatchObject({ line: 1, hint: 'Add a line that is exactly `---` after the last front matter field.' });
  });

  it('is named with the opening line when both are written so', () => {
    expect(first(`—\n${fields}—\nBody text here.\n`)).toMatchObject({
      ruleId: 'frontmatter/missing', line: 1, column: 1,
      message: 'The front matter\'s opening line, `—`, must be exactly `---`, as must its closing line, line 6 (`—`).',
      hint: 'Replace line 1 and line 6 with `---`.',
    });
  });
});

describe('an opening line written otherwise than `---` above the fields, closed by a `---`', () => {
  it('is named at line 1 with the hint to replace it, not the closing line as an opening one to move up, and its status is read', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Ganja centre opens' }) });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    await access(join(dir, 'out/en/ganja-centre-opens.html'));
    for (const open of ['—', '—-', '----', '- - -']) {
      await writeFile(join(dir, 'r/a.md'), release({ title: 'Ganja centre opens', status: 'draft' }).replace(/^---/, open));
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics, open).toEqual([expect.objectContaining({
        ruleId: 'frontmatter/not-at-start', line: 1, column: 1,
        message: `The front matter's opening line, \`${open}\`, must be exactly \`---\`; line 6's \`---\` closes its fields.`,
        hint: 'Replace line 1 with `---`.',
      })]);
    }
    // The status its fields give is read, as for a closing line written wrong: the draft's page is taken down while the file is broken.
    await writeFile(join(dir, 'r/a.md'), release({ title: 'Ganja centre opens', status: 'draft' }).replace(/^---/, '—'));
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    await expect(access(join(dir, 'out/en/ganja-centre-opens.html'))).rejects.toThrow();
  });
});

describe('a TOML front matter between `+++` lines, as Hugo writes it', () => {
  it('is named as TOML, with what to write instead, not as a file without front matter', async () => {
    const dir = await project({ 'r/a.md': '+++\ntitle = "Ganja centre opens"\ndate = 2026-03-17\n+++\nBody.\n' });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([expect.objectContaining({
      ruleId: 'frontmatter/language', line: 1, column: 1,
      message: 'The front matter is TOML, between `+++` lines; only YAML front matter is accepted.',
      hint: 'Write its fields in YAML between two lines `---` (`title = "Centre opens"` → `title: Centre opens`), or convert Hugo posts with `migration-news import SRC --from hugo --to DIR`.',
    })]);
  });
});

describe('the front matter\'s delimiters', () => {
  it('name the line with blanks after its dashes, and the opening line left out', () => {
    expect(parseReleaseFile('---\ntitle: x\nlang: en\n--- \nBody\n', 'a.md').diagnostics[0]).toMatchObject({
      line: 4, column: 4, message: 'The front matter block opened on line 1 is never closed: line 4 has spaces after its `---`, and the closing line must be exactly `---`.', hint: 'Delete the spaces after `---` on line 4.',
    });
    // A README whose first line looks like a field is still a README.
    expect(parseReleaseFile('Note: this folder holds releases.\n\n---\n\nMore notes.\n', 'releases/README.md').diagnostics[0]?.hint).toMatch(/^If README\.md is not a release/);
    expect(parseReleaseFile('title: x\nlang: en\n---\nBody\n', 'a.md').diagnostics[0]).toMatchObject({
      line: 1, column: 1, message: 'The file starts with a field (line 1) but no opening `---`; line 3\'s `---` looks like the end of the front matter.', hint: 'Add a line that is exactly `---` above line 1.',
    });
  });
});
