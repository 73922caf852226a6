import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AssignTag, BlockTag, CaptureTag, ForTag, IncludeTag, LayoutTag, Liquid, Value } from 'liquidjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildView, type OutputFormat } from '../src/core/model.js';
import { parseReleaseFile } from '../src/core/parse.js';
import { ReleaseRenderer, type TemplateSet } from '../src/core/templates.js';
import { validateRelease } from '../src/core/validate.js';
import { loadConfig } from '../src/io/config.js';
import { loadTemplateSet } from '../src/io/template-sets.js';
import { NOW, ROOT } from './helpers/cli.js';

/**
 * Outputs of the form `{{ a.b | f }}` render without LiquidJS's generators
 * (`quickenOutputs`). Whatever the template and the values, a page must come
 * out byte for byte as LiquidJS's own render makes it, and a template that
 * fails must fail with the same diagnostics.
 */

const now = Date.parse(NOW);
const FORMATS: readonly OutputFormat[] = ['html', 'text', 'json'];

function renderers(set: TemplateSet, strictVariables = true): [ReleaseRenderer, ReleaseRenderer] {
  return [new ReleaseRenderer(set, { strictVariables }), new ReleaseRenderer(set, { strictVariables, quickOutputs: false })];
}

describe('quick outputs', () => {
  let sets: TemplateSet[];
  beforeAll(async () => {
    sets = [];
    for (const name of ['default', 'email']) {
      const loaded = await loadTemplateSet(name, { cwd: ROOT });
      if (!loaded.ok) throw new Error(`the ${name} set does not load`);
      sets.push(loaded.set);
    }
  });

  it('render every example release in every format of the built-in sets as LiquidJS does', async () => {
    const { config } = await loadConfig(join(ROOT, 'examples', 'migration-news.config.yaml'), ROOT);
    let compared = 0;
    // One pair of renderers for each set, over all the releases, as a build keeps one.
    const pairs = sets.map((set) => [set, ...renderers(set)] as const);
    for (const lang of ['az', 'en', 'ru']) {
      for (const name of readdirSync(join(ROOT, 'examples', lang))) {
        const parsed = parseReleaseFile(readFileSync(join(ROOT, 'examples', lang, name), 'utf8'), `${lang}/${name}`);
        const checked = validateRelease(parsed, { config, now });
        if (!checked.release || !checked.body) continue;
        for (const [set, quick, slow] of pairs) {
          for (const format of FORMATS.filter((f) => set.formats.includes(f))) {
            const view = () => buildView(checked.release!, checked.body!, { config, now, translations: [], version: '1.0.0', labels: set.labels?.get(checked.release!.lang)?.values });
            expect(quick.render(format, view())).toEqual(slow.render(format, view()));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('render the built-in sets\' pages of releases with any field values as LiquidJS does', async () => {
    const { config } = await loadConfig(join(ROOT, 'examples', 'migration-news.config.yaml'), ROOT);
    const name = readdirSync(join(ROOT, 'examples', 'en'))[0]!;
    const checked = validateRelease(parseReleaseFile(readFileSync(join(ROOT, 'examples', 'en', name), 'utf8'), `en/${name}`), { config, now });
    if (!checked.release || !checked.body) throw new Error('the example does not check');
    const base = checked.release;
    const body = checked.body;
    const pairs = sets.map((set) => [set, ...renderers(set)] as const);
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('<b>&amp;</b>', '"quoted"', 'İstanbul', '{{ x }}', '{% if %}', 'ا ب', ''));
    fc.assert(fc.property(
      fc.record({ title: text, subtitle: fc.option(text, { nil: undefined }), location: fc.option(text, { nil: undefined }), summary: fc.option(text, { nil: undefined }), tags: fc.array(text, { maxLength: 3 }), lang: fc.constantFrom('en', 'az', 'ru') }),
      (fields) => {
        const release = { ...base, ...fields };
        for (const [set, quick, slow] of pairs) {
          const labels = set.labels?.get(release.lang)?.values;
          for (const format of FORMATS.filter((f) => set.formats.includes(f))) {
            const view = () => buildView(release, body, { config, now, translations: [], version: '1.0.0', labels });
            expect(quick.render(format, view())).toEqual(slow.render(format, view()));
          }
        }
      },
    ), { numRuns: 25 });
  });

  /** A set whose one template uses every shape of output, quick or not, over values of any kind. */
  function probeSet(source: string): TemplateSet {
    return {
      name: 'probe', formats: ['text'],
      files: new Map([
        ['release.txt.liquid', { name: 'release.txt.liquid', source, path: 'probe/release.txt.liquid', set: 'probe' }],
        ['partials/p.liquid', { name: 'partials/p.liquid', source: '[{{ release.title }}|{{ item }}|{{ forloop.index }}]', path: 'probe/partials/p.liquid', set: 'probe' }],
        ['layouts/l.liquid', { name: 'layouts/l.liquid', source: LAYOUT, path: 'probe/layouts/l.liquid', set: 'probe' }],
        ['layouts/inner.liquid', { name: 'layouts/inner.liquid', source: '{% layout "layouts/l" %}{% block b %}inner-b[{{ block.super }}]{% endblock %}', path: 'probe/layouts/inner.liquid', set: 'probe' }],
      ]),
    };
  }

  /** A layout with named blocks, one that writes its page's text around its own, and the page itself as the anonymous block. */
  const LAYOUT = '<{% block a %}layout-a {{ release.slug }}{% endblock %}|{% block b %}layout-b{% if release.subtitle %}{{ release.subtitle }}{% endif %}{% endblock %}|{% block %}{% endblock %}|{% include "partials/p" %}>';
  /** Pages written through it: blocks that override, that write `block.super`, that are left out; a layout of a layout; no layout at all. */
  const PAGES = [
    '{% layout "layouts/l" %}{% block a %}page-a {{ release.title }}{% endblock %}text {{ release.id }}',
    '{% layout "layouts/l" %}{% block b %}({{ block.super }}){% for t in release.tags %}{{ t }}{% endfor %}{% endblock %}{% assign x = release.title %}{{ x }}',
    '{% layout "layouts/inner" %}{% block a %}A{{ block.super }}{% endblock %}{% block %}anonymous {{ release.slug }}{% endblock %}',
    '{% layout none %}{% block a %}no layout {{ release.title }}{% endblock %}',
    'before {% block a %}plain {{ release.id }}{% endblock %} after',
  ];

  const PROBE = [
    '{{ release.title }} {{ release.title | upcase }} {{ release.title | size }} {{ release.tags.size }} {{ release.tags.first }} {{ release.tags.last }}',
    '{{ release["title"] }} {{ release.tags[0] }} {{ release.tags.0 }} {{ release.contacts.first.name }} {{ release.image.alt | escape }}',
    '{{ release.summary | default: "none" }} {{ release.subtitle | default: "-", allow_false: true }} {{ release.title | truncate: 5, "…" }} {{ release.location | upper }} {{ release.title | wrap: 20 }} {{ release.title | json }}',
    '{% assign t = release.title %}{{ t }}{% capture c %}{{ release.id }}-{{ t | downcase }}{% endcapture %}{{ c }}{{ c.size }}',
    '{% for item in release.tags %}{{ item }}{{ forloop.index }}{% include "partials/p" %}{% endfor %}{% for c in release.contacts %}{{ c.name }}{{ c.role }}{% endfor %}',
    '{% if release.subtitle %}{{ release.subtitle }}{% else %}{{ release.slug }}{% endif %}{{ site.name }}{{ dates.published }}{{ labels.language_name }}',
    '{{ release.tags.size.size }} {{ release.title.size }} {{ release.title.first }} {{ embargoed }} {{ word_count }} {{ release.tags | join }}',
    '{% unless release.subtitle %}no-sub{% else %}{{ release.subtitle }}{% endunless %}{% unless embargoed %}open{% endunless %}{% if release.summary == "" %}empty{% elsif release.summary %}sum{% else %}none{% endif %}',
    '{% if release.tags.size > 1 and release.title %}many{% elsif release.tags.first %}{{ release.tags.first }}{% endif %}{% if release.image.alt %}{{ release.image.alt }}{% endif %}',
    '{% for t in release.tags %}{% if forloop.index > 2 %}{% break %}{% endif %}{% if t == "" %}{% continue %}{% endif %}[{{ t }}]{% unless forloop.last %},{% endunless %}{% endfor %}',
    '{% if release.title %}{% if release.location %}{% unless release.location == release.title %}{{ release.location | upcase }}{% endunless %}{% endif %}{% endif %}{% capture x %}{% if release.id %}{{ release.id }}{% endif %}{% endcapture %}{{ x }}',
    '{% if release.title != release.slug or release.id contains "a" %}ne{% endif %}{% if release.tags contains "size" %}c{% endif %}{% if not release.subtitle %}ns{% endif %}{% if release.title contains release.slug and release.title != "" %}cc{% endif %}',
    '{% if release.summary == empty %}e{% endif %}{% if release.subtitle == nil %}n{% endif %}{% if release.location != blank and 1 < 2 %}b{% endif %}{% if release.tags.size >= 2 or false %}t{% endif %}{% unless release.title == "<b>&amp;</b>" %}u{% endunless %}{% if release.tags == empty or release.contacts.size <= 1 %}s{% endif %}',
    '{% for c in release.contacts %}{{ forloop }}{{ forloop.rindex }}{{ forloop.rindex0 }}{{ forloop.first }}{{ forloop.last }}{{ forloop.length }}{{ forloop.name }}{{ c }}{% else %}none{% endfor %}{% for ch in release.title %}<{{ ch }}>{% endfor %}{% for pair in release.image %}{{ pair[0] }}={{ pair[1] }}{% endfor %}',
    '{% for t in release.tags limit: 1 %}{{ t }}{% endfor %}{% for t in release.tags offset: continue %}({{ t }}){% endfor %}{% for t in release.tags reversed %}{{ t }}{% for u in release.tags %}{% if u == t %}{% break %}{% endif %}{{ u }}{% endfor %}{% endfor %}',
    '{% include "partials/p", item: release.title, n: 3, flag %}{% include "partials/p" with release.slug %}{% include "partials/p", item: nil %}{{ item }}{% for item in release.tags %}{% include "partials/p", item: "x" %}{% endfor %}',
    '{% assign s = release.title | truncate: 6 %}{{ s }}{% assign tags = release.tags %}{{ tags.size }}{% assign n = 3 %}{{ n }}{% assign v = release.summary | default: release.slug %}{{ v }}{% capture w %}{% for t in tags %}{{ t }}{% endfor %}{% endcapture %}{{ w | size }}{% assign forloop = "f" %}{{ forloop }}',
    '{{ release.title | append: release.slug }}{{ release.summary | default: release.title }}{{ release.title | replace: "a", release.id | prepend: release.location }}{{ release.title | truncate: release.tags.size, release.id }}{{ release.tags | join: release.slug }}{{ release.title | append: 3 | append: release.tags.first }}',
    '{% assign k = "title" %}{{ release[k] }}{{ release[k] | upcase }}{% if release[k] == release.title %}same{% endif %}{{ release.tags[release.tags.size] }}{{ release.contacts[0][k] }}{{ release[release.slug] }}',
    '{{ "lit" }}{{ 3 }}{{ 2.5 }}{{ true }}{{ nil }}{{ empty }}{{ "x" | upcase }}{% if "a" %}q{% endif %}{% if nil %}never{% elsif release.image and release.image.alt > "m" %}alt{% endif %}{% if release.tags.first == release.tags.last and release.tags.size > 0 %}one{% endif %}',
  ].join('\n');

  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<b>&amp;</b>', '"quoted"', 'İstanbul', '', ' ', 'size', 'first', '__proto__'));
  const release = fc.record({
    title: value, subtitle: fc.option(value), summary: fc.option(value), location: fc.option(value), slug: value, id: value,
    tags: fc.array(value, { maxLength: 4 }),
    contacts: fc.array(fc.record({ name: value, role: fc.option(value) }), { maxLength: 2 }),
    image: fc.option(fc.record({ alt: value })),
  });

  it('render any values through any output shape as LiquidJS does, strict or lenient', () => {
    // One pair of renderers for each mode, as a build keeps one for all its releases: the probe is parsed once, not at each run.
    const modes = new Map([true, false].map((strict) => [strict, renderers(probeSet(PROBE), strict)]));
    fc.assert(fc.property(release, fc.boolean(), (r, strict) => {
      const view = { release: { ...r, lang: 'en' }, site: { name: 'SMS' }, dates: { published: '1 May 2026' }, labels: { language_name: 'English' }, embargoed: false, word_count: 3 };
      const [quick, slow] = modes.get(strict)!;
      const a = quick.render('text', view as never);
      const b = slow.render('text', view as never);
      expect(a).toEqual(b);
    }), { numRuns: 150 });
  });

  it('write layouts and their blocks as LiquidJS does, without its own renders of them', () => {
    const tags = [LayoutTag, BlockTag].map((tag) => tag.prototype as unknown as { render(...args: unknown[]): unknown });
    // One pair of renderers for each page, parsed once.
    const pages = new Map(PAGES.map((page) => [page, renderers(probeSet(page))]));
    fc.assert(fc.property(release, fc.constantFrom(...PAGES), (r, page) => {
      const view = { release: { ...r, lang: 'en' }, item: null, forloop: null };
      const [quick, slow] = pages.get(page)!;
      const spies = tags.map((tag) => vi.spyOn(tag, 'render'));
      try {
        const a = quick.render('text', view as never);
        expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
        expect(a).toEqual(slow.render('text', view as never));
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    }), { numRuns: 60 });
  });

  it('fail where LiquidJS fails, with the same diagnostics', () => {
    for (const source of ['{{ release.missing }}', '{% if release.missing %}x{% endif %}', 'a{% unless nothing %}b{% endunless %}', '{% if release.title %}{{ release.missing }}{% endif %}', 'a\n{% if release.title | format_date %}x{% endif %}', '{% if release.title | wrap: 3 %}x{% endif %}{{ release.missing }}', '{{ nothing.at.all }}', '{{ release.title.missing }}', '{{ release.title | no_such_filter }}', 'x\n{{ release.tags.first.name }}', 'a\n{% if release.title and release.missing %}x{% endif %}', '{% if release.missing == nil or release.title %}x{% endif %}', '{% unless release.title == release.tags.first.name %}x{% endunless %}', '{% include "partials/p" %}{% include "partials/missing" %}', '{% for t in release.tags %}{% include release.title %}{% endfor %}', 'a\n{% for t in release.missing %}x{% endfor %}', '{% for t in release.tags %}{% else %}{{ release.missing }}{% endfor %}{% for t in release.tags %}\n{{ t.missing }}{% endfor %}', '{% include "partials/p", item: release.missing %}', '{% include "partials/q", item: release.title %}', 'x\n{% assign a = release.missing %}', '{% assign a = release.title | no_such %}', '{% capture c %}{{ release.missing }}{% endcapture %}', 'x\n{{ release.title | append: release.missing }}', '{{ release.title | upcase | append: release.tags.first.name }}', '{{ release.title | no_such: release.title }}', '{{ release[release.missing] }}', 'a\n{% assign k = "missing" %}{{ release[k] }}', 'x\n{% block a %}{{ block.constructor }}{% endblock %}', '{% for t in release.tags %}{{ forloop.constructor }}{% endfor %}', '{% for forloop in release.tags %}{{ forloop }}{% endfor %}', '{% layout "layouts/l" %}{% block a %}{{ release.missing }}{% endblock %}', '{% layout "layouts/missing" %}x', 'x\n{% block a %}{{ block.super }}{{ release.missing }}{% endblock %}', '{% layout "layouts/l", title: release.title %}{% block a %}{{ title }}{% endblock %}']) {
      const [quick, slow] = renderers(probeSet(source));
      const view = { release: { title: 'T', tags: ['a'] } };
      const a = quick.render('text', view as never);
      expect(a.ok, source).toBe(false);
      expect(a).toEqual(slow.render('text', view as never));
    }
  });

  it('take the quick paths: text between tags and conditions with operators without LiquidJS\'s own render, a partial parsed once', () => {
    // LiquidJS does not export its class for the text between tags: a parsed template's prototype is it.
    const text = Object.getPrototypeOf(new Liquid().parse('x')[0]!) as { render(...args: unknown[]): unknown };
    const engine = Liquid.prototype as unknown as { _parsePartialFile(...args: unknown[]): unknown };
    const tags = [ForTag, IncludeTag, AssignTag, CaptureTag].map((tag) => tag.prototype as unknown as { render(...args: unknown[]): unknown });
    const spies = [vi.spyOn(text, 'render'), vi.spyOn(Value.prototype, 'value'), vi.spyOn(engine, '_parsePartialFile'), ...tags.map((tag) => vi.spyOn(tag, 'render'))] as const;
    try {
      const [quick] = renderers(probeSet('{% for item in release.tags %}<{% include "partials/p" %}{% if release.tags.size > 1 and release.title != "" %}y{% endif %}{% endfor %}{% assign t = release.title | downcase %}{% capture c %}{{ t }}{% endcapture %}{% include "partials/p", item: c %}{{ t | append: release.title }}{% assign k = "title" %}{{ release[k] }}'));
      const rendered = quick.render('text', { release: { title: 'T', tags: ['a', 'b', 'c'] }, forloop: null } as never);
      expect(rendered).toEqual({ ok: true, output: '<[T|a|1]y<[T|b|2]y<[T|c|3]y[T|t|]tTT\n' });
      const [textRenders, valueRenders, partialParses, ...tagRenders] = spies.map((spy) => spy.mock.calls.length);
      expect({ textRenders, valueRenders, partialParses, tagRenders }).toEqual({ textRenders: 0, valueRenders: 0, partialParses: 1, tagRenders: [0, 0, 0, 0] });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('write nothing by reading a block\'s writer, and move no loop on through a key that is not text, as LiquidJS', () => {
    const page = probeSet('{% layout "layouts/l" %}{% block a %}P{{ block.superBlockRender }}{% endblock %}');
    const [quick, slow] = renderers(page);
    const view = { release: { lang: 'en', slug: 's', subtitle: null, title: 'T' }, item: null, forloop: null, boom: undefined };
    expect(quick.render('text', view as never)).toEqual(slow.render('text', view as never));
    const [lenientQuick, lenientSlow] = renderers(probeSet('{% for t in release.tags %}{% block a %}{{ forloop[k] | append: block.super }}{% endblock %}{{ forloop.index }},{% endfor %}'), false);
    const loop = () => ({ release: { title: 'T', tags: [1, 2, 3, 4] }, k: ['next'] });
    expect(lenientQuick.render('text', loop() as never)).toEqual(lenientSlow.render('text', loop() as never));
  });

  it('charge a filter once against the memory limit, even where a later argument makes the quick render give up', () => {
    const [quick, slow] = renderers(probeSet('x\n{{ release.title | upcase | append: release.missing }}'));
    const view = () => ({ release: { title: 'a'.repeat(9_000_000) } });
    const a = quick.render('text', view() as never);
    expect(a.ok).toBe(false);
    expect(a).toEqual(slow.render('text', view() as never));
  });

  it('read `forloop.next`, which moves the loop on, once, even where a quick render gives up on a later value', () => {
    const [quick, slow] = renderers(probeSet('{% for t in release.tags %}{% include "partials/p", item: forloop.next, j: release.d.gen %}{{ forloop.index }}{% endfor %}'), false);
    const view = () => ({ release: { title: 'T', tags: ['a', 'b', 'c'], d: { *gen() { yield 'g'; } } } });
    const a = quick.render('text', view() as never);
    expect(a).toEqual({ ok: true, output: '[T||2]2[T||4]4[T||6]6\n' });
    expect(a).toEqual(slow.render('text', view() as never));
  });

  it('refuse a partial named by something other than a string, even after the same name as a string was included', () => {
    const [quick, slow] = renderers(probeSet('{% include "partials/p" %}{% include release.tags %}{% render release.tags %}'));
    const view = { release: { title: 'T', tags: ['partials/p'] }, item: 'i', forloop: null };
    const a = quick.render('text', view as never);
    expect(a.ok).toBe(false);
    expect(a).toEqual(slow.render('text', view as never));
  });
});
