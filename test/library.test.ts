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
});
