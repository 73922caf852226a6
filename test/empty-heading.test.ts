import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { editorLines, textAt, type JsonReport } from './helpers/rule-fixtures.js';

/** A line of `#` marks alone is a heading with no text: said at the line, and no page shows an empty heading element. */

const project = useProjects();

const BODY = [
  'The State Migration Service opened a new centre in Ganja today.',
  '',
  '##',
  'About the centre',
  '',
  '- An item',
  '',
  '  ###',
  '',
  '> #  ',
  '',
  '## Opening hours',
  '',
  '### ###',
  '',
  'The centre is open from nine to six.',
  '',
].join('\n');

async function validate(dir: string): Promise<{ code: number | null; report: JsonReport }> {
  const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

describe('an empty heading in the body', () => {
  it('is a warning at each, in lists and quotes too, with a hint to write its words or delete it', async () => {
    const dir = await project({ 'release.md': release({}, BODY) });
    const { code, report } = await validate(dir);
    const lines = await editorLines(join(dir, 'release.md'));
    expect(report.diagnostics.map((d) => `${d.ruleId} ${d.severity} ${d.line} ${textAt(lines, d.line, d.column, d.endLine, d.endColumn)}`)).toEqual([
      'content/empty-heading warning 9 ##',
      'content/empty-heading warning 14 ###',
      'content/empty-heading warning 16 #',
      'content/empty-heading warning 20 ### ###',
    ]);
    expect(report.diagnostics[0]!.hint).toMatch(/^Write the heading's words after the marks/);
    expect(code).toBe(0);
  });

  it('is said at its own line when a longer line of marks came before it', async () => {
    const dir = await project({ 'release.md': release({}, 'The centre opened today.\n\n### ###\n\n##\n#\n\nIt is open from nine.\n') });
    const { report } = await validate(dir);
    const lines = await editorLines(join(dir, 'release.md'));
    expect(report.diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column} ${textAt(lines, d.line, d.column, d.endLine, d.endColumn)}`)).toEqual([
      'content/empty-heading 9:1 ### ###',
      'content/empty-heading 11:1 ##',
      'content/empty-heading 12:1 #',
    ]);
  });

  it('leaves the end mark closing the body to content/repeated-part, said once', async () => {
    const dir = await project({ 'release.md': release({}, 'The centre opened today.\n\nIt is open from nine.\n\n###\n') });
    const { report } = await validate(dir);
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(['content/repeated-part']);
    expect(report.diagnostics[0]!.message).not.toContain('would show an empty one');
  });

  it('is no heading element on the page, and the headings after it keep their levels', async () => {
    const dir = await project({ 'r/release.md': release({}, `#\n\n${BODY}\n###\n`) });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist', 'en', 'service-opens-new-residence-permit-centre.html'), 'utf8');
    expect(html).not.toMatch(/<h([1-6])[^>]*>\s*<\/h\1>/);
    expect(html).toContain('<h2>Opening hours</h2>');
    expect(html).toContain('<p>About the centre</p>');
  });
});
