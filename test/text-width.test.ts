import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../src/core/text.js';

/**
 * The definitions, written the obvious way: a Unicode test per code point.
 * The shipped functions take shortcuts (no regular expression for text
 * without marks, widths computed once per word, lines cut out of the
 * paragraph without splitting it into words); they must agree with these.
 */
const WIDE_REF = /[\p{Emoji_Presentation}\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
const ZERO_REF = /[\p{Mn}\p{Me}\p{Emoji_Modifier}\u200B-\u200F\u2060-\u2064\uFEFF\u1160-\u11FF\uD7B0-\uD7FF\u{E0000}-\u{E007F}]/u;
const PIC = /\p{Extended_Pictographic}/u;
const EMOJI = /[\p{Emoji}\p{Extended_Pictographic}]/u;
const cols = (ch: string) => (ZERO_REF.test(ch) ? 0 : WIDE_REF.test(ch) && !/[\u{1F1E6}-\u{1F1FF}]/u.test(ch) ? 2 : 1);
function referenceWidth(value: string): number {
  let width = 0;
  let prev = '';
  for (const ch of value) {
    if (prev === '\u200d' && PIC.test(ch)) width += 0;
    else if (ch === '\ufe0f' && prev !== '' && EMOJI.test(prev) && cols(prev) === 1) width += 1;
    else width += cols(ch);
    prev = ch;
  }
  return width;
}
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFD}]/u;
const NB_BEFORE = '、。，．：；！？）〕］｝〉》」』】〙〗〟｠・ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ゛゜〜～％｡｣､･ｰｧｨｩｪｫｯｬｭｮﾞﾟ\u3000';
const NB_AFTER = '（〔［｛〈《「『【〘〖〝｟｢＄￥';
const FWA = /[０-９Ａ-Ｚａ-ｚ]/u;
const LATIN = /^[A-Za-z]$/;
/** What UAX #29 joins to the character before it: no break before one. */
const EXTENDER = /^[\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\u200D\u0E33\u0EB3\u1160-\u11FF\uD7B0-\uD7FF]$/u;
/** How a telephone number opens, typed straight after Chinese or Japanese: `+` before a digit, a bracket before a digit or a `+`. */
const BMP_DIGIT = /^(?![\u{10000}-\u{10FFFF}])\p{Nd}$/u;
const numberSign = (b: string, next: string) => (b === '+' && BMP_DIGIT.test(next)) || (b === '(' && (BMP_DIGIT.test(next) || next === '+'));
const cjkBreak = (a: string, b: string, next = '') => !EXTENDER.test(b) && !(FWA.test(b) && (FWA.test(a) || a === '，' || a === '．')) && ((CJK.test(a) && (CJK.test(b) || LATIN.test(b) || /^[0-9]$/.test(b) || b === '<' || numberSign(b, next))) || ((LATIN.test(a) || a === '>') && CJK.test(b))) && !NB_AFTER.includes(a) && !NB_BEFORE.includes(b);

/** A decimal digit of any script in the Basic Multilingual Plane; a zero is the first of its script's ten. */
const D = '(?:(?![\\u{10000}-\\u{10FFFF}])\\p{Nd})';
const isBmpDigit = (code: number) => code >= 0 && code < 0x10000 && /\p{Nd}/u.test(String.fromCharCode(code));
const ZEROS = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => isBmpDigit(code) && !isBmpDigit(code - 1)).map((code) => String.fromCharCode(code)).join('');
const DIGIT_END = new RegExp(`${D}$`, 'u');
const DIGIT_START = new RegExp(`^${D}`, 'u');
const DIGIT_GROUP = new RegExp(`^${D}{3}(?!${D})`, 'u');
const PHONE_START = new RegExp(`^[\\u200E\\u200F\\u061C\\u2066-\\u2068]*[\\p{Ps}\\p{Pi}]?(?:\\+${D}{1,4}|\\(\\+?${D}{1,5}\\)|[${ZEROS}]${D}{1,4})(?: (?:\\(${D}{1,5}\\)|${D}{1,6}(?:[-.]${D}{1,6})*))*$`, 'u');
// A group ends before a space or anything that is no digit or letter, or before Chinese or Japanese, written with no space before it.
const PHONE_NEXT = new RegExp(`^(?:\\(${D}{1,5}\\)|${D}{1,6}(?:[-.]${D}{1,6})*)(?![\\p{Nd}\\p{L}](?<![\\u2E80-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{3FFFD}]))`, 'u');

/** A word after its last colon, where a letter or a stop stands before that colon (`Tel.:+994` gives `+994`); else the word. */
function afterLabel(word: string): string {
  const colon = word.lastIndexOf(':');
  return colon > 0 && /^[\p{L}.]$/u.test(word[colon - 1]!) ? word.slice(colon + 1) : word;
}

function referenceWrap(value: string, width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of value.split('\n')) {
    const room = width - Math.max(referenceWidth(indent), referenceWidth(firstIndent));
    if (referenceWidth(paragraph) <= room) {
      lines.push((lines.length === 0 ? firstIndent : indent) + paragraph.split(/[ \t]+/).filter((w) => w !== '').join(' '));
      continue;
    }
    const words: { text: string; gap: number }[] = [];
    for (const m of paragraph.matchAll(/[^ \t]+/g)) {
      const chars = Array.from(m[0]);
      const segments: string[] = [''];
      chars.forEach((c, k) => {
        if (k > 0 && cjkBreak(chars[k - 1]!, c, chars[k + 1])) segments.push('');
        segments[segments.length - 1] += c;
      });
      const last = words.length - 1;
      const prev = words[last]?.text ?? '';
      const seg = segments[0]!;
      const single = last >= 0 && paragraph[m.index - 1] === ' ' && /[^ \t]/.test(paragraph[m.index - 2] ?? ' ');
      const joined = single && (
        (DIGIT_END.test(prev) && prev.length < 16 && DIGIT_GROUP.test(seg)) ||
        (DIGIT_END.test(prev) && /^[%‰]/.test(seg)) ||
        (/[№§]$/.test(prev) && DIGIT_START.test(seg)) ||
        // A telephone number's groups: after `+994`, `(012)` or `012` and groups of digits, another of one to four, within 24 characters.
        // The number may follow a label typed straight before it, up to the label's colon (`Tel.:+994 12`), within 24 characters more.
        (PHONE_START.test(afterLabel(prev)) && prev.length <= 48 && afterLabel(prev).length + 1 + (PHONE_NEXT.exec(m[0])?.[0].length ?? 99) <= 24) ||
        (/^[—–]$/.test(m[0]) && !/[—–]$/.test(prev)) ||
        // A mark closing a sentence, typed after a space, standing alone (with what closes after it).
        (/^[!?:;।॥؟؛][!?:;।॥؟؛.…"'”’»)\]}]*$/u.test(m[0]) && !/[!?:;।॥؟؛]$/u.test(prev)));
      if (joined) words[last]!.text += ` ${seg}`;
      else words.push({ text: seg, gap: 1 });
      for (const rest of segments.slice(1)) words.push({ text: rest, gap: 0 });
    }
    let line = '';
    let lineWidth = 0;
    let prefix = lines.length === 0 ? firstIndent : indent;
    for (const { text: word, gap } of words) {
      const w = referenceWidth(word);
      if (line === '') {
        line = word;
        lineWidth = w;
      } else if (referenceWidth(prefix) + lineWidth + gap + w <= width) {
        line += (gap ? ' ' : '') + word;
        lineWidth += gap + w;
      } else {
        lines.push(prefix + line);
        prefix = indent;
        line = word;
        lineWidth = w;
      }
    }
    lines.push(prefix + line);
  }
  return lines.map((l) => l.trimEnd());
}

/** Letters from the scripts releases are written in, marks (also astral ones), surrogates alone and in pairs, URLs and blanks. */
const PIECES = ['हिन्दी', 'ि', '\u0903', '\u302e', 'テ\u3099', '\u309a', '出入国','在留カード','Windows','\u3000','<https://example.az/a>','は、','。','「','」','（','ー','っ','１','，','２３４','한국어','%',' %','№',' № ','—',' — ','–',' ।',' ॥ ','!',' ?',' :)',' ?x','👨‍👩‍👧‍👦','🇦🇿','❤️','1️⃣','#️⃣','©️','‼️','™️','👍🏽','\u{1f3fb}','\u200d','\ufe0f','\u{20000}','2', '500', '4 000', ' 123', '1234', '۰۱۲ ۵۵۵ ۰۱ ۰۰', ' ۵۰۰', '१२', '\u200e+994 12', ' 555', 'Tel.:+994 12', 'Факс:(012) 555', ':', '10:00', '致电+994 12', '：(012) 555', '(+', '+', '«', '“', ')', '\u2066', '\u2069', '012 555', ' 01', '0', 'a', 'Z', 'ə', 'ş', 'ğ', 'İ', 'ж', 'Щ', 'ё', 'e\u0301', '\u0301', '\u0483', '\u0489', '\u0591', '\u20d0', '\u{1d165}', '\u{1f600}', '\ud800', '\udc00', '—', '«', '»', '’', ' ', ' ', '  ', '\t', '\n', 'https://migration.example.az/guidance/', 'www.', '@', 'x'.repeat(30), 'Вид на жительство', 'ü', '\u0300', '\u036f', '\u0370', '\u0482', '\u048a', '\u2000', '\u20cf'];
const text = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), { maxLength: 60 }).map((parts) => parts.join(''));

describe('displayWidth', () => {
  it('counts code points and gives combining marks no width', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('plain ASCII')).toBe(11);
    expect(displayWidth('Вид на жительство')).toBe(17);
    expect(displayWidth('e\u0301te\u0301')).toBe(3);
    expect(displayWidth('\u{1f600}')).toBe(2);
    expect(displayWidth('\u{1d167}a\u{1d167}')).toBe(1);
    expect(displayWidth('\udc00\ud800')).toBe(2);
    expect(displayWidth('\u0418\u0306')).toBe(1);
    // A spacing vowel sign (ा ि ी) takes a column, a non-spacing mark (the virama ्, the sign े) none.
    expect([displayWidth('नवीनीकरण'), displayWidth('कार्यालय'), displayWidth('विदेशी')]).toEqual([8, 7, 5]);
    // A skin tone joins the emoji before it: one picture of two columns.
    expect(displayWidth('👍🏽')).toBe(2);
  });

  it('gives an emoji made by U+FE0F two columns, whatever character it is made of: a keycap, ©, ‼ as ™ and ℹ', () => {
    // Before, those whose base lies below U+2100 were one column: a heading's underline fell short of them.
    const emoji = ['1\ufe0f\u20e3', '#\ufe0f\u20e3', '*\ufe0f\u20e3', '©\ufe0f', '®\ufe0f', '‼\ufe0f', '™\ufe0f', 'ℹ\ufe0f', '❤\ufe0f'];
    expect(emoji.map((value) => displayWidth(value))).toEqual(emoji.map(() => 2));
    expect(displayWidth('Press 1\ufe0f\u20e3 for ©\ufe0f')).toBe(15);
    // Without U+FE0F, or after a letter, which no emoji is made of, it stays as it was.
    expect([displayWidth('©'), displayWidth('a\ufe0f'), displayWidth('1\u20e3')]).toEqual([1, 1, 1]);
  });

  it('agrees with the definition on any text', () => {
    fc.assert(fc.property(text, (value) => displayWidth(value) === referenceWidth(value)), { numRuns: 3000 });
  });
});

describe('wrapText', () => {
  it('keeps a number\'s spaced digit groups together, but not a long run of numbers', () => {
    expect(wrapText('Штраф составит от 2 500 до 4 000 долларов и 12 345 678 901 манатов', 20)).toEqual(['Штраф составит от', '2 500 до 4 000', 'долларов и', '12 345 678 901', 'манатов']);
    for (const line of wrapText(`Codes ${'100 200 300 400 500 600 700 800 900 '.repeat(4)}end`, 40)) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('keeps a telephone number written with spaces on one line, as a reader dials it', () => {
    // Before, its groups of two digits were places to break: `+994 12 555 01` and `00` on the next line.
    expect(wrapText('Call the press office on +994 12 555 01 00 for details', 36)).toEqual(['Call the press office on', '+994 12 555 01 00 for details']);
    expect(wrapText('Zəng edin: (012) 555-01-00, hər gün', 18)).toEqual(['Zəng edin:', '(012) 555-01-00,', 'hər gün']);
    expect(wrapText('اتصل على +994 12 555 01 00.', 20)).toEqual(['اتصل على', '+994 12 555 01 00.']);
    for (const phone of ['+7 (495) 123-45-67', '+1 (555) 123-4567', '+994 (12) 555 01 00', '+49 30 123456']) expect(wrapText(`Call us on ${phone} today`, 20).some((line) => line.includes(phone)), phone).toBe(true);
    // Not a list of numbers after a plus sign, nor a run longer than a number is.
    expect(wrapText('+5 then 12 34', 8)).toEqual(['+5 then', '12 34']);
    for (const line of wrapText(`+1 ${'22 '.repeat(20)}end`, 20)) expect(line.length).toBeLessThanOrEqual(24);
  });

  it('keeps a number and a telephone number whole in the digits of any script, after a mark of direction and in a local format', () => {
    // Before, each was parted between its groups at some width.
    const whole = (text: string, number: string) => {
      for (let width = 6; width <= 40; width++) expect(wrapText(text, width).some((line) => line.includes(number)), `${width}: ${text}`).toBe(true);
    };
    whole('با شماره \u200e+994 12 555 01 00 تماس بگیرید.', '\u200e+994 12 555 01 00');
    // An isolate opened before the number is closed on its line.
    whole('با شماره \u2066+994 12 555 01 00\u2069 تماس بگیرید.', '\u2066+994 12 555 01 00\u2069');
    whole('شماره محلی ۰۱۲ ۵۵۵ ۰۱ ۰۰ است و مبلغ ۱۲ ۵۰۰ ۰۰۰ منات', '۰۱۲ ۵۵۵ ۰۱ ۰۰');
    whole('شماره محلی ۰۱۲ ۵۵۵ ۰۱ ۰۰ است و مبلغ ۱۲ ۵۰۰ ۰۰۰ منات', '۱۲ ۵۰۰ ۰۰۰');
    whole('المبلغ ١٢ ٥٠٠ ٠٠٠ دينار', '١٢ ٥٠٠ ٠٠٠');
    whole('राशि १२ ५०० ००० रुपये है', '१२ ५०० ०००');
    whole('Zəng edin: 012 555 01 00 və ya 050 555 12 34, hər gün', '012 555 01 00');
    whole('Zəng edin: 012 555 01 00 və ya 050 555 12 34, hər gün', '050 555 12 34');
    expect(wrapText('Zəng edin: 012 555 01 00', 16)).toEqual(['Zəng edin:', '012 555 01 00']);
    // Digits beyond the Basic Multilingual Plane are not looked for: `12` and an Ol Onal digit (U+1E5F1) is no group of a number.
    expect(wrapText('\u200e+994 12\u{1E5F1}', 0)).toEqual(['\u200e+994', '12\u{1E5F1}']);
    // A line may break after a fullwidth digit before an ASCII one: the group ends there too (`۰۰１`), and one cut by it is none (`0１` `5`).
    expect(wrapText('۰۱۲ ۵۵۵ ۰۱ ۰۰１500', 0)).toEqual(['۰۱۲ ۵۵۵ ۰۱ ۰۰１', '500']);
    expect(wrapText('12 0１5', 0)).toEqual(['12', '0１', '5']);
    // Only a zero starts a local number, as no amount does: separate numbers in a sentence stay apart, and a run of them is cut.
    expect(wrapText('in 2025 12 offices', 8)).toEqual(['in 2025', '12', 'offices']);
    for (const line of wrapText(`${'01 '.repeat(20)}end`, 20)) expect(line.length).toBeLessThanOrEqual(24);
  });

  it('agrees with the definition on any text, width and indents', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 40 }), fc.constantFrom('', '  ', '> ', '\u0301 '), fc.constantFrom('', '- ', '1. ', '    '), (value, width, indent, firstIndent) => {
      expect(wrapText(value, width, indent, firstIndent)).toEqual(referenceWrap(value, width, indent, firstIndent));
    }), { numRuns: 3000 });
  });

  it('keeps URLs and other over-long words whole, each on a line of its own', () => {
    expect(wrapText('see https://migration.example.az/a/very/long/path for more', 20)).toEqual(['see', 'https://migration.example.az/a/very/long/path', 'for more']);
    expect(wrapText('sum abcdefghijkl ok', 5)).toEqual(['sum', 'abcdefghijkl', 'ok']);
    expect(wrapText('one two three', 9, '  ', '- ')).toEqual(['- one two', '  three']);
  });
});

describe('wrapping text written without spaces, and what must not be parted', () => {
  it('breaks Chinese and Japanese between characters, never before closing or after opening punctuation, counting each as two columns', () => {
    expect(wrapText('出入国在留管理庁は、二〇二六年六月一日から在留カードの更新手続きをオンラインで受け付けると発表しました。', 20)).toEqual(['出入国在留管理庁は、', '二〇二六年六月一日か', 'ら在留カードの更新手', '続きをオンラインで受', 'け付けると発表しまし', 'た。']);
    expect(wrapText('出入国在留管理庁は、二〇二六年六月一日から', 18)).toEqual(['出入国在留管理庁', 'は、二〇二六年六月', '一日から']);
    expect(wrapText('申请人可以使用《在线申请系统》提交所需材料。', 14)).toEqual(['申请人可以使用', '《在线申请系', '统》提交所需材', '料。']);
    expect(wrapText('費用は１，２３４円です。', 10)).toEqual(['費用は', '１，２３４', '円です。']);
    expect(wrapText('BAKU, 2026年5月1日 — 出入国在留管理庁は、在留カードの更新手続きを受け付けます。', 30)).toEqual(['BAKU, 2026年5月1日 — 出入国在', '留管理庁は、在留カードの更新手', '続きを受け付けます。']);
    // A Latin word in the text may start or end a line; an ideographic space never starts one.
    expect(wrapText('申请人可以使用Windows系统或手机提交材料。', 16)).toEqual(['申请人可以使用', 'Windows系统或手', '机提交材料。']);
    expect(wrapText('出入国在留管理庁\u3000在留カード', 16)).toEqual(['出入国在留管理', '庁\u3000在留カード']);
    expect(wrapText('访问<https://migration.example.az/guide>，或致电移民局。', 20)).toEqual(['访问', '<https://migration.example.az/guide>，', '或致电移民局。']);
    // A number may start a line, and keeps the counter after it.
    expect(wrapText('東京都は2026年6月12日に発表した。', 14)).toEqual(['東京都は2026年', '6月12日に発表', 'した。']);
    // Korean is written with spaces, and breaks there.
    expect(wrapText('외국인은 이제 온라인으로 체류 허가를 신청하고 전자 서명으로 확인할 수 있습니다.', 30)).toEqual(['외국인은 이제 온라인으로 체류', '허가를 신청하고 전자 서명으로', '확인할 수 있습니다.']);
    expect([displayWidth('中'), displayWidth('한'), displayWidth('，'), displayWidth('👨‍👩‍👧‍👦'), displayWidth('🇦🇿'), displayWidth('❤️')]).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('never starts a line with a mark that joins the character before it, as in kana pasted decomposed (テ and U+3099)', () => {
    const sentence = '国家移民庁は本日、新しい新しい新しい新しい新しい新しいデータベースとガイドブックを公開しました。'.normalize('NFD');
    // Before, a line ended in テ and the next started with its voiced sound mark: `新しい新しいテ`, `゙ータベースとガ`.
    expect(wrapText(sentence, 14)).toEqual(['国家移民庁は本', '日、新しい新し', 'い新しい新しい', '新しい新しい', 'データベースと', 'ガイドブックを', '公開しました。'].map((line) => line.normalize('NFD')));
    for (let width = 2; width <= 40; width++) {
      for (const line of wrapText(sentence.repeat(3), width)) expect(line, `${width}: ${line}`).not.toMatch(/^[\p{M}\u200D]/u);
    }
  });

  it('keeps a number with its percent sign, a numero sign with its number, and a dash at the end of its line', () => {
    expect(wrapText('Unemployment fell to 4,2 % last year.', 11)).toEqual(['Unemployment', 'fell to', '4,2 % last', 'year.']);
    expect(wrapText('Безработица снизилась до 4,2 % за год', 16)).toEqual(['Безработица', 'снизилась до', '4,2 % за год']);
    expect(wrapText('Постановление № 318 вступило в силу', 15)).toEqual(['Постановление', '№ 318 вступило', 'в силу']);
    expect(wrapText('the head of the office — a record low', 11)).toEqual(['the head of', 'the', 'office — a', 'record low']);
    expect(wrapText('Rəqəm 4 000 % artıb', 12)).toEqual(['Rəqəm', '4 000 %', 'artıb']);
  });

  it('keeps a mark closing a sentence at the end of its line when it is typed after a space, as Hindi types its danda', () => {
    const hindi = 'सेवा ने नया केंद्र खोला है । यह केंद्र खुला रहेगा ॥ आवेदन';
    // Before, `। यह केंद्र` started the third line, and `॥ आवेदन` the last.
    expect(wrapText(hindi, 10)).toEqual(['सेवा ने नया', 'केंद्र खोला', 'है । यह केंद्र', 'खुला रहेगा ॥', 'आवेदन']);
    expect(wrapText(hindi, 13)).toEqual(['सेवा ने नया केंद्र', 'खोला है । यह', 'केंद्र खुला', 'रहेगा ॥ आवेदन']);
    expect(wrapText('Le centre est ouvert ! Il a dit : oui', 20)).toEqual(['Le centre est', 'ouvert ! Il a dit :', 'oui']);
    expect(wrapText('است ؟ بله', 4)).toEqual(['است ؟', 'بله']);
    // A word that only starts with such a mark is a word.
    expect(wrapText('query ?lang=az', 8)).toEqual(['query', '?lang=az']);
    // Nor does a run of them, each after a space, make one word of a line.
    expect(wrapText('a ! ! ! ! !', 4)).toEqual(['a !', '! !', '! !']);
  });
});

describe('wrapping Thai, Lao, Khmer and Myanmar, written without spaces between words', () => {
  it('breaks between the words the runtime\'s dictionaries find, in the release\'s language', () => {
    expect(wrapText('กรมการจัดหางานประกาศว่าชาวต่างชาติสามารถยื่นคำขอใบอนุญาตทำงานผ่านระบบออนไลน์ได้แล้ว', 30, '', '', 'th'))
      .toEqual(['กรมการจัดหางานประกาศว่าชาวต่างชาติ', 'สามารถยื่นคำขอใบอนุญาตทำงานผ่าน', 'ระบบออนไลน์ได้แล้ว']);
    expect(wrapText('ក្រសួងការងារបានប្រកាសថាជនបរទេសអាចដាក់ពាក្យសុំលិខិតអនុញ្ញាតធ្វើការតាមប្រព័ន្ធអនឡាញ', 30, '', '', 'km'))
      .toEqual(['ក្រសួងការងារបានប្រកាសថាជនបរទេសអាច', 'ដាក់ពាក្យសុំលិខិតអនុញ្ញាតធ្វើការតាម', 'ប្រព័ន្ធអនឡាញ']);
    // A repetition or abbreviation mark stays with the word it ends; a number keeps its unit; a Latin word stays with its neighbours.
    expect(wrapText('ราคา 1,500บาท ประเทศต่างๆกรุงเทพฯเป็นเมืองหลวงของประเทศไทยWindowsไทย', 12, '', '', 'th'))
      .toEqual(['ราคา', '1,500บาท', 'ประเทศต่างๆ', 'กรุงเทพฯเป็น', 'เมืองหลวงของ', 'ประเทศไทยWindowsไทย']);
    expect(wrapText('ພາສາລາວໆດີພາສາລາວໆດີ', 6, '', '', 'lo')).toEqual(['ພາສາ', 'ລາວໆດີ', 'ພາສາ', 'ລາວໆດີ']);
    // A Myanmar consonant under an asat closes the syllable before it, even where the dictionary parts them (အွ / န်လိုင်း).
    for (const line of wrapText('အလုပ်သမားဝန်ကြီးဌာနကယနေ့မှစ၍နိုင်ငံခြားသားများသည်အလုပ်လုပ်ကိုင်ခွင့်လျှောက်လွှာကိုအွန်လိုင်းစနစ်မှတစ်ဆင့်', 20, '', '', 'my')) {
      expect(line).not.toMatch(/^.[\u1039\u103a]/u);
      expect(displayWidth(line)).toBeLessThanOrEqual(20);
    }
  });

  it('leaves such a run whole, as before, where the runtime has no Intl.Segmenter', () => {
    const segmenter = Intl.Segmenter;
    try {
      (Intl as { Segmenter?: unknown }).Segmenter = undefined;
      expect(wrapText('กรมการจัดหางานประกาศว่าชาวต่างชาติสามารถยื่นคำขอ ใบอนุญาต', 30, '', '', 'th')).toEqual(['กรมการจัดหางานประกาศว่าชาวต่างชาติสามารถยื่นคำขอ', 'ใบอนุญาต']);
    } finally {
      (Intl as { Segmenter?: unknown }).Segmenter = segmenter;
    }
  });

  it('takes time in proportion to the text', () => {
    // Given the whole paragraph at once, the segmenter took 41 s over these 200,000 characters; read in windows, 0.3 s.
    const paragraph = 'ภาษาไทยเป็นภาษาที่สวยงามและมีประวัติศาสตร์ยาวนาน '.repeat(3_000) + 'ก'.repeat(50_000);
    const started = performance.now();
    const lines = wrapText(paragraph, 72, '', '', 'th');
    expect(performance.now() - started).toBeLessThan(3_000);
    // Every character kept, in order; a line wider than 72 columns only in the unbroken run at the end, with no word to break at.
    expect(lines.join('').replace(/ /g, '') === paragraph.replace(/ /g, '')).toBe(true);
    expect(lines.filter((line) => displayWidth(line) > 72 && !/^ก+$/.test(line))).toHaveLength(0);
  });
});
