import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonForScript, shorten, unshownContent, type TemplateSet } from '../src/core/templates.js';
import { escapeHtml } from '../src/core/text.js';

/** Properties of the pieces templates rely on for safety and layout, over many generated inputs. */

describe('jsonForScript', () => {
  it('round-trips any JSON value and leaves no character that could end a script, open a tag or close an attribute', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const encoded = jsonForScript(value);
      expect(JSON.parse(encoded)).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
      expect(encoded).not.toMatch(/[<>&'\u2028\u2029]/);
    }), { numRuns: 500 });
  });

  it('keeps quotes only as the JSON\'s own delimiters, whatever a string holds', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('"', '\\', 'a', '<', '/', "'", ' ') }), (text) => {
      const encoded = jsonForScript({ text });
      expect(encoded.match(/"/g)).toHaveLength(4);
      expect(JSON.parse(encoded)).toEqual({ text });
    }), { numRuns: 500 });
  });
});

describe('escapeHtml', () => {
  const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  it('writes each of & < > " \' as its reference and every other character as itself, wherever they stand', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", 'a', 'ə', ' ', ';', '#', '😀') }), (text) => {
      expect(escapeHtml(text)).toBe([...text].map((c) => REFERENCES[c] ?? c).join(''));
    }), { numRuns: 500 });
  });

  it('gives back text with none of them unchanged', () => {
    const text = 'Residence permits — 24 500 issued; İcazə';
    expect(escapeHtml(text)).toBe(text);
  });
});

describe('shorten', () => {
  it('never exceeds the length, keeps short text whole, and cuts only at the end of a word when it can', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'ə', 'ж', 'İ', '-', ','), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.integer({ min: 8, max: 80 }), (words, length) => {
      const text = words.join(' ');
      const short = shorten(text, length);
      expect([...short].length).toBeLessThanOrEqual(length);
      if ([...text].length <= length) expect(short).toBe(text);
      else {
        expect(short.endsWith('…')).toBe(true);
        expect(text.startsWith(short.slice(0, -1))).toBe(true);
      }
    }), { numRuns: 500 });
  });
});

describe('what a template laid out in a layout never shows (template/unshown)', () => {
  const setOf = (files: Record<string, string>): TemplateSet => ({
    name: 't', formats: ['html'],
    files: new Map(Object.entries(files).map(([name, source]) => [name, { name, source, path: `t/${name}`, set: 't' }])),
  });
  const found = (files: Record<string, string>) => unshownContent(setOf(files), () => true).map((f) => `${f.name}:${f.line}:${f.column} ${f.block ?? '(outside)'} [${f.blocks.join(' ')}]`);

  it('finds a block no layout of the chain has, and text or output outside every block, once each a template', () => {
    expect(found({
      'layouts/page.liquid': '<main>{% block content %}{% endblock %}</main>{% include "partials/aside" %}',
      'partials/aside.liquid': '<aside>{% block aside %}{% endblock %}</aside>',
      'layouts/article.liquid': "{% layout 'layouts/page' %}{% block content %}<article>{% block body %}{% endblock %}</article>{% endblock %}",
      'release.html.liquid': "{% layout 'layouts/article' %}\n  {% assign x = 1 %}\n  <p>{{ x }}</p> {{ x }}\n{% block contnet %}a{% endblock %}{% block body %}b{% endblock %}{% block aside %}c{% endblock %}{% block content %}{% block inner %}{% endblock %}{% endblock %}{% block other %}{% endblock %}",
    })).toEqual(['release.html.liquid:3:3 (outside) [content body aside]', 'release.html.liquid:4:1 contnet [content body aside]']);
  });

  it('finds a block the template fills a second time, which LiquidJS drops: the second, once a template', () => {
    const files = {
      'layouts/page.liquid': '<main>{% block content %}{% endblock %}</main><aside>{% block aside %}{% endblock %}</aside>',
      'release.html.liquid': "{% layout 'layouts/page' %}{% block content %}a{% endblock %}{% block aside %}b{% endblock %}\n{% block content %}c{% endblock %}{% block content %}d{% endblock %}",
    };
    expect(unshownContent(setOf(files), () => true).map((f) => `${f.line}:${f.column} ${f.block} ${f.repeated === true}`)).toEqual(['2:1 content true']);
  });

  it('finds nothing where the layout shows everything, is named by a value, or is none', () => {
    // What a capture outside the blocks holds is written by a block.
    expect(found({ 'layouts/page.liquid': '{% block content %}{% endblock %}', 'release.html.liquid': "{% layout 'layouts/page' %}\n{% capture heading %}<h1>{{ release.title }}</h1>{% endcapture %}\n{% block content %}{{ heading }}{% endblock %}" })).toEqual([]);
    // An anonymous block shows what the template writes outside its blocks.
    expect(found({ 'layouts/page.liquid': '{% block content %}{% endblock %}{% block %}{% endblock %}', 'release.html.liquid': "{% layout 'layouts/page' %}<p>shown</p>{% block content %}x{% endblock %}" })).toEqual([]);
    expect(found({ 'layouts/page.liquid': '{% block content %}{% endblock %}', 'release.html.liquid': '{% layout name %}<p>?</p>{% block contnet %}x{% endblock %}' })).toEqual([]);
    expect(found({ 'release.html.liquid': '{% layout none %}<p>shown</p>{% block contnet %}x{% endblock %}' })).toEqual([]);
    // Written before the layout tag, and in {% liquid %} lines, as LiquidJS reads them.
    expect(found({ 'layouts/page.liquid': '{% block content %}{% endblock %}', 'release.html.liquid': "<!-- shown -->{% liquid\nlayout 'layouts/page'\nassign a = 1 %}{% block content %}x{% endblock %}\n" })).toEqual([]);
    // A layout the set does not have is told by the render, not here.
    expect(found({ 'release.html.liquid': "{% layout 'layouts/gone' %}<p>x</p>" })).toEqual([]);
  });
});
