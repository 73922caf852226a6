import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../src/core/parse.js';
import { releaseSchema } from '../src/core/schema.js';
import { EXAMPLES, runMain } from './helpers/cli.js';
import { fixtureFolder, runRuleFixture, type JsonReport } from './helpers/rule-fixtures.js';

/**
 * The JSON Schema that `migration-news schema` prints, checked by an
 * independent validator (ajv, JSON Schema 2020-12, with formats) against the
 * same releases the CLI checks: it must agree with the CLI on which field is wrong.
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
let validate: ReturnType<Ajv2020['compile']>;
let printed: Record<string, unknown>;

beforeAll(async () => {
  const result = await runMain(['schema']);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  printed = JSON.parse(result.stdout) as Record<string, unknown>;
  // Strict mode fails on any keyword ajv does not know, so the schema uses standard JSON Schema only.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  validate = ajv.compile(printed);
});

/** The front matter as any YAML 1.2 reader sees it, without migration-news. */
function frontMatter(text: string): unknown {
  const normal = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(normal);
  if (!match) throw new Error('no front matter');
  return parseYaml(match[1]!, { version: '1.2', schema: 'core' }) ?? {};
}

/** The key path an ajv error is about: the field itself, or the mapping that lacks a required field. */
function errorPath(error: ErrorObject): (string | number)[] {
  return error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

async function markdownFiles(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).filter((f) => f.endsWith('.md')).map((f) => join(folder, f)).sort();
}

describe('migration-news schema', () => {
  it('prints a 2020-12 schema with the required fields and enums of the release format', () => {
    expect(printed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(printed.type).toBe('object');
    const shape = releaseSchema.shape;
    const required = Object.keys(shape).filter((key) => !shape[key as keyof typeof shape].safeParse(undefined).success);
    expect([...(printed.required as string[])].sort()).toEqual(required.sort());
    expect(Object.keys(printed.properties as object).sort()).toEqual(Object.keys(shape).sort());
    const properties = printed.properties as Record<string, { pattern?: string }>;
    // Any BCP 47 tag is a language; the project's `languages` decide which are allowed.
    expect(new RegExp(properties.lang!.pattern!).test('en-GB')).toBe(true);
    expect(new RegExp(properties.lang!.pattern!).test('english language')).toBe(false);
  });

  it('accepts the front matter of every example release', async () => {
    const files = await markdownFiles(EXAMPLES);
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) {
      const data = frontMatter(await readFile(file, 'utf8'));
      expect(validate(data) ? [] : validate.errors, file).toEqual([]);
    }
  });

  it('accepts the front matter of every good rule fixture', async () => {
    for (const ruleId of ['schema/required', 'schema/type', 'schema/enum', 'schema/format', 'schema/url-scheme', 'schema/control-character', 'yaml/unquoted-value']) {
      for (const file of await markdownFiles(join(fixtureFolder(ruleId), 'good'))) {
        expect(validate(frontMatter(await readFile(file, 'utf8'))) ? [] : validate.errors, file).toEqual([]);
      }
    }
  });

  /**
   * What the schema cannot say, which only the CLI checks: each is a file of a
   * bad fixture that the schema accepts. Listed here so that the README's list
   * of limits stays true: a limit the schema loses makes this test fail.
   */
  const SCHEMA_CANNOT_TELL: Record<string, string> = {
    'schema/format/crlf-bom.md': 'a date that matches the pattern but is not in the calendar (2026-02-30)',
    'schema/format/image-host.md': 'an address whose host a URL parser refuses (a space in it): a pattern does not parse URLs',
  };

  it.each(['schema/required', 'schema/type', 'schema/enum', 'schema/format', 'schema/url-scheme', 'schema/control-character', 'yaml/unquoted-value'])(
    'rejects the %s fixtures for the same fields the CLI reports',
    async (ruleId) => {
      const { result, folder } = await runRuleFixture(ruleId, 'bad');
      const report = JSON.parse(result.stdout) as JsonReport;
      for (const file of await markdownFiles(folder)) {
        const name = file.slice(folder.length + 1);
        const text = await readFile(file, 'utf8');
        const reported = report.diagnostics.filter((d) => d.file === name).map((d) => `${d.line}:${d.column}`);
        expect(reported.length, name).toBeGreaterThan(0);
        const valid = validate(frontMatter(text));
        if (`${ruleId}/${name}` in SCHEMA_CANNOT_TELL) {
          expect(valid, name).toBe(true);
          continue;
        }
        expect(valid, name).toBe(false);
        // Where the CLI would put each of ajv's errors: the same places it did put its own.
        const parsed = parseReleaseFile(text, name);
        const places = new Set((validate.errors ?? []).map((e) => parsed.locate(errorPath(e))).map((l) => `${l.line}:${l.column}`));
        expect([...places].sort(), name).toEqual([...new Set(reported)].sort());
      }
    },
  );

  it('is the schema the CLI validates with: a value it rejects for a field fails that field in the schema too', () => {
    const values: [string, unknown][] = [
      ['date', '2026-05-14garbage'],
      ['date', 'garbage2026-05-14T10:00:00+04:00'],
      ['embargo', '2027-03-01'],
      ['id', 'Bad Id'],
      ['slug', '-leading'],
      ['status', 'live'],
      ['tags', ['ok', '']],
    ];
    const base = { title: 'Title', date: '2026-05-14', lang: 'en' };
    expect(validate(base)).toBe(true);
    for (const [field, value] of values) {
      const data = { ...base, [field]: value };
      expect(releaseSchema.safeParse(data).success, `${field}: ${JSON.stringify(value)}`).toBe(false);
      expect(validate(data), `${field}: ${JSON.stringify(value)}`).toBe(false);
      expect((validate.errors ?? []).every((e) => e.instancePath.startsWith(`/${field}`)), field).toBe(true);
    }
    // An image is fetched, never mailed: mailto is refused for images too.
    for (const src of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'mailto:press@a.az']) {
      const data = { ...base, image: { src, alt: 'A photo' } };
      expect(releaseSchema.safeParse(data).success, src).toBe(false);
      expect(validate(data), src).toBe(false);
    }
    for (const src of ['https://a.az/x.jpg', 'HTTP://a.az/x.jpg', 'media/x.jpg', '/x.jpg', '//cdn.a.az/x.jpg', '?a=b:c', 'a/b:c.jpg']) {
      const data = { ...base, image: { src, alt: 'A photo' } };
      expect(releaseSchema.safeParse(data).success, src).toBe(true);
      expect(validate(data), src).toBe(true);
    }
  });
});
