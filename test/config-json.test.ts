import { describe, expect, it } from 'vitest';
import { release, runMain, useProjects } from './helpers/cli.js';

/*
 * A config file named `….json` is JSON, as every other program that opens it reads it: what only YAML reads (a comment, a
 * comma after the last item, a key without quotes) is an error at its place, never read another way.
 */

interface Report { diagnostics: { file: string; line: number; column: number; ruleId: string; message: string; hint: string | null }[] }

describe('a JSON config file', () => {
  const project = useProjects();

  async function check(json: string, name = 'migration-news.config.json'): Promise<{ code: number | null; report: Report }> {
    const dir = await project({ [name]: json, 'r/a.md': release() });
    const result = await runMain(['validate', 'r', '--reporter', 'json', ...(name.startsWith('migration-news') ? [] : ['--config', name])], { cwd: dir });
    return { code: result.code, report: JSON.parse(result.stdout) as Report };
  }

  it('refuses a comment and a trailing comma at their line and column, where YAML read the file another way', async () => {
    // Before, the comment was taken into the key after it (`// set the languages "languages"`), warned of as unknown, and
    // `languages` left at its default without a word; a trailing comma passed.
    const comment = await check('{\n  "organisation": { "name": "SMS" },\n  // set the languages\n  "languages": ["en", "az"]\n}\n');
    expect(comment.code).toBe(1);
    expect(comment.report.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId, d.message, d.hint])).toEqual([
      ['migration-news.config.json', 3, 3, 'yaml/syntax', 'The JSON cannot be read: JSON has no comments.', 'Delete the comment, or write the config as migration-news.config.yaml, where `#` starts one.'],
    ]);
    const comma = await check('{\n  "languages": ["en", "az",],\n  "timezone": "Asia/Baku"\n}\n', 'ci.json');
    expect(comma.report.diagnostics.map((d) => [d.file, d.line, d.column, d.message, d.hint])).toEqual([
      ['ci.json', 2, 27, 'The JSON cannot be read: a comma after the last item of a list, which JSON does not allow.', 'Delete the comma.'],
    ]);
  });

  it('names a key or text without double quotes, a missing comma and an unclosed object', async () => {
    const cases: [string, number, number, string][] = [
      ['{\n  languages: ["en"]\n}\n', 2, 3, 'The JSON cannot be read: a key in JSON is text in double quotes.'],
      ['{\n  "timezone": \'Asia/Baku\'\n}\n', 2, 15, 'The JSON cannot be read: JSON quotes text with double quotes ("…"), not single ones.'],
      ['{\n  "languages": ["en"]\n  "timezone": "Asia/Baku"\n}\n', 3, 3, 'The JSON cannot be read: a `,` is missing before this, or a `}` to close the object before it.'],
      ['{\n  "site": { "pageSize": 20 }\n', 1, 1, 'The JSON cannot be read: the object opened here is not closed: the file ends before its `}`.'],
    ];
    for (const [json, line, column, message] of cases) {
      const { code, report } = await check(json);
      expect(code, json).toBe(1);
      expect(report.diagnostics.map((d) => [d.line, d.column, d.message]), json).toEqual([[line, column, message]]);
    }
  });

  it('reads valid JSON as before, with its keys at their places', async () => {
    const { code, report } = await check('\uFEFF{\r\n  "languages": ["en", "az"],\r\n  "timezone": "Asia/Baku", "x": {}\r\n}\r\n');
    expect(code).toBe(0);
    expect(report.diagnostics.map((d) => [d.line, d.column, d.ruleId])).toEqual([[3, 28, 'schema/unknown-key']]);
  });
});
