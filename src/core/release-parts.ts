/**
 * The parts of a press release that every output prints itself, typed into
 * the body as well, as a release pasted whole from a word processor has
 * them: the release line (`FOR IMMEDIATE RELEASE`) and the dateline
 * (`BAKU, 17 March 2026 —`) before the lead, and the end mark (`###`,
 * `-30-`) after the text. Each would then be there twice, and `###` is an
 * empty heading to Markdown.
 */

export interface RepeatedPart {
  kind: 'release-line' | 'dateline' | 'end-mark';
  /** Where the part starts and ends in the body. */
  start: number;
  end: number;
  /** The part as written. */
  text: string;
}

/** Emphasis, a heading's marks or a quotation's around the text of a line: `**FOR IMMEDIATE RELEASE**`, `# BAKU, …`. */
const DECORATION = /^(?:[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)?)(?:\*\*|__|\*|_)?/;
/**
 * The release line, as the whole line: `FOR IMMEDIATE RELEASE`, `EMBARGOED`,
 * `Embargoed until 10:00, 17 March 2026`, `UNDER EMBARGO: …`; not a sentence
 * that starts with the word (`Embargoed goods worth …`).
 */
const RELEASE_LINE = /^(?:FOR IMMEDIATE RELEASE|(?:EMBARGOED|UNDER EMBARGO)(?:(?:[ \t]{1,3}(?:UNTIL|TILL)\b|[ \t]{0,3}[:—–-])[^\n]{0,60})?)[.:]?[ \t]{0,3}(?:\*\*|__|\*|_)?[ \t]*$/i;
/** How long a line that is the release line may be. */
const RELEASE_LINE_MAX = 200;
/**
 * A date after the dateline's place: `17 March 2026`, `March 17, 2026`,
 * `17 mart 2026-cı il`, `17 марта 2026 г.`, `17.03.2026`, `2026-03-17`, and
 * as the tool writes other languages' datelines: in their own digits
 * (Persian `۱۷ مارس ۲۰۲۶`), with marks in the month's name (Hindi `17 मार्च
 * 2026`), a comma after it (Georgian `17 მარტი, 2026`, Urdu `17 مارچ، 2026`),
 * a hyphen, a stop or letters after the day (Uzbek `17-mart, 2026`, Uyghur
 * `17-مارت، 2026`, Serbian `17. март 2026.`, Yiddish `17טן מערץ 2026`), the
 * word for "of" around the month (Spanish `17 de marzo de 2026`), or in Chinese and
 * Japanese `2026年3月17日` and Korean `2026년 3월 17일`, and year first as
 * `Intl` writes other languages' days: the year, then the month and the day
 * (Hungarian `2026. március 17.`, Lithuanian `2026 m. kovo 17 d.`, Basque
 * `2026(e)ko martxoaren 17(a)`, Mongolian `2026 оны гуравдугаар сарын 17`,
 * Nepali `२०२६ मार्च १७`) or the day and the month (Latvian `2026. gada 17.
 * marts`, Kazakh `2026 ж. 17 наурыз`, Kyrgyz `2026-ж., 17-март`). Then the
 * dash, colon or line end that closes a dateline. The blanks between the
 * parts are bounded, so that a line of blanks is read once.
 */
const MONTH = String.raw`\p{L}[\p{L}\p{M}]{0,15}`;
/** "Of" before a month or a year: Spanish, Portuguese, Catalan and Galician `de`, `del`, `do`, `da`. */
const OF = String.raw`(?:(?:de|del|do|da)[ \t]{1,3})?`;
/** A word of a date written year first, with the stop or comma after it: `m.`, `gada`, `ж.,`, `kovo`, `сарын`. */
const DATE_WORD = String.raw`\p{L}[\p{L}\p{M}]{0,15}\.?,?`;
/** A year first, with the stop, hyphen or suffix after it (`2026.`, `2026-`, Basque `2026(e)ko`), then the month and the day, or the day and the month. */
const YEAR_FIRST = String.raw`\p{Nd}{4}(?:\.|-|\(e\)ko)?,?(?:(?:[ \t]{1,3}${DATE_WORD}){1,4}[ \t]{1,3}\p{Nd}{1,2}(?:\.|\(a\)|[ \t]?\p{L}{1,2}\.)?|(?:[ \t]{0,3}${DATE_WORD})?[ \t]{1,3}\p{Nd}{1,2}\.?(?:[ \t]{1,3}|-)${MONTH})`;
const DATE = String.raw`(?:${YEAR_FIRST}|\p{Nd}{1,2}[./]\p{Nd}{1,2}[./]\p{Nd}{4}|\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2}|\p{Nd}{4}年\p{Nd}{1,2}月\p{Nd}{1,2}日|\p{Nd}{4}년[ \t]?\p{Nd}{1,2}월[ \t]?\p{Nd}{1,2}일|(?:\p{Nd}{1,2}(?:\.|\p{L}{1,2})?(?:[ \t]{1,3}|-)${OF}${MONTH}\.?[,\u060C]?|${MONTH}\.?)[ \t]{1,3}${OF}(?:\p{Nd}{1,2}[,\u060C]?[ \t]{1,3})?\p{Nd}{4}(?:[- \t]?\p{L}{1,3}\.?){0,2}\.?)`;
/** The comma between the place and the date: the Latin one, Arabic script's `،`, Ethiopic `፣`, Chinese `，`, Japanese `、`, or a bracket. */
const DATED = new RegExp(String.raw`^(?:\*\*|__)?[ \t]{0,3}[,(\u060C\u1363\uFF0C\u3001][ \t]{0,3}${DATE}[ \t]{0,3}\)?(?:\*\*|__)?[ \t]{0,3}(?:[—–:]|--?(?=[ \t])|$)`, 'u');
/** A place in capitals and a dash with no date (`BAKU — The Service …`): written in other letters, it is the start of a sentence (`Baku — the capital — will host …`). */
const UNDATED = /^(?:\*\*|__)?[ \t]{1,3}[—–](?=[ \t])/;
/** How much of a line a dateline may take. */
const DATELINE_MAX = 120;
/** A place written in capitals, as wire datelines write it (`BAKU`, `GƏNCƏ`, `SANKT-PETERBURQ`), when the release names none. */
const CAPITALS_PLACE = /^\p{Lu}[\p{Lu}\p{M}'’.-]*\p{Lu}(?:[ -]\p{Lu}[\p{Lu}\p{M}'’.-]*\p{Lu})?/u;
const END_MARK = /^(?:(?:\\?#){3}|\\?# \\?# \\?#|- ?30 ?-|-?ENDS?-?)$/;

/** Whether a line (trimmed) is an end mark: `###`, `# # #`, `-30-`, `-END-`, the `#` escaped or not (`\#\#\#` shows `###`). */
export function isEndMark(line: string): boolean {
  return END_MARK.test(line);
}
const COMMENT_LINE = /^\s*<!--.*-->\s*$/;

/**
 * Finds the release line and the dateline at the start of `body`, and the
 * end mark at its end. `location` is the release's dateline city;
 * `upper` capitalises as its language does (`Bakı` → `BAKI`), so that a
 * dateline in capitals is found too.
 */
export function repeatedParts(body: string, location: string | undefined, upper: (text: string) => string): RepeatedPart[] {
  const found: RepeatedPart[] = [];
  // Only the first two written lines and the last are looked at: a long body is not split into lines.
  const written = firstWrittenLines(body, 2);
  const first = written[0];
  if (first === undefined) return found;
  let lead = first;
  // A release line is a short line of its own: a long one is a paragraph, not read through.
  const releaseLine = first.text.length <= RELEASE_LINE_MAX ? decorated(first.text.trimEnd(), RELEASE_LINE) : undefined;
  if (releaseLine) {
    const text = first.text.trimEnd().replace(/(?:\*\*|__|\*|_)$/, '');
    found.push({ kind: 'release-line', start: first.start + releaseLine.at, end: first.start + text.length, text: text.slice(releaseLine.at) });
    lead = written[1] ?? first;
  }
  if (lead !== first || !releaseLine) {
    const dateline = datelineAt(lead.text, location, upper);
    if (dateline) found.push({ kind: 'dateline', start: lead.start + dateline.at, end: lead.start + dateline.end, text: lead.text.slice(dateline.at, dateline.end).trim() });
  }
  const last = lastWrittenLine(body)!;
  // An end mark is text of its own: not an indented line of code, not the one line of a body.
  if (last.start !== first.start && !/^(?: {4}|\t)/.test(last.text) && isEndMark(last.text.trim())) {
    const at = last.text.length - last.text.trimStart().length;
    found.push({ kind: 'end-mark', start: last.start + at, end: last.start + last.text.trimEnd().length, text: last.text.trim() });
  }
  return found;
}

/** Whether a line holds text: it is not blank, nor only an HTML comment, which no output shows. */
function holdsText(line: string): boolean {
  return line.trim() !== '' && !COMMENT_LINE.test(line);
}

/** The first `count` lines of `body` that hold text, with where each starts. */
function firstWrittenLines(body: string, count: number): { text: string; start: number }[] {
  const lines: { text: string; start: number }[] = [];
  for (let start = 0; lines.length < count;) {
    const end = body.indexOf('\n', start);
    const text = body.slice(start, end === -1 ? undefined : end);
    if (holdsText(text)) lines.push({ text, start });
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}

/** The last line of `body` that holds text, with where it starts. */
function lastWrittenLine(body: string): { text: string; start: number } | undefined {
  for (let end = body.length; ;) {
    const start = body.lastIndexOf('\n', end - 1) + 1;
    const text = body.slice(start, end);
    if (holdsText(text)) return { text, start };
    if (start === 0) return undefined;
    end = start - 1;
  }
}

/** Where `pattern` matches `line` once its decoration is passed over. */
function decorated(line: string, pattern: RegExp): { at: number } | undefined {
  const at = DECORATION.exec(line)![0].length;
  return pattern.test(line.slice(at)) ? { at } : undefined;
}

/** A dateline opening `line`: the release's place, or a place in capitals when it names none, then a date and a dash, or a dash alone after a place in capitals. */
function datelineAt(line: string, location: string | undefined, upper: (text: string) => string): { at: number; end: number } | undefined {
  const at = DECORATION.exec(line)![0].length;
  const text = line.slice(at, at + DATELINE_MAX);
  let place: number | undefined;
  if (location !== undefined && location.trim() !== '') {
    const city = location.trim();
    if (text.startsWith(city)) place = city.length;
    else {
      // In capitals the place may be longer or shorter than as written (`Gießen`, `GIESSEN`): its end is where its capitals end.
      const capital = upper(city);
      // Capitals are made a character at a time, so those of the longest stretch looked at begin with the place's only when
      // some shorter stretch's are the place's: one call, not a dozen, for the line that opens with something else.
      if (upper(text.slice(0, city.length + 8)).startsWith(capital)) {
        for (let end = Math.max(1, city.length - 4); end <= city.length + 8 && place === undefined; end++) {
          if (upper(text.slice(0, end)) === capital) place = end;
        }
      }
    }
  } else {
    // A place in capitals needs its date: `NOTE —` or `UPDATE:` alone is no dateline.
    const capitals = CAPITALS_PLACE.exec(text);
    if (capitals && /^(?:\*\*|__)?\s*[,(]/.test(text.slice(capitals[0].length))) place = capitals[0].length;
  }
  if (place === undefined) return undefined;
  const after = text.slice(place);
  const written = text.slice(0, place);
  const inCapitals = written === upper(written) && /\p{Lu}/u.test(written);
  const rest = DATED.exec(after) ?? (inCapitals ? UNDATED.exec(after) : null);
  return rest ? { at, end: at + place + rest[0].length } : undefined;
}
