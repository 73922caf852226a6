import { describe, expect, it } from 'vitest';

describe('the library API', () => {
  it('parses, validates and renders a release without touching the file system', async () => {
    const lib = await import('migration-news');
    const parsed = lib.parseReleaseFile('---\ntitle: Yeni xidmət\ndate: 2026-03-17\nlang: az\nstatus: published\n---\nMətn.\n', 'a.md');
    const config = lib.configSchema.parse({});
    const result = lib.validateRelease(parsed, { config, now: Date.parse('2026-11-28T00:00:00Z') });
    expect(result.diagnostics).toEqual([]);
    expect(result.release).toMatchObject({ id: 'a', slug: 'yeni-xidmet', lang: 'az', status: 'published' });
    const view = lib.buildView(result.release!, result.body!, { config, now: 0, translations: [], version: 'test' });
    expect(view.dates.published).toBe('17 mart 2026');
    expect(lib.jsonDocument(view)).toMatchObject({ title: 'Yeni xidmət', body: { html: '<p>Mətn.</p>\n' } });
  });

  it('exports its catalogues frozen: a caller cannot change what the tool reports or accepts', async () => {
    const lib = await import('migration-news');
    const rule = lib.RULES['content/image-alt'];
    expect(() => { (rule as { severity: string }).severity = 'off'; }).toThrow(TypeError);
    expect(() => { (lib.RULES as Record<string, unknown>)['content/new'] = rule; }).toThrow(TypeError);
    expect(() => { (lib.LANGUAGES as unknown as string[]).push('xx'); }).toThrow(TypeError);
    expect(() => { (lib.STATUSES as unknown as string[]).push('live'); }).toThrow(TypeError);
    expect(() => { (lib.OUTPUT_FORMATS as unknown as string[]).push('pdf'); }).toThrow(TypeError);
    // Tried, and still as they were: a release with an image without alternative text is an error, and a status must be one of five.
    expect(rule.severity).toBe('error');
    const config = lib.configSchema.parse({});
    const parsed = lib.parseReleaseFile('---\ntitle: A\ndate: 2026-03-17\nlang: en\nstatus: live\n---\nText.\n', 'a.md');
    expect(lib.validateRelease(parsed, { config, now: 0 }).diagnostics.map((d) => d.ruleId)).toEqual(['schema/enum']);
  });
});

