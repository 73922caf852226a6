import matter from 'gray-matter';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, stringify, visit, type Alias, type CST, type Document, type Node, type Pair } from 'yaml';
import type { Diagnostic, Location, RuleId } from './diagnostic.js';
import { limitedPush, MAX_PER_RULE } from './diagnostic-limit.js';
import { placeKey, readSimpleYaml } from './simple-yaml.js';
import { codePoint, headOf, printable, quote, trimEndBlanks } from './text.js';
import { FRESH } from './objects.js';
import { LEADING_INVISIBLE, LEADING_INVISIBLE_NAMES, startsInvisible } from './characters.js';
import { offerFix } from './fix-offer.js';

/**
 * Longest front matter read, in characters. A release's fields take a few
 * kilobytes; the YAML parser needs some hundred bytes of memory for each
 * byte of a front matter made of tiny keys, whatever the file size limit is.
 */
export const MAX_FRONT_MATTER_LENGTH = 512 * 1024;

/**
 * Characters of a front matter whose structure kept it from being read (never
 * closed, say) that are read all the same for its publication (see
 * `readFieldsPastError`): a release's fields take a few kilobytes.
 */
const FIELDS_READ_PAST_ERROR = 16 * 1024;

/** Aliases a front matter may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 50;

const OPEN = '---';
/** Names of files a project keeps beside its releases that are no releases. */
const NOT_A_RELEASE = /^(?:readme|changelog|changes|license|licence|contributing|code_of_conduct|security|authors|notes|todo)(?:\.[a-z]+)?$/i;

/**
 * What to do with a file in GitHub's own folder (a pull request template, issue templates, whose front matter is
 * GitHub's `name`, `about` and `labels`), which `validate .` in a repository's root searches too; undefined elsewhere.
 */
export function githubFolderHint(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const github = parts.slice(0, -1).find((folder) => folder.toLowerCase() === '.github');
  return github === undefined ? undefined
    : `${parts.at(-1)!} lies in ${github}, GitHub's folder of templates and workflows: leave it out of folder searches with \`ignore: [${github}]\` in the config file, or --ignore ${github}.`;
}

const TOO_DEEP = 'The YAML nests lists or mappings too deeply to be read.';
const BOM = '\uFEFF';

/** A release file split into front matter and body, with what is needed to point at either. */
export interface ParsedFile {
  path: string;
  /** The file's text without the invisible characters it starts with (byte-order marks, zero-width spaces …), line endings normalised to `\n`. */
  text: string;
  /** The front matter as plain data, or undefined when it could not be read. */
  data: unknown;
  body: string;
  /** The 1-based file line on which the body starts. */
  bodyLine: number;
  /** Offset in `text` at which the body starts: `text.slice(bodyStart) === body`. */
  bodyStart: number;
  /** 1-based line of the closing `---`, or 0 when there is none. */
  closeLine: number;
  diagnostics: Diagnostic[];
  /** Maps a key path in the front matter to a place in the file. */
  locate(path: readonly PropertyKey[], part?: 'key' | 'value'): Location;
  /** When the YAML has errors: the top-level values of `key` that can still be read (see `YamlData.readable`). */
  readable?(key: string): ReadableValue[];
  /** When its only errors are repeated keys (see `YamlData.checkable`): the front matter as YAML reads it, for its other checks. */
  checkable?: unknown;
}

/** A scalar value of a top-level key read from YAML that has errors elsewhere, and where it is. */
export interface ReadableValue {
  value: unknown;
  at: Location;
}

export function normaliseText(text: string): string {
  // Every invisible character before the text goes (see `LEADING_INVISIBLE`), so that the front matter opens it and an offset in it
  // is the same whether or not the decoder dropped the signature. One comparison for a file that starts as nearly all do.
  const visible = startsInvisible(text) ? text.replace(LEADING_INVISIBLE, '') : text;
  return visible.includes('\r') ? visible.replace(/\r\n?/g, '\n') : visible;
}

const refuse = (language: string) => () => {
  throw new Error(`front matter language "${language}" is not accepted`);
};

/**
 * gray-matter ships a JavaScript engine that evaluates front matter with `eval`.
 * Every engine but our YAML one is replaced by one that refuses.
 */
function matterOptions(yamlEngine: (source: string) => object): Parameters<typeof matter>[1] {
  const engines: Record<string, (source: string) => object> = {};
  for (const name of ['javascript', 'js', 'json', 'coffee', 'coffeescript', 'cson', 'toml', 'yml']) engines[name] = refuse(name);
  engines.yaml = yamlEngine;
  // Passing options also keeps gray-matter away from its global cache, which never forgets a file.
  return { language: 'yaml', delimiters: OPEN, engines } as unknown as Parameters<typeof matter>[1];
}

/**
 * The invisible characters a file starts with, after the encoding's
 * signature: `source` is the text as its bytes spell it, so a first
 * byte-order mark is the signature and any after it a character a tool added.
 */
function leadingStray(source: string): string {
  const run = LEADING_INVISIBLE.exec(source)?.[0] ?? '';
  return run.startsWith(BOM) ? run.slice(1) : run;
}

/** What the warning says of the invisible characters at the start of a file, naming them: nobody can see what to delete. */
function strayMessage(stray: string): { message: string; hint: string } {
  const marks = stray.length + 1;
  if (/^\uFEFF+$/.test(stray)) {
    return {
      message: `The file starts with ${stray.length === 1 ? 'a second byte-order mark' : `${marks} byte-order marks`} (U+FEFF): the first says the file is UTF-8, ${stray.length === 1 ? 'the second is' : 'the others are'} an invisible character that a tool added before the text.`,
      hint: `Save the file as UTF-8 again${offerFix('removes it and keeps the first')}.`,
    };
  }
  const kinds = [...new Set(stray)].map((c) => LEADING_INVISIBLE_NAMES[c]!);
  const what = stray.length === 1 ? kinds[0]! : `${stray.length} invisible characters (${kinds.join(', ')})`;
  return {
    message: `The file starts with ${what}, which cannot be seen in an editor; the file is read as if ${stray.length === 1 ? 'it were' : 'they were'} not there, but other tools may not find a front matter behind ${stray.length === 1 ? 'it' : 'them'}.`,
    hint: `Put the cursor at the very start of the file and press Delete${stray.length === 1 ? ' once' : ` ${stray.length} times`}${offerFix(`removes ${stray.length === 1 ? 'it' : 'them'}`)}.`,
  };
}

/**
 * Splits a release into front matter and body and reads the front matter as
 * YAML 1.2 data. Never throws for bad input: every problem is a diagnostic.
 */
export function parseReleaseFile(source: string, path: string): ParsedFile {
  const text = normaliseText(source);
  const diagnostics: Diagnostic[] = [];
  // Read past with a warning, not refused: no editor shows them, the author meant the `---` behind them, and every command parses
  // the same text (see `decodeRelease`), so none publishes a front matter that `validate` did not read and report on.
  const stray = startsInvisible(source) ? leadingStray(source) : '';
  if (stray) diagnostics.push({ ...FRESH, file: path, line: 1, column: 1, endLine: 1, endColumn: 1 + stray.length, severity: 'warning', ruleId: 'content/invisible-character', ...strayMessage(stray) });
  const result: ParsedFile = {
    path,
    text,
    data: undefined,
    body: '',
    bodyLine: 1,
    bodyStart: text.length,
    closeLine: 0,
    diagnostics,
    locate: () => ({ file: path, line: 1, column: 1, ...(result.closeLine > 0 ? { endLine: result.closeLine, endColumn: 4 } : {}) }),
  };
  const error = (ruleId: RuleId, message: string, line: number, column: number, hint?: string): void => {
    diagnostics.push({ file: path, line, column, severity: 'error', ruleId, message, ...(hint ? { hint } : {}) });
  };

  const firstNewline = text.indexOf('\n');
  const firstLine = firstNewline === -1 ? text : text.slice(0, firstNewline);
  if (firstLine !== OPEN) {
    // Any word after the dashes, in any spelling or spacing (`---js`, `--- javascript`), names a front matter language.
    const language = /^---\s*([^\s-][^]*)$/u.exec(firstLine);
    if (language) {
      error('frontmatter/language', `The front matter is marked as ${quote(language[1]!.trimEnd())}; only YAML front matter is accepted.`, 1, 4,
        'Make the first line exactly `---` and write the front matter in YAML.');
      // Read as YAML, never run: `---yaml`, or `--- # a comment`, is the usual front matter; another language's gives nothing readable.
      if (firstNewline !== -1) readFieldsPastError(result, firstNewline + 1, closingLineAfter(text, firstNewline + 1));
      return result;
    }
    // Hugo's TOML front matter, between `+++` lines: no YAML, so nothing in it is read.
    if (firstLine.trimEnd() === '+++' && /\n\+\+\+[ \t]*(?:\n|$)/.test(text.slice(firstNewline))) {
      error('frontmatter/language', 'The front matter is TOML, between `+++` lines; only YAML front matter is accepted.', 1, 1,
        'Write its fields in YAML between two lines `---` (`title = "Centre opens"` → `title: Centre opens`), or convert Hugo posts with `migration-news import SRC --from hugo --to DIR`.');
      return result;
    }
    if (firstLine.trimEnd() === OPEN) {
      error('frontmatter/not-at-start', 'The opening `---` on line 1 has spaces after it; the line must be exactly `---`.', 1, 4,
        'Delete the spaces after `---`.');
      readFieldsPastError(result, firstNewline + 1, closingLineAfter(text, firstNewline + 1));
      return result;
    }
    const lines = text.split('\n');
    const later = lines.findIndex((l, i) => i > 0 && l === OPEN);
    // A project's own notes (README.md beside the releases) are no releases: the hint says how to leave them out.
    const name = path.split(/[\\/]/).pop() ?? path;
    if (NOT_A_RELEASE.test(name)) {
      error('frontmatter/missing', 'The file has no front matter; a release starts with a line `---`, its fields in YAML, and another line `---`.', 1, 1,
        `If ${name} is not a release, leave it out of folder searches: \`ignore: [${name}]\` in the config file, or --ignore ${name}.`);
      return result;
    }
    const github = githubFolderHint(path);
    if (github) {
      error('frontmatter/missing', 'The file has no front matter; a release starts with a line `---`, its fields in YAML, and another line `---`.', 1, 1, github);
      return result;
    }
    // Fields from line 1 down to a `---`: the opening line was left out, not the block put somewhere else.
    if (later !== -1 && /^[A-Za-z_][\w-]*\s*:/.test(firstLine)) {
      error('frontmatter/missing', `The file starts with a field (line 1) but no opening \`---\`; line ${later + 1}'s \`---\` looks like the end of the front matter.`, 1, 1,
        'Add a line that is exactly `---` above line 1.');
      readFieldsPastError(result, 0, offsetOfLine(lines, later + 1));
      return result;
    }
    if (later !== -1 && firstLine.trim() !== OPEN && (isClosingLookalike(firstLine) || /^[ \t]*(?:-[ \t]*){3,}$/.test(firstLine)) && FIELD_START.test(lines[1] ?? '')) {
      // An opening line written wrong (`----`, `- - -`, a word processor's `—`) above the fields, closed by a `---`: that line is
      // named, not the closing line as an opening one to move up, which would leave the wrong line above it.
      error('frontmatter/not-at-start', `The front matter's opening line, \`${firstLine.trim()}\`, must be exactly \`---\`; line ${later + 1}'s \`---\` closes its fields.`, 1, 1,
        'Replace line 1 with `---`.');
      readFieldsPastError(result, firstNewline + 1, offsetOfLine(lines, later + 1));
    } else if (later !== -1 || firstLine.trim() === OPEN) {
      const line = firstLine.trim() === OPEN ? 1 : later + 1;
      error('frontmatter/not-at-start', 'The front matter does not start on the first line of the file.', line, 1,
        'Move the opening `---` to the very first line, with nothing before or after it on that line.');
      if (firstNewline !== -1 && /^[ \t]*(?:-[ \t]*){3,}$/.test(firstLine)) {
        // An opening line written wrong (`----`, `- - -`, ` ---`): the fields follow it, down to the `---` that closes them.
        readFieldsPastError(result, firstNewline + 1, later === -1 ? closingLineAfter(text, firstNewline + 1) : offsetOfLine(lines, later + 1));
      } else {
        // The block further down (below a blank line, say): its fields follow its `---`.
        const fields = offsetOfLine(lines, line + 1);
        readFieldsPastError(result, fields, closingLineAfter(text, fields));
      }
    } else if (firstNewline !== -1 && isClosingLookalike(firstLine) && /^[A-Za-z_][\w-]*\s*:/.test(lines[1] ?? '')) {
      // Both delimiters written as dashes of another kind (a word processor's `—`): the fields are there, between them.
      const close = closingLookalike(text, firstNewline + 1);
      error('frontmatter/missing', `The front matter's opening line, \`${firstLine.trim()}\`, must be exactly \`---\`${close ? `, as must its closing line, line ${close.line} (\`${close.text}\`)` : ''}.`, 1, 1,
        `Replace line 1${close ? ` and line ${close.line}` : ''} with \`---\`.`);
      readFieldsPastError(result, firstNewline + 1, close?.offset);
    } else {
      error('frontmatter/missing', 'The file has no front matter; a release starts with a line `---`, its fields in YAML, and another line `---`.', 1, 1,
        'Add a front matter block with at least `title`, `date` and `lang`.');
    }
    return result;
  }

  // The closing delimiter is the next line that is exactly `---`.
  const closeMatch = /\n---(?:\n|$)/.exec(text.slice(OPEN.length));
  if (!closeMatch) {
    // A closing line with blanks after its dashes is the commonest way to leave it open: it is named.
    const loose = /\n---[ \t]+(?=\n|$)/.exec(text.slice(OPEN.length));
    if (loose) {
      const line = lineOf(text, OPEN.length + loose.index + 1);
      error('frontmatter/unclosed', `The front matter block opened on line 1 is never closed: line ${line} has spaces after its \`---\`, and the closing line must be exactly \`---\`.`, line, 4,
        `Delete the spaces after \`---\` on line ${line}.`);
      readFieldsPastError(result, OPEN.length + 1, OPEN.length + loose.index + 1);
      return result;
    }
    // A line right below the fields that is meant as the closing line but is written otherwise (a word processor's dash `—`, `----`,
    // `- - -`, YAML's own end mark `...`): adding a `---` below it, as the general hint says, would publish it as the body's first line.
    const lookalike = closingLookalike(text, OPEN.length + 1);
    if (lookalike) {
      error('frontmatter/unclosed', `The front matter block opened on line 1 is never closed: line ${lookalike.line}, \`${lookalike.text}\`, looks like its closing line, which must be exactly \`---\`.`, lookalike.line, 1,
        `Replace line ${lookalike.line} with \`---\`.`);
      readFieldsPastError(result, OPEN.length + 1, lookalike.offset);
      return result;
    }
    error('frontmatter/unclosed', 'The front matter block opened on line 1 is never closed.', 1, 1,
      'Add a line that is exactly `---` after the last front matter field.');
    readFieldsPastError(result, OPEN.length + 1);
    return result;
  }
  const closeOffset = OPEN.length + closeMatch.index + 1;
  result.closeLine = lineOf(text, closeOffset);
  if (closeOffset > MAX_FRONT_MATTER_LENGTH) {
    error('file/too-large', `The front matter is ${closeOffset} characters long, over the limit of ${MAX_FRONT_MATTER_LENGTH}.`, 1, 1,
      'Front matter holds a release\'s fields, a few dozen lines; move long text into the body.');
    readFieldsPastError(result, OPEN.length + 1, closeOffset);
    return result;
  }

  let yaml: YamlData | undefined;
  let split: matter.GrayMatterFile<string>;
  try {
    // Only the front matter and its closing line: gray-matter copies what it is given into a buffer and looks it up in its cache, so the body would cost it time for nothing.
    split = matter(text.slice(0, closeOffset + OPEN.length), matterOptions((source) => {
      yaml = readYaml(source, path, OPEN.length);
      return {};
    }));
  } catch (cause) {
    // Deep nesting can exhaust the YAML composer's stack; that is the author's input, not our failure.
    error('yaml/syntax', cause instanceof RangeError ? TOO_DEEP : `The front matter cannot be read as YAML: ${errorMessage(cause)}.`, 2, 1,
      'Simplify the front matter: nesting this deep is not part of the release format.');
    return result;
  }
  // gray-matter closes at the first line that merely starts with `---`; the contract says "exactly `---`".
  if (OPEN.length + split.matter.length + 1 !== closeOffset) {
    const offendingLine = lineOf(text, OPEN.length + split.matter.length + 1);
    error('yaml/syntax', `Line ${offendingLine} starts with \`---\` inside the front matter.`, offendingLine, 1,
      'Indent the line or quote the value that contains it; only the closing line may start with `---`.');
    // The fields on both sides of that line, down to the closing line (gray-matter read only those above it).
    readFieldsPastError(result, OPEN.length + 1, closeOffset);
    return result;
  }
  // The body starts on the line after the closing `---` (gray-matter's `content`, computed here so callers need not know how).
  result.bodyStart = Math.min(closeOffset + OPEN.length + 1, text.length);
  result.body = text.slice(result.bodyStart);
  result.bodyLine = result.closeLine + 1;
  if (!yaml) {
    // gray-matter skips blocks that hold only comments and whitespace.
    result.data = {};
    return result;
  }
  const found = yaml;
  result.locate = (keyPath, part) => found.locate(keyPath, part ?? 'value', result.closeLine);
  for (const d of found.diagnostics) diagnostics.push(d);
  result.data = found.data;
  if (found.readable) result.readable = found.readable;
  if (found.checkable !== undefined) result.checkable = found.checkable;
  return result;
}

export interface YamlData {
  /** Plain data, or undefined when the YAML has errors or is not a mapping. */
  data: unknown;
  diagnostics: Diagnostic[];
  locate(path: readonly PropertyKey[], part: 'key' | 'value', closeLine?: number): Location;
  /**
   * When the YAML has errors (and `data` is undefined): the values of the
   * top-level key `key` that are scalars with no error from the start of
   * their key to the end of their value, each with its place. A key the
   * errors swallowed (into a value, a nested mapping) is not found.
   */
  readable?(key: string): ReadableValue[];
  /**
   * When the YAML's only errors are repeated keys: the data as YAML reads
   * it (the last of a repeated key's values), for checking the other fields
   * so that one run reports every problem. `data` stays undefined: which of
   * the values was meant is unknown, so nothing is built from it.
   */
  checkable?: unknown;
}

/**
 * Reads YAML 1.2 as plain data: core schema only, no custom tags, no merge
 * keys, aliases limited, and positions kept for every node. `shift` is the
 * number of columns before the source on its first line (the `---` of front matter).
 */
export function readYaml(source: string, path: string, shift = 0): YamlData {
  const simple = readSimpleYaml(source);
  if (!simple) return readYamlDocument(source, path, shift);
  const at = rangeAt(source, lineStarts(source), path, shift);
  // Where a key, a value or a list item is, as the parser would say; anything else (a missing key, say) is asked of the parser.
  let parsed: YamlData | undefined;
  return {
    data: simple.data,
    diagnostics: [],
    locate: (keyPath, part, closeLine = 0) => {
      const place = simple.places.get(placeKey(keyPath));
      // A pair's key or value; a list item is where it is, whichever part is asked for.
      const span = place?.key ? (part === 'key' ? place.key : place.value) : place?.value;
      if (span) return at(span[0], span[1]);
      parsed ??= readYamlDocument(source, path, shift);
      return parsed.locate(keyPath, part, closeLine);
    },
  };
}

/**
 * Where each line of `source` starts. (The parser's own count, which it
 * makes as it reads, misses the line breaks inside a value that runs over
 * several lines, `x = 0` and the tab-indented lines of a Git config below it:
 * a problem after them was placed on the value's first line, its column
 * counted from there.)
 */
function lineStarts(source: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}

/** A range of `source` as a location: it ends with its last character that is not white space. */
function rangeAt(source: string, lineCounter: LineCounter, path: string, shift: number): At {
  return (start: number, end?: number) => {
    let last = end;
    while (last !== undefined && last > start && /\s/.test(source.charAt(last - 1))) last--;
    return toLocation(lineCounter, start, last, path, shift);
  };
}

/** `readYaml` by the YAML parser, for any YAML (exported to compare the two readers). */
export function readYamlDocument(source: string, path: string, shift: number): YamlData {
  const lineCounter = lineStarts(source);
  const diagnostics: Diagnostic[] = [];
  // Front matter is read with the `---` before it; a config file or a template.yaml from its first column.
  const subject = shift > 0 ? 'the front matter' : 'the file';
  const result: YamlData = { data: undefined, diagnostics, locate: () => ({ file: path, line: 1, column: 1 }) };
  // A block scalar's range takes in the line break after it; a range ends with its last character, on its own line.
  const at = rangeAt(source, lineCounter, path, shift);
  const tooDeep = (offset: number): YamlData => {
    diagnostics.push({ ...FRESH, ...at(offset), file: path, severity: 'error', ruleId: 'yaml/syntax', message: TOO_DEEP, hint: `Simplify ${subject}: it may nest lists and mappings at most ${MAX_YAML_DEPTH} levels deep.` });
    return result;
  };
  let doc: Document | undefined;
  /** Where the first document ends, when another with content follows it: YAML would read only the first. */
  let second: number | undefined;
  // Each problem the composer finds is an Error with a stack trace it never shows (the problems become diagnostics, and what
  // the catch below catches is told by its message alone): 40,000 problems spent a third of their file's reading capturing them.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // The parser's tokens first, read without recursion; the composer that makes them a document recurses
    // once per level. Deep input stops here, before it can run the composer out of stack.
    const tokens = [...new Parser().parse(source)];
    const deepToken = findDeepToken(tokens);
    if (deepToken !== undefined) return tooDeep(deepToken);
    const composer = new Composer({
      version: '1.2',
      schema: 'core',
      merge: false,
      // The parser's own check compares each key with every key before it, quadratic in a mapping's size;
      // duplicates are found below with one look-up per key instead.
      uniqueKeys: false,
      strict: true,
      logLevel: 'silent',
    });
    for (const document of composer.compose(tokens, true, source.length)) {
      if (!doc) doc = document;
      else if (document.contents !== null) second ??= documentEnd(tokens);
    }
  } catch (cause) {
    diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', ruleId: 'yaml/syntax', message: cause instanceof RangeError ? TOO_DEEP : `The YAML cannot be read: ${errorMessage(cause)}.`, hint: 'Simplify the nesting.' });
    return result;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (!doc) return result;
  const read = doc;
  result.locate = (keyPath, part, closeLine = 0) => locateInDocument(read, at, keyPath, part, path, closeLine, source);
  collectYamlProblems(doc, source, at, path, diagnostics, subject);
  if (second !== undefined) {
    // `...` (or `---` in a file of its own) ends a YAML document: the fields after it would be lost without a word.
    const where = at(second);
    const marker = source.startsWith('...', second) ? '...' : '---';
    diagnostics.push({
      ...FRESH, ...where, severity: 'error', ruleId: 'yaml/syntax',
      message: `Line ${where.line} (\`${marker}\`) ends the YAML document, and the lines after it are a second document, which is not read.`,
      hint: `Delete line ${where.line}: ${subject} is one mapping of fields.`,
    });
  }
  // A warning (yaml/comment-in-value) leaves the data as YAML reads it: the checks of its fields go on, as they do for a warning elsewhere.
  const errors = diagnostics.filter((d) => d.severity === 'error');
  // Repeated keys leave a document that reads: it is read, for the checks of its other fields only.
  const onlyRepeated = errors.length > 0 && errors.every((d) => d.ruleId === 'yaml/duplicate-key');
  if (errors.length > 0) {
    result.readable = (key) => readableValues(doc, key, at);
    if (!onlyRepeated) return result;
  }
  const root = doc.contents;
  if (root === null) {
    // Nothing but comments and blank lines: no fields, as an empty front matter block has none.
    result.data = {};
    return result;
  }
  if (!isMap(root)) {
    const where = root?.range ? at(root.range[0], root.range[1]) : { file: path, line: shift > 0 ? 2 : 1, column: 1 };
    diagnostics.push({
      ...FRESH, ...where, severity: 'error', ruleId: 'frontmatter/not-a-mapping',
      message: `The ${shift > 0 ? 'front matter' : 'file'} is ${root ? describeNode(root) : 'empty'}, not a mapping of fields.`,
      // A release's first field is its title; a config file, a template.yaml or a labels file has other fields, named in its own messages.
      hint: (isScalar(root) && root.range ? noBreakAfterKey(lineAt(source, root.range[0])) : undefined)
        ?? (shift > 0 ? 'Write one `field: value` per line, for example `title: Your headline`.' : 'Write one `field: value` per line.'),
    });
    return result;
  }
  // An alias to an anchor not defined before it is a mistake at the alias, not an expansion over the limit.
  // One pass in document order, with the anchors met so far: resolving each alias searches the whole document, which
  // made a front matter of 12,000 aliases take 11 s before the limit on their expansion could stop it.
  let unresolved: Alias | undefined;
  const anchors = new Set<string>();
  visit(doc, (_, node) => {
    if (isAlias(node)) {
      if (anchors.has(node.source)) return undefined;
      unresolved = node;
      return visit.BREAK;
    }
    const anchor = (isMap(node) || isSeq(node) || isScalar(node)) ? node.anchor : undefined;
    if (anchor !== undefined) anchors.add(anchor);
    return undefined;
  });
  if (unresolved) {
    diagnostics.push({
      ...FRESH, ...at(unresolved.range?.[0] ?? 0, unresolved.range?.[1]), severity: 'error', ruleId: 'yaml/syntax',
      message: `The alias ${quote(`*${unresolved.source}`, EXCERPT)} names no anchor: an alias must come after the \`&anchor\` it repeats.`,
      hint: 'Define the anchor first (`field: &name value`), or write the value out.',
    });
    // The fields with no alias can still be read (a build asks for `status`: see `ParsedFile.readable`).
    result.readable = (key) => readableValues(read, key, at);
    return result;
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (onlyRepeated) result.checkable = data;
    else result.data = data;
  } catch (cause) {
    if (cause instanceof RangeError) {
      diagnostics.push({ ...FRESH, ...at(root.range?.[0] ?? 0), severity: 'error', ruleId: 'yaml/syntax', message: TOO_DEEP, hint: 'Simplify the nesting.' });
    } else if (!/alias/i.test(errorMessage(cause))) {
      diagnostics.push({ ...FRESH, ...at(root.range?.[0] ?? 0), severity: 'error', ruleId: 'yaml/syntax', message: `The YAML cannot be read: ${errorMessage(cause)}.`, hint: 'Write the fields as plain YAML: a key, a colon, a space and the value.' });
    } else {
      // At the first alias, which YAML's count starts from: the count itself is the library's, over aliases of aliases.
      let first: Node | undefined;
      visit(doc, { Alias(_key, node) { first = node; return visit.BREAK; } });
      const place = first?.range ? at(first.range[0], first.range[1]) : at(root.range?.[0] ?? 0);
      diagnostics.push({
        ...FRESH, ...place, severity: 'error', ruleId: 'yaml/alias-limit',
        message: `The YAML's aliases (\`*name\`) repeat their anchors' values more than ${MAX_ALIAS_COUNT} times over, aliases within the values counted too: ${subject} is refused, as a file built to fill the memory would be.`,
        hint: 'Write the values out instead of using `&anchor` and `*alias`.',
      });
    }
    result.readable = (key) => readableValues(read, key, at);
  }
  return result;
}

/**
 * Reads, of a front matter whose structure kept it from being read (its
 * opening or closing line written wrong, never closed, too long), the
 * top-level values that can still be read (`ParsedFile.readable`), so that a
 * build still learns that the release is no longer public (`status: draft`)
 * and takes its earlier pages down. Only the fields' own lines are read:
 * from `from` (the start of the first) to `to`, the start of the line that
 * closes them, or where none does, up to the first blank line, line that
 * starts with `---`, or line at the margin that is not a field, a list item or
 * a comment, where a body would start; and at most `FIELDS_READ_PAST_ERROR`
 * characters. Their places are counted as lines of the file.
 */
function readFieldsPastError(result: ParsedFile, from: number, to?: number): void {
  const text = result.text;
  const end = to ?? text.length;
  let fields = text.slice(from, Math.min(end, from + FIELDS_READ_PAST_ERROR));
  // A line cut by the limit is not read.
  if (from + fields.length < end) fields = fields.slice(0, fields.lastIndexOf('\n') + 1);
  if (to === undefined) {
    const bodyStart = /^(?:[ \t]*$|---|(?![-#])(?![^\s:#][^:\n]*:(?:[ \t]|$))\S)/m.exec(fields);
    if (bodyStart) fields = fields.slice(0, bodyStart.index);
  }
  if (fields.trim() === '') return;
  // A line that starts with `---` among the fields (`---x`, `----`) is no field, and YAML would join it to the next line's key: a comment.
  if (fields.includes('\n---') || fields.startsWith('---')) fields = fields.replace(/^---/gm, '#--');
  const readable = readableOf(readYamlDocument(fields, result.path, 0), lineOf(text, from) - 1);
  if (readable) result.readable = readable;
}

/**
 * The first line below the fields, from `from`, that reads as a closing line written wrong (`—`, `–`, `----`, `- - -`, `...`), when every
 * line above it is one a front matter holds (a field, an indented or list line, a comment, a blank); undefined otherwise.
 */
function closingLookalike(text: string, from: number): { line: number; offset: number; text: string } | undefined {
  let offset = from;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end === -1 ? text.length : end);
    if (isClosingLookalike(line)) return { line: lineOf(text, offset), offset, text: line.trim() };
    if (!FRONT_MATTER_LINE.test(line)) return undefined;
    if (end === -1) return undefined;
    offset = end + 1;
  }
  return undefined;
}

/**
 * A closing line written wrong: dashes of another kind or number, spaced, or YAML's document end. Only a short line is tried, with
 * its blanks around it cut first: the pattern's runs of blanks could otherwise be split many ways on a long line of them.
 */
function isClosingLookalike(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 40 && CLOSING_LOOKALIKE.test(trimmed);
}
/** A line that starts a field, `key:`: what follows an opening line. */
const FIELD_START = /^[A-Za-z_][\w-]*\s*:/;
const CLOSING_LOOKALIKE = /^(?:[\u2012-\u2015\u2212]+(?:[ \t]*-)*|-{4,}|(?:-[ \t]+){2,}-|\.{3})$/;
/** A line a front matter holds: a field, an indented line, a list item, a comment or a blank. */
const FRONT_MATTER_LINE = /^(?:[ \t]*$|[ \t]*#|[ \t]+\S|-[ \t]|[^\s:#][^:]*:(?:[ \t]|$))/;

/** Where the first line from `from` on that is exactly `---` starts, or undefined. */
function closingLineAfter(text: string, from: number): number | undefined {
  if (text.startsWith(`${OPEN}\n`, from) || (from + OPEN.length === text.length && text.startsWith(OPEN, from))) return from;
  const close = text.indexOf(`\n${OPEN}`, from);
  for (let at = close; at !== -1; at = text.indexOf(`\n${OPEN}`, at + 1)) {
    const after = at + 1 + OPEN.length;
    if (after === text.length || text.charAt(after) === '\n') return at + 1;
  }
  return undefined;
}

/** The top-level values of YAML read with or without errors (see `YamlData.readable`), each placed `lines` lines further down. */
function readableOf(yaml: YamlData, lines: number): ((key: string) => ReadableValue[]) | undefined {
  let read = yaml.readable;
  const data = yaml.data;
  if (!read && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const fields = data as Record<string, unknown>;
    read = (key) => {
      const value = Object.hasOwn(fields, key) ? fields[key] : undefined;
      return value === undefined || (value !== null && typeof value === 'object') ? [] : [{ value, at: yaml.locate([key], 'value') }];
    };
  }
  if (!read || lines === 0) return read;
  const values = read;
  return (key) => values(key).map(({ value, at }) => ({
    value, at: { ...FRESH, ...at, line: at.line + lines, ...(at.endLine !== undefined ? { endLine: at.endLine + lines } : {}) },
  }));
}

/** The offset at which line `line` (1-based) of `lines`, the text split at its line breaks, starts. */
function offsetOfLine(lines: readonly string[], line: number): number {
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  return offset;
}

/**
 * The scalar values of the top-level key `key` in a document with errors,
 * leaving out any pair an error position falls in (from its key's start to
 * its value's end), and tagged values. Duplicate keys give every value.
 */
function readableValues(doc: Document, key: string, at: At): ReadableValue[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const touches = errorCover(doc.errors.map((e) => e.pos));
  const found: ReadableValue[] = [];
  for (const pair of root.items) {
    // A tagged value is an error of its own, and its meaning the tag's.
    if (!isScalar(pair.key) || pair.key.value !== key || !isScalar(pair.value) || pair.value.tag !== undefined) continue;
    const start = pair.key.range?.[0];
    const end = pair.value.range?.[1];
    if (start === undefined || end === undefined || touches(start, end)) continue;
    found.push({ value: pair.value.toJSON(), at: at(pair.value.range![0], pair.value.range![1]) });
  }
  return found;
}

/**
 * Whether any of `errors` (ranges of offsets) overlaps a range, in a time
 * logarithmic in their number: a front matter of tens of thousands of errors
 * and as many keys asked of each would otherwise take seconds. With the
 * errors in order of their start, one overlaps [start, end) exactly when the
 * furthest end of those starting before `end` lies past `start`.
 */
function errorCover(errors: readonly (readonly [number, number])[]): (start: number, end: number) => boolean {
  const sorted = [...errors].sort((a, b) => a[0] - b[0]);
  const starts = sorted.map(([from]) => from);
  const furthest: number[] = [];
  for (const [, to] of sorted) furthest.push(Math.max(to, furthest.at(-1) ?? -Infinity));
  return (start, end) => {
    // How many errors start before `end`.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! < end) low = middle + 1;
      else high = middle;
    }
    return low > 0 && furthest[low - 1]! > start;
  };
}

/** Deepest nesting of lists and mappings read; the release format itself needs three. */
export const MAX_YAML_DEPTH = 64;

/** The offset of the marker that ends the first document: a `...` line, or the `---` that starts the next. */
function documentEnd(tokens: readonly CST.Token[]): number {
  const first = tokens.findIndex((token) => token.type === 'document');
  const end = tokens.slice(first + 1).find((token) => token.type === 'doc-end' || token.type === 'document');
  return end?.offset ?? 0;
}

/** Whether YAML nests lists or mappings deeper than the limit, read from the parser's tokens without composing it (see `findDeepToken`). */
export function yamlTooDeep(source: string): boolean {
  return findDeepToken([...new Parser().parse(source)]) !== undefined;
}

/**
 * Where the parser's tokens first nest a list or mapping deeper than the limit: found before the
 * composer, which recurses once per level. A stack it runs out of is caught deep inside it, where
 * the first use of a regular expression can abort the whole process; no catch stops that. Every
 * later step (tags, conversion, validation) recurses too: the document it composes nests no deeper.
 */
function findDeepToken(tokens: readonly CST.Token[]): number | undefined {
  const pending: [CST.Token | null | undefined, number][] = [];
  for (const token of tokens) if (token.type === 'document') pending.push([token.value, 1]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [token, depth] = next;
    if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') continue;
    if (depth > MAX_YAML_DEPTH) return token.offset;
    for (const item of token.items) pending.push(['key' in item ? item.key : undefined, depth + 1], ['value' in item ? item.value : undefined, depth + 1]);
  }
  return undefined;
}

const allowedTags = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

type At = (start: number, end?: number) => Location;

/**
 * Where a node's tag begins: the node's range starts at its value, but the
 * author wrote the tag, perhaps with an anchor, just before it.
 */
function tagStart(source: string, valueStart: number): number {
  const before = source.slice(Math.max(0, valueStart - 1024), valueStart);
  const props = /(?:^|\s)(?:&\S+\s+)?(!\S*)\s+(?:&\S+\s+)?$/.exec(before);
  if (!props) return valueStart;
  return valueStart - before.length + props.index + props[0].indexOf(props[1]!);
}

/**
 * The end of a problem's range without the line break it may end on: the
 * parser marks a character missing at the end of a line (`tags: [a, b`
 * never closed) over the line break, which editors and code scanning would
 * show past the end of the line. A range over several lines keeps its end.
 */
function lineEndBefore(source: string, start: number, end: number): number {
  const lineEnd = source.indexOf('\n', start);
  if (lineEnd === -1) return Math.min(end, source.length);
  return end <= lineEnd + 1 ? Math.min(end, lineEnd) : end;
}

function collectYamlProblems(doc: Document, source: string, at: At, path: string, out: Diagnostic[], subject: string): void {
  // Deep nesting overflows the YAML parser's stack, which it reports as ordinary errors,
  // worded after whichever part ran out first: one diagnostic says what happened.
  const overflow = doc.errors.find((problem) => /stack/i.test(problem.message));
  if (overflow) {
    out.push({
      ...FRESH, ...at(overflow.pos[0], overflow.pos[1]), file: path, severity: 'error', ruleId: 'yaml/syntax',
      message: TOO_DEEP,
      hint: `Simplify ${subject}: nesting this deep is not needed.`,
    });
    return;
  }
  const push = limitedPush(out);
  // One mistake can trip several of the parser's checks at the same place; the first says it best.
  const seen = new Set<number>();
  /** The quoted values' ranges, found once if a quote is missing. */
  let quoted: [number, number][] | undefined;
  /** The quoted values inside `[…]` and `{…}`, found once if something follows one. */
  let flowQuoted: Map<number, FlowQuoted> | undefined;
  /** The parser's problems met so far, by rule: only the first `MAX_PER_RULE` of each are shown, and get a hint. */
  const perRule = new Map<string, number>();
  /**
   * What stands for each of a rule's problems after the first past the limit: `push` only counts them (it has put its
   * summary at the first), so they are not placed, which looks for the end of the problem's line (twenty thousand problems
   * on one line of 440,000 characters read it each to its end).
   */
  const countedOnly = new Map<string, Diagnostic>();
  /** Where the line of a `]` or `}` that closes nothing ends: the parser's complaints about every token on the lines below are that one slip's. */
  let strayLineEnd: number | undefined;
  for (const problem of doc.errors) {
    if (seen.has(problem.pos[0])) continue;
    seen.add(problem.pos[0]);
    if (strayLineEnd !== undefined && problem.pos[0] > strayLineEnd && problem.code === 'UNEXPECTED_TOKEN') continue;
    const stray = strayLineEnd === undefined && problem.code === 'UNEXPECTED_TOKEN' ? /^Unexpected flow-(seq|map)-end token/.exec(problem.message) : null;
    if (stray) {
      const end = source.indexOf('\n', problem.pos[0]);
      strayLineEnd = end === -1 ? source.length : end;
      const mark = stray[1] === 'seq' ? ']' : '}';
      push({
        ...FRESH, ...at(problem.pos[0], problem.pos[0] + 1), file: path, severity: 'error', ruleId: 'yaml/syntax',
        message: `This \`${mark}\` closes no ${mark === ']' ? 'list' : 'mapping'} (none is open where it stands), so YAML cannot read what follows it.`,
        hint: `Take out this \`${mark}\`.`,
      });
      continue;
    }
    // Past the limit problems are only counted: a hint reads the problem's line, and ten thousand problems on one long line
    // (`tags: [] [] [] …`) would read it ten thousand times.
    const ruleId = problem.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax';
    const count = (perRule.get(ruleId) ?? 0) + 1;
    perRule.set(ruleId, count);
    if (count > MAX_PER_RULE + 1) {
      const counted = countedOnly.get(ruleId) ?? { file: path, line: 1, column: 1, severity: 'error', ruleId, message: '' };
      countedOnly.set(ruleId, counted);
      push(counted);
      continue;
    }
    if (count > MAX_PER_RULE) {
      push({ ...FRESH, ...at(problem.pos[0], lineEndBefore(source, problem.pos[0], problem.pos[1])), file: path, severity: 'error', ruleId, message: sentence(problem.message) });
      continue;
    }
    const unclosed = problem.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(problem.message) ? unclosedQuote((quoted ??= quotedRanges(doc)), source, problem.pos[0]) : undefined;
    const placed = unclosed
      ?? (problem.code === 'BAD_INDENT' && /^Flow (?:sequence|map) in block collection/.test(problem.message) ? unclosedFlow(source, problem.pos[0]) : undefined)
      ?? (problem.code === 'BAD_INDENT' ? fieldAtDash(source, problem.pos[0]) : undefined)
      ?? (problem.code === 'UNEXPECTED_TOKEN' || problem.code === 'MISSING_CHAR' ? earlyClosedQuote((flowQuoted ??= flowQuotedValues(doc, source)), source, problem.pos[0]) : undefined);
    if (placed) {
      push({ ...FRESH, ...at(placed.start, placed.end), file: path, severity: 'error', ruleId: 'yaml/syntax', message: placed.message, hint: placed.hint });
      continue;
    }
    push({
      ...FRESH, ...at(problem.pos[0], lineEndBefore(source, problem.pos[0], problem.pos[1])), file: path,
      severity: 'error',
      ruleId,
      message: sentence(problem.message),
      ...(problem.code === 'DUPLICATE_KEY' ? { hint: 'Remove one of the two keys.' } : withHint(syntaxHint(problem.code, source, problem.pos[0]))),
    });
  }
  let duplicates = 0;
  let counted: Diagnostic | undefined;
  for (const duplicate of duplicateKeys(doc)) {
    // Past the limit only the number counts: a hundred thousand duplicates are not a hundred thousand messages.
    if (++duplicates > MAX_PER_RULE + 1) {
      push((counted ??= { file: path, line: 1, column: 1, severity: 'error', ruleId: 'yaml/duplicate-key', message: '' }));
      continue;
    }
    push({
      ...FRESH, ...at(duplicate.range[0], duplicate.range[1]), file: path, severity: 'error', ruleId: 'yaml/duplicate-key',
      message: `The key ${keyName(duplicate.key)} appears twice in the same mapping.`,
      hint: 'Remove one of the two keys; YAML does not say which one would win.',
      related: { ...FRESH, ...at(duplicate.first[0], duplicate.first[1]), file: path, message: 'First defined here.' },
    });
  }
  if (doc.errors.some((problem) => problem.code !== 'DUPLICATE_KEY')) return;
  const checkTag = (node: Node): void => {
    if (node.tag && !allowedTags.has(node.tag)) {
      const where = at(tagStart(source, node.range?.[0] ?? 0), node.range?.[1]);
      push({ ...FRESH, ...where, file: path, severity: 'error', ruleId: 'yaml/tag', message: `The custom YAML tag ${quote(node.tag, EXCERPT)} is not accepted; ${subject} is plain data.`, hint: 'Remove the tag and write the value as plain text.' });
    }
  };
  visit(doc, {
    // yaml calls the most specific visitor only: a scalar is checked for tags here too.
    Scalar(_key, node) {
      checkTag(node);
      const cut = node.type === 'PLAIN' && typeof node.value === 'string' && node.range ? commentAfter(source, node.range[1]) : undefined;
      if (cut && node.range) {
        // The value as written, with the blanks before its `#`; a comment written `# like this` after the words stays one.
        const words = wordsInComment(cut.comment) ?? { text: cut.comment, gap: '', comment: '' };
        const text = `${node.value as string}${source.slice(node.range[1], cut.start)}${words.text}`;
        const key = keyAndValue(lineAt(source, node.range[0]))?.key;
        push({
          ...FRESH, ...at(cut.start, cut.end), file: path, severity: 'warning', ruleId: 'yaml/comment-in-value',
          message: `This \`#\` starts a YAML comment, so the value ends at ${quote(node.value, EXCERPT)} and ${quote(cut.comment, EXCERPT)} is dropped.`,
          hint: `Quote the value to keep the \`#\`: ${quoteYaml(text, key, false, afterQuote(words.gap, words.comment))}.`,
        });
      }
    },
    Node(_key, node) {
      checkTag(node);
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
        const where = at(pair.key.range?.[0] ?? 0, pair.key.range?.[1]);
        push({ ...FRESH, ...where, file: path, severity: 'error', ruleId: 'yaml/merge-key', message: `YAML merge keys (\`<<\`) are not supported in ${subject}.`, hint: 'Write the merged fields out in full.' });
      }
    },
  });
}

const withHint = (hint: string | undefined): { hint?: string } => (hint ? { hint } : {});

/**
 * Whether the line above the one at `offset` is a field of a list item whose fields are indented `width` spaces: going up from
 * it over lines of fields at that indentation (and what they hold, further right), a `- ` line whose first field is there too.
 * Looks at most 50 lines up, so that a file of many problems is read a bounded number of times.
 */
function itemOfField(source: string, offset: number, width: number): boolean {
  let end = source.lastIndexOf('\n', offset - 1);
  for (let looked = 0; end > 0 && looked < 50; looked++) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const text = source.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (looked === 0 || text.trim() === '') continue;
    const dash = /^(\s*- +)[A-Za-z_][\w-]*:/.exec(text);
    if (dash) return dash[1]!.length === width;
    const own = /^ */.exec(text)![0].length;
    if (own < width) return false;
  }
  return false;
}

/** The text of the line that holds `offset`. */
function lineAt(source: string, offset: number): string {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const end = source.indexOf('\n', offset);
  return source.slice(start, end === -1 ? source.length : end).replace(/\r$/, '');
}

/** Where the last `length` characters of `value` start, at the start of a word where the tail holds a space, else not inside a character written as two. */
function tailStart(value: string, length: number): number {
  const start = value.length - length;
  const space = value.slice(start - 1).search(/\s\S/);
  if (space > 0 && space < length - 1) return start + space;
  const code = value.charCodeAt(start);
  return code >= 0xdc00 && code <= 0xdfff ? start + 1 : start;
}

/** At most this many lines of a value are looked at for a hint: a front matter's value runs over a few. */
const MAX_CONTINUED_LINES = 200;

/**
 * The lines a plain value on the line at `offset` runs on over (`summary: The service: opens` over `  a new centre.`): those
 * below it indented further than its key, down to a comment or a line as far left as the key. A blank line between two of
 * them is part of the value, as an empty string (YAML reads it as a line break); blank lines after the last are not.
 */
function continuedLines(source: string, offset: number, line: string): string[] {
  const keyColumn = /^[ \t]*(?:-[ \t]+)?/.exec(line)![0].length;
  const lines: string[] = [];
  let blanks = 0;
  for (let end = source.indexOf('\n', offset); end !== -1 && lines.length + blanks < MAX_CONTINUED_LINES; end = source.indexOf('\n', end + 1)) {
    const next = lineAt(source, end + 1);
    if (next.trim() === '') {
      blanks++;
      continue;
    }
    if (next.trimStart().startsWith('#') || /^ */.exec(next)![0].length <= keyColumn) break;
    for (; blanks > 0; blanks--) lines.push('');
    lines.push(trimEndBlanks(next.trim()));
  }
  return lines;
}

/** A plain value's lines as YAML folds them into its text: a line break between two lines is a space, each blank line between them a line break. */
function foldLines(lines: readonly string[]): string {
  let text = '';
  let breaks = 0;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    text += text === '' ? line : breaks > 0 ? `${'\n'.repeat(breaks)}${line}` : ` ${line}`;
    breaks = 0;
  }
  return text;
}

/** `key: value` on one line (perhaps a list item), split; undefined for other lines. */
function keyAndValue(line: string): { key: string; value: string } | undefined {
  const match = /^[ \t]*(?:-[ \t]+)?([^\s:#'"][^:#]*?):[ \t]+([^ \t].*)$/.exec(line);
  return match ? { key: match[1]!, value: trimEndBlanks(match[2]!) } : undefined;
}

/**
 * A value written as a YAML string that keeps every character: double quotes unless it holds them. A long one is cut at
 * its end, or with `keepEnd` in its middle, so that the hint shows where a value that runs over several lines ends.
 * `after`, a comment with the blanks before it, follows the closing quote. A character a hint shows as an escape (a tab,
 * a line break, a control character) is one only in double quotes: in single quotes `\u0009` is six characters of text,
 * so such a value is double-quoted, its `"` and `\` escaped.
 */
function quoteYaml(value: string, key?: string, keepEnd = false, after = ''): string {
  const text = value.length <= 2 * EXCERPT ? value
    : keepEnd ? `${/\s/.test(value[EXCERPT]!) ? headOf(value, EXCERPT) : headOf(value, EXCERPT).replace(/\s+\S*$/, '')} … ${value.slice(tailStart(value, EXCERPT))}`
    : `${headOf(value, 2 * EXCERPT)}…`;
  const quoted = printable(text) !== text ? `"${text.replace(/["\\\t\n]/g, (c) => DOUBLE_QUOTED_ESCAPES[c]!)}"`
    : !text.includes('"') && !text.includes('\\') ? `"${text}"`
    : !text.includes("'") ? `'${text}'`
    : `'${text.replaceAll("'", "''")}'`;
  const comment = after.length <= 2 * EXCERPT ? after : `${headOf(after, 2 * EXCERPT)}…`;
  return `\`${printable(key ? `${key}: ${quoted}${comment}` : `${quoted}${comment}`)}\``;
}

/**
 * The text of `written`, what a double-quoted YAML value holds between its quotes, as YAML reads its escapes (`\"`, `\\`,
 * `\t`, `\u00A0` …); an escape YAML does not know is left as written.
 */
function doubleQuotedText(written: string): string {
  return written.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (escape, code: string) => {
    if (code.length === 1) return Object.hasOwn(YAML_ESCAPES, code) ? YAML_ESCAPES[code]! : escape;
    const point = Number.parseInt(code.slice(1), 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : escape;
  });
}

/** The one-character escapes of a double-quoted YAML value (YAML 1.2, `c-ns-esc-char`), by the character after the `\`. */
const YAML_ESCAPES: Readonly<Record<string, string>> = {
  0: '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** How a double-quoted YAML value writes the characters that `quoteYaml` escapes itself (`printable` writes the rest as `\uXXXX`, which YAML reads back). */
const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n' };

/** A value as written on its line, split where YAML ends it. */
export interface Commented {
  /** The value's text, without the blanks after it. */
  text: string;
  /** The blanks between the value and its comment, as written. */
  gap: string;
  /** The comment after the value, from its `#`; empty when none follows. */
  comment: string;
}

/**
 * `value` (as `keyAndValue` gives it) split where YAML ends a plain value: at the first `#` after a space or a tab, which
 * starts a comment (YAML 1.2, `c-nb-comment-text` after `s-separate-in-line`; a `#` inside a word, `Room#1`, is text). `from`
 * is where to start looking: past a quoted part, whose `#` is text.
 */
function splitComment(value: string, from = 0): Commented {
  const hash = /[ \t]#/.exec(value.slice(from));
  if (!hash) return { text: value, gap: '', comment: '' };
  const start = from + hash.index + 1;
  const text = trimEndBlanks(value.slice(0, start));
  return { text, gap: value.slice(text.length, start), comment: value.slice(start) };
}

/**
 * `full`, a value that opens with `opening` and has that quote inside too, split where YAML would end it were the quotes
 * inside escaped: after its last quote, before a comment written after it; or, when its last quote is in that comment
 * (`'Minister's visit' # Anna's note`), before the first `#` after a space or a tab that follows a quote closing it.
 */
function closedValue(full: string, opening: string): Commented {
  const last = splitComment(full, full.lastIndexOf(opening));
  if (last.text.length > 1 && last.text.endsWith(opening)) return last;
  for (const hash of full.matchAll(/[ \t]#/g)) {
    // The character before the blanks ahead of the `#`: each stretch of blanks is passed over once, whatever the `#`s.
    let end = hash.index;
    while (end > 0 && (full[end - 1] === ' ' || full[end - 1] === '\t')) end--;
    if (end > 1 && full[end - 1] === opening) return { text: full.slice(0, end), gap: full.slice(end, hash.index + 1), comment: full.slice(hash.index + 1) };
  }
  return last;
}

/** A comment as a hint writes it after a closing quote: a tab before it is shown escaped, which is no blank to YAML. */
function afterQuote(gap: string, comment: string): string {
  return comment === '' ? '' : `${gap.replaceAll('\t', ' ')}${comment}`;
}

/**
 * What a hint adds about the comment after a value it quotes: nothing for one written `# like this`; for one that opens
 * with a word (`#1 centre`), which an author may have meant as text, that YAML drops it, and the line that keeps it.
 */
function commentNote(value: Commented, key: string | undefined): string {
  const word = wordsInComment(value.comment);
  if (!word) return '';
  const kept = quoteYaml(`${value.text}${value.gap}${word.text}`, key, false, afterQuote(word.gap, word.comment));
  return ` YAML reads ${quote(word.text, EXCERPT)} as a comment and drops it: if it belongs to the value, put it inside the quotes: ${kept}.`;
}

/**
 * A comment that opens with a word (`#2 opens`, `#1 centre`), split into those words, which an author may have meant as
 * text, and the comment written `# like this` after them, if any; undefined for a comment that opens so itself.
 */
export function wordsInComment(comment: string): Commented | undefined {
  if (!/^#[^\s#]/.test(comment) || /[\n\r\u2028\u2029]/.test(comment)) return undefined;
  // The first run of blanks followed by a `#` that opens a comment, tried from each run's start only: tried from each blank
  // of a long run, as a lazy `.*?` did, it cost a time with the square of the run's length (a megabyte of spaces, hours).
  const after = /(?<![ \t])([ \t]+)#(?=[\s#]|$)/g;
  after.lastIndex = 2;
  const found = after.exec(comment);
  if (!found) return { text: comment, gap: '', comment: '' };
  return { text: comment.slice(0, found.index), gap: found[1]!, comment: comment.slice(found.index + found[1]!.length) };
}

/** Where each quoted value of `doc` starts and ends, in order. */
function quotedRanges(doc: Document): [number, number][] {
  const ranges: [number, number][] = [];
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range) ranges.push([node.range[0], node.range[1]]);
    },
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * A list (`[`) or mapping (`{`) written on one line and never closed, found where it opens: the parser reports it at the line it
 * gave up on, the next field's, in its own words. Undefined when no line above `offset`, within a few, opens one it leaves open.
 */
function unclosedFlow(source: string, offset: number): PlacedProblem | undefined {
  let end = source.lastIndexOf('\n', offset - 1);
  for (let looked = 0; end > 0 && looked < 20; looked++) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const line = source.slice(start, end);
    const open = unclosedBracket(line);
    if (open !== undefined) {
      const close = line[open] === '[' ? ']' : '}';
      const what = close === ']' ? 'list' : 'mapping';
      const fixed = `${trimEndBlanks(withoutComment(line))}${close}`;
      return {
        start: start + open, end: start + open + 1,
        message: `The ${what} that opens here with \`${line[open]}\` is never closed: the \`${close}\` that should end it is missing, so YAML reads on into the lines below.`,
        hint: `End it on the same line: ${quoteLine(fixed)}.`,
      };
    }
    end = start - 1;
  }
  return undefined;
}

/** A line without its comment: from the first `#` after a blank, found in one pass (a pattern would rescan a long run of blanks). */
function withoutComment(line: string): string {
  for (let i = 1; i < line.length; i++) if (line[i] === '#' && (line[i - 1] === ' ' || line[i - 1] === '\t')) return line.slice(0, i);
  return line;
}

/** The offset of the first `[` or `{` outside quotes on a line that its line does not close; undefined when all are closed. */
function unclosedBracket(line: string): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') open.push(i);
    else if ((c === ']' || c === '}') && open.length > 0) open.pop();
  }
  return open[0];
}

/** A line of YAML as a hint quotes it. */
function quoteLine(line: string): string {
  return `\`${printable(line.trim())}\``;
}

/**
 * A quoted value that is never closed, found where it opens: the parser
 * reports the missing quote where it gave up looking, at the end of the
 * front matter, many lines below the slip. Undefined when the error at
 * `offset` is not that.
 */
function unclosedQuote(quoted: readonly [number, number][], source: string, offset: number): PlacedProblem | undefined {
  // The last quoted value that opens before `offset` (they do not overlap), if it runs on to it.
  let low = 0;
  let high = quoted.length - 1;
  let found: [number, number] | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (quoted[mid]![0] < offset) {
      found = quoted[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  if (!found || found[1] < offset) return undefined;
  const start = found[0];
  const opening = source[start]!;
  const lineEnd = source.indexOf('\n', start);
  const end = lineEnd === -1 ? source.length : lineEnd;
  const line = trimEndBlanks(lineAt(source, start));
  // A comment written `# like this` after the value (`title: "Ganja: opens  # checked`) is text to YAML only because the quote
  // is open: the quote is closed before it, and the hint says where else it may go.
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const comment = /[ \t]+(#(?:[ \t].*)?)$/.exec(line.slice(start - lineStart + 1));
  const closeAt = comment ? line.length - comment[0].length : line.length;
  const fixed = `${line.slice(0, closeAt)}${opening}${comment ? comment[0].replaceAll('\t', ' ') : ''}`.trim();
  const mark = opening === '"' ? '`"`' : '`\'`';
  // In a list or mapping written on one line (`[…]`, `{…}`), the quote closes inside it, not at the end of the line.
  const inFlow = /[[{]/.test(source.slice(lineStart, start));
  const shown = fixed.length <= 120 && !inFlow;
  return {
    start, end,
    message: `The quoted value that opens here is never closed: the ${opening === '"' ? 'double' : 'single'} quote that should end it is missing, so YAML reads on into the lines below.`,
    // The line as it should be, when it is short enough to quote back.
    hint: shown
      ? `End the value with ${mark} on its line: \`${fixed}\`.${comment ? ` If ${quote(comment[1]!, EXCERPT)} belongs to the value, end it after that instead.` : ''}`
      : `End the value with ${mark} where it should end.`,
  };
}

/** A syntax error told in our words, at the place the author should look. */
interface PlacedProblem {
  start: number;
  end: number;
  message: string;
  hint: string;
}

/** A quoted value inside `[…]` or `{…}` (not a key), and what it is to the author: the value of `alt`, an item of `tags`. */
interface FlowQuoted {
  start: number;
  what: string;
}

/** The name of a pair's key, when it is plain text. */
const keyOf = (pair: unknown): string | undefined => (isPair(pair) && isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined);

/** The quoted values of `doc` written inside a flow collection, by where each ends. */
function flowQuotedValues(doc: Document, source: string): Map<number, FlowQuoted> {
  const found = new Map<number, FlowQuoted>();
  visit(doc, {
    Scalar(role, node, path) {
      if ((node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || !node.range) return;
      const parent = path.at(-1);
      const collection = isPair(parent) ? path.at(-2) : parent;
      if (!(isMap(collection) || isSeq(collection)) || !collection.flow) return;
      // In `[…]` the parser makes a value followed by text into a pair of its own, with the value as its key; a key of `{…}` is no value.
      const inList = isSeq(collection) || (role === 'key' && isMap(collection) && source[collection.range?.[0] ?? 0] !== '{');
      if (role === 'key' && !inList) return;
      const list = isSeq(collection) ? collection : inList ? path.at(-3) : undefined;
      const listKey = list ? keyOf(path[path.indexOf(list) - 1]) : undefined;
      const key = role === 'value' ? keyOf(parent) : undefined;
      const what = key !== undefined ? `value of ${keyName(key)}` : listKey !== undefined ? `item of ${keyName(listKey)}` : inList ? 'list item' : 'value';
      found.set(node.range[1], { start: node.range[0], what });
    },
  });
  return found;
}

/**
 * A quote inside a quoted value in `[…]` or `{…}` that ends the value early,
 * found at that quote: `{alt: "A "big" day"}`. The parser stumbles over the
 * text glued to the quote; the block form of the slip is told by
 * `syntaxHint`, which can quote the whole line back. Here the value's own
 * end is not known (a `,` may be part of it or end it), so the hint names
 * the fix without writing the value out. Undefined when the error at
 * `offset` is not that: text glued right after a closing quote, with the
 * same quote again later on the line.
 */
function earlyClosedQuote(flowQuoted: ReadonlyMap<number, FlowQuoted>, source: string, offset: number): PlacedProblem | undefined {
  const value = flowQuoted.get(offset);
  if (!value) return undefined;
  const mark = source[value.start]!;
  const lineEnd = source.indexOf('\n', offset);
  const rest = source.slice(offset, lineEnd === -1 ? source.length : lineEnd);
  // Text after a space may be a value of its own with a `,` left out; a word glued to the quote, and its partner later, are the quoted word.
  if (source[offset - 1] !== mark || !/^[^\s,\]}]/.test(rest) || !rest.includes(mark)) return undefined;
  const double = mark === '"';
  // Changing the quotes needs the other kind escaped when the value holds it too: the value runs at most to the last such quote on its line.
  const other = source.slice(value.start, offset + rest.lastIndexOf(mark)).includes(double ? "'" : '"');
  return {
    start: offset - 1,
    end: offset,
    message: `This \`${mark}\` ends the ${double ? 'double' : 'single'}-quoted ${value.what}, so the text right after it cannot be read.`,
    hint: double
      ? `A \`"\` inside a double-quoted value ends it early: put the ${value.what} in single quotes${other ? " (with `''` for each apostrophe in it)" : ''}, or write \`\\"\` for each quote inside.`
      : `A \`'\` inside a single-quoted value ends it early: put the ${value.what} in double quotes${other ? ' (with `\\"` for each `"` in it)' : ''}, or write \`''\` for each apostrophe inside.`,
  };
}

/** A line that starts with a plain key: its indentation and the key. */
const FIELD_LINE = /^( *)([A-Za-z_][\w-]*):(?:[ \t]|$)/;
/** A list item that starts with a plain key: its indentation, the `- ` and the key. */
const ITEM_LINE = /^( *)(- +)([A-Za-z_][\w-]*):(?:[ \t]|$)/;
/** A key with nothing after it but a comment, as the key that holds a list is written. */
const LIST_KEY_LINE = /^( *(?:- +)?)([A-Za-z_][\w-]*):[ \t]*(?:#.*)?$/;

/** Lines looked at above a field for its list: contacts take a few lines each, and a look is made for each misplaced field shown. */
const MAX_LINES_TO_LIST = 1_000;

/**
 * A field of a list item written at the column of the item's `- `:
 *
 *     contacts:
 *       - name: Anna
 *       email: a@example.org
 *
 * YAML ends the list at such a line and then finds no mapping that takes a
 * key at its column, the column being deeper than the key that holds the
 * list. Undefined when the line at `offset` is not that; a line the key
 * of the item already has is more likely a new item with its `- ` left out,
 * and gets none either.
 */
function fieldAtDash(source: string, offset: number): PlacedProblem | undefined {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const field = FIELD_LINE.exec(lineAt(source, lineStart));
  if (!field || offset - lineStart > field[1]!.length) return undefined;
  const dash = field[1]!.length;
  // Upwards to the item's `- ` line at this column: over the item's own lines, further in, and fields put beside this one.
  const between: string[] = [];
  let item: RegExpExecArray | undefined;
  let listKey: RegExpExecArray | undefined;
  for (let end = lineStart - 1, lines = 0; end >= 0 && !listKey; lines++) {
    if (lines === MAX_LINES_TO_LIST) return undefined;
    const start = end === 0 ? 0 : source.lastIndexOf('\n', end - 1) + 1;
    const text = source.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^[ \t]*(?:#.*)?$/.test(text)) continue;
    if (/^ *\t/.test(text)) return undefined;
    const indent = /^ */.exec(text)![0].length;
    if (indent < dash) {
      // Past the item: the line that holds the list, further out than its `- `.
      const key = LIST_KEY_LINE.exec(text);
      if (!item || !key || key[1]!.length >= dash) return undefined;
      listKey = key;
    } else if (!item) {
      if (indent === dash && text.trimStart().startsWith('-')) {
        const found = ITEM_LINE.exec(text);
        if (!found) return undefined;
        item = found;
      } else between.push(text);
    }
  }
  if (!item || !listKey) return undefined;
  const column = item[1]!.length + item[2]!.length;
  const keys = new Set([item[3]!]);
  for (const text of between) {
    const other = FIELD_LINE.exec(text);
    if (other && (other[1]!.length === column || other[1]!.length === dash)) keys.add(other[2]!);
  }
  const name = field[2]!;
  if (keys.has(name)) return undefined;
  const line = trimEndBlanks(lineAt(source, lineStart));
  const fixed = `${' '.repeat(column)}${line.trimStart()}`;
  const holder = `\`${listKey[2]!}:\``;
  return {
    start: lineStart + dash,
    end: lineStart + dash + name.length,
    message: `${keyName(name)} is indented as far as the \`- \` of the list above it: that ends the list, but the fields beside ${holder} start further left.`,
    hint: `To make it a field of the list item above, indent it by ${column} spaces, as far as that item's first field, ${keyName(item[3]!)}${fixed.length <= 120 ? `: \`${printable(fixed)}\`` : ''}. A field of its own lines up with ${holder} instead.`,
  };
}

/**
 * `title:\u00A0Baku`: a no-break space after the colon (a word processor's, or
 * Option+Space) is no space to YAML either, which reads the line as one text:
 * the hint for that line, if it is such.
 */
function noBreakAfterKey(line: string): string | undefined {
  const noBreak = /^\s*?(?:- +)?([A-Za-z_][\w-]*):([\u00A0\u202F\u2007])/.exec(line);
  if (!noBreak) return undefined;
  return `A no-break space (${codePoint(noBreak[2]!)}) follows \`${noBreak[1]}:\`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space${offerFix()}.`;
}

/**
 * A hint for the YAML mistakes people make most in front matter, worked out
 * from the line the parser stopped at: the parser's own words describe its
 * grammar, not what to type instead.
 */
function syntaxHint(code: string, source: string, offset: number): string | undefined {
  const line = lineAt(source, offset);
  if (code === 'TAB_AS_INDENT' || /^ *\t/.test(line)) {
    return 'Indent with spaces: YAML does not accept tabs in indentation (set the editor to insert spaces in YAML and Markdown files).';
  }
  // A no-break space (pasted from a word processor) looks like indentation, but YAML reads it as text.
  const blank = /^[ \t]*[\u00A0\u202F\u2007]/.exec(line);
  if (blank) {
    return `The indentation holds a no-break space (${codePoint(blank[0].at(-1)!)}), which YAML does not read as indentation: retype it with ordinary spaces${offerFix()}.`;
  }
  const noBreak = noBreakAfterKey(line);
  if (noBreak) return noBreak;
  // `extends: default` over `\u00A0 description: Ours`: the next line, indented with a no-break space, is read as more of this
  // line's value, which then stands as a key where none may.
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    const end = source.indexOf('\n', offset);
    const next = end === -1 ? undefined : /^[ \t]*[\u00A0\u202F\u2007]/.exec(lineAt(source, end + 1));
    if (next) return `The next line's indentation holds a no-break space (${codePoint(next[0].at(-1)!)}), which YAML does not read as indentation, so it reads that line as more of this one: retype the indentation with ordinary spaces${offerFix()}.`;
  }
  // `location:Baku`: without a space after the colon, YAML reads one word, not a key and its value.
  const glued = /^(\s*(?:- +)?)([A-Za-z_][\w-]*):(\S.*)$/.exec(line);
  if (glued && (code === 'MULTILINE_IMPLICIT_KEY' || code === 'MISSING_CHAR')) {
    return `Put a space after the colon: \`${`${glued[2]}: ${glued[3]!.trim()}`.slice(0, 100)}\`. Without one, YAML reads \`${glued[2]}:${glued[3]!.trim().slice(0, 40)}\` as text, not as a key and its value.`;
  }
  // The line above the problem's.
  const above = lineAt(source, Math.max(0, source.lastIndexOf('\n', offset - 1) - 1));
  // `-Quota` under `tags:` or another item: without a space after the dash, YAML reads text, not an item of the list.
  const unspaced = /^([ \t]*)-([^\s-].*)$/.exec(line);
  const itemAbove = unspaced && above.startsWith(`${unspaced[1]}-`) && /[ \t]/.test(above.charAt(unspaced[1]!.length + 1));
  if (unspaced && (code === 'MISSING_CHAR' || code === 'MULTILINE_IMPLICIT_KEY') && (itemAbove || /^[ \t]*(?:- +)?[A-Za-z_][\w-]*:[ \t]*(?:#.*)?$/.test(above))) {
    const item = unspaced[2]!.trim();
    return `Put a space after the \`-\`: \`- ${printable(item).slice(0, 100)}\`. Without one, YAML reads \`-${printable(item).slice(0, 40)}\` as text, not as an item of the list.`;
  }
  // A field of a list item (a contact) indented otherwise than the item's first field, on the `- ` line above it.
  const item = /^(\s*- +)[A-Za-z_][\w-]*:/.exec(above);
  const indent = /^ */.exec(line)![0].length;
  if (item && code === 'MISSING_CHAR' && indent !== item[1]!.length && /^ *[A-Za-z_][\w-]*:/.test(line)) {
    return `Indent this line by ${item[1]!.length} spaces, as far as the first field of the list item above it (after its \`- \`): the fields of one item line up.`;
  }
  // The same below another field of the item (`- name:`, `email:`, then `phone:` a space further left or right).
  const fieldAbove = item ? undefined : /^( +)[A-Za-z_][\w-]*:/.exec(above);
  if (fieldAbove && code === 'MISSING_CHAR' && indent !== fieldAbove[1]!.length && /^ *[A-Za-z_][\w-]*:/.test(line) && itemOfField(source, offset, fieldAbove[1]!.length)) {
    return `Indent this line by ${fieldAbove[1]!.length} spaces, as far as the other fields of the list item above it (after its \`- \`): the fields of one item line up.`;
  }
  // The same, indented further than the item's first field: YAML reads it as part of that field's value.
  const own = /^(\s*- +)[A-Za-z_][\w-]*:/.exec(line);
  const lineEnd = source.indexOf('\n', offset);
  const below = lineEnd === -1 ? '' : lineAt(source, lineEnd + 1);
  if (own && code === 'BLOCK_AS_IMPLICIT_KEY' && /^ *[A-Za-z_][\w-]*:/.test(below) && /^ */.exec(below)![0].length > own[1]!.length) {
    return `Indent the line below by ${own[1]!.length} spaces, as far as this list item's first field (after its \`- \`): the fields of one item line up.`;
  }
  const pair = keyAndValue(line);
  if (!pair) return undefined;
  if (code === 'BLOCK_AS_IMPLICIT_KEY') {
    const running = runningValue(source, offset, line, pair.value, pair.key);
    // `Baku: #1 centre`: the `: ` is there as written, before the comment.
    if (running.lines.some((part) => /:[ \t]/.test(`${part.text}${part.gap}`))) {
      return `A value that contains \`: \` must be quoted, or YAML reads a second key in it${running.over}: ${running.quoted}.${running.note}`;
    }
  }
  const opening = pair.value[0];
  if (code === 'UNEXPECTED_TOKEN' && (opening === '"' || opening === "'")) {
    // Quotes at both ends enclose the value, which runs on over the lines below to the one its last quote closes; a comment
    // follows that quote.
    const below = continuedLines(source, offset, line);
    const full = foldLines([pair.value, ...below]);
    const written = closedValue(full, opening);
    const enclosed = written.text.length > 1 && written.text.endsWith(opening) ? written.text.slice(1, -1) : undefined;
    // The text the quotes were meant to hold: the escapes written in them (`\"`, `\t`, `''`) are what YAML reads them as, to be
    // written again in the quotes the line to write takes (in single quotes, `\"` would be two characters of text).
    const text = enclosed === undefined ? undefined : opening === '"' ? doubleQuotedText(enclosed) : enclosed.replaceAll("''", "'");
    // One quote only at the start is part of the value (`"Open" now`), which runs on as an unquoted one does.
    const running = text === undefined ? runningValue(source, offset, line, pair.value, pair.key) : undefined;
    const fixed = running?.quoted ?? quoteYaml(text!, pair.key, below.length > 0, afterQuote(written.gap, written.comment));
    const note = running?.note ?? commentNote({ ...FRESH, ...written, text: text! }, pair.key);
    // The line to write in the same quotes (a value with a tab is written in double quotes, one with both kinds in single): its
    // quotes inside are escaped there.
    const same = fixed.startsWith(`\`${printable(`${pair.key}: ${opening}`)}`);
    if (opening === '"') {
      return same
        ? `A \`"\` inside a double-quoted value ends it early: write \`\\"\` for each quote inside, ${fixed}.${note}`
        : `A \`"\` inside a double-quoted value ends it early: put the value in single quotes, ${fixed}, or write \`\\"\` for each quote inside.${note}`;
    }
    return same
      ? `A \`'\` inside a single-quoted value ends it early: write \`''\` for each apostrophe inside, ${fixed}.${note}`
      : `A \`'\` inside a single-quoted value ends it early: put the value in double quotes, ${fixed}, or write \`''\` for each apostrophe inside.${note}`;
  }
  // `title: [VIDEO] Border operation`, `summary: \`e-gov.az\` portal`, `title: @migration_az …`, `title: > 50% more`: text that
  // opens with a character YAML reads as its own syntax (a list, a reserved character, an alias, a block), in a field that is text.
  const indicator = /^(?:[[\]{}@`*&|>?,%]|-(?=[ \t]|$))/.exec(pair.value)?.[0];
  // A block's header with its chomping or indentation (`>-`, `|+`, `>2`) and the text after it on its line is a block meant: the
  // text is the value, not the header, which belongs on a line of its own above it.
  const header = TEXT_KEYS.has(pair.key) ? /^([|>][-+1-9]+)[ \t]+(\S.*)$/.exec(pair.value) : null;
  if (header) {
    const running = runningValue(source, offset, line, header[2]!, pair.key);
    const where = running.lines.length > 1 ? 'on one line' : 'on this line';
    return `A block's text starts on the line below its \`${header[1]}\`, indented: YAML reads none on the header's line. Move the text below it, or write it ${where} without the \`${header[1]}\`${running.over}: ${running.quoted}.${running.note}`;
  }
  // A block's header written wrong (`>-x`) is a block meant, not text: text follows a `>` or `|` after a blank (`> 50% more`).
  const block = (indicator === '|' || indicator === '>') && !/^[|>][ \t]+\S/.test(pair.value);
  if (indicator !== undefined && !block && TEXT_KEYS.has(pair.key)) {
    const shown = indicator === '`' ? '`` ` ``' : `\`${indicator}\``;
    const running = runningValue(source, offset, line, pair.value, pair.key);
    return `A value that opens with ${shown} must be quoted, or YAML reads it as its own syntax, not as text${running.over}: ${running.quoted}.${running.note}`;
  }
  return undefined;
}

/** An unquoted value a hint quotes, with the lines below it that it runs on over. */
interface RunningValue {
  /** Each of its lines, split from its comment. */
  lines: Commented[];
  /** The line to write, in backticks: the value quoted, its comments after it. */
  quoted: string;
  /** What the hint says of the lines it runs on over, before the line to write; empty for a value on one line. */
  over: string;
  /** What the hint says of a comment that may be text (`commentNote`). */
  note: string;
}

/**
 * The value `first` on the line at `offset` (`line`), with the lines below it that it runs on over: one value to YAML,
 * folded into one line, so the quotes go around all of it. Each line's comment is no part of it: the quotes close before
 * it, and it follows them.
 */
function runningValue(source: string, offset: number, line: string, first: string, key: string): RunningValue {
  const more = continuedLines(source, offset, line);
  // A value that opens with a quoted word (`"Asan" centre: opens`) is text, the word's quotes too: a `#` inside them is no comment.
  const quoted = /^["']/.test(first) ? Math.max(first.indexOf(first[0]!, 1), 0) : 0;
  const lines = [first, ...more].map((text, index) => splitComment(text, index === 0 ? quoted : 0));
  const value = foldLines(lines.map((part) => part.text));
  // A comment above the value's last line ends the value to YAML, which then cannot read the lines below: it goes after the quotes.
  const moved = lines.slice(0, -1).some((part) => part.comment !== '');
  const after = lines.map((part) => afterQuote(part.gap, part.comment)).join('');
  const over = more.length === 0 ? ''
    : `; this one runs on over ${more.length === 1 ? 'the next line' : `the next ${more.length} lines`}, and the quotes go around all of it${moved ? ' (its comments after them: a comment ends a value)' : ''}`;
  const note = moved ? '' : commentNote({ ...FRESH, ...lines.at(-1)!, text: value }, key);
  return { lines, quoted: quoteYaml(value, key, more.length > 0, after), over, note };
}

/** The fields of a release that hold text, whose values may open with any character. */
const TEXT_KEYS = new Set(['title', 'subtitle', 'summary', 'location', 'withdrawn_reason', 'name', 'role', 'alt', 'caption', 'credit']);

/**
 * A comment right after a plain value on its line that reads as part of the
 * value: `#` followed at once by a word (`Centre #2 opens`, `#Ganja`), where
 * an author's own comment is written `# like this`.
 */
function commentAfter(source: string, valueEnd: number): { start: number; end: number; comment: string } | undefined {
  const pattern = /[ \t]+(#[^\s#][^\r\n]*)/y;
  pattern.lastIndex = valueEnd;
  const match = pattern.exec(source);
  if (!match) return undefined;
  const comment = match[1]!.trimEnd();
  const start = valueEnd + match[0].length - match[1]!.length;
  return { start, end: start + comment.length, comment };
}

interface DuplicateKey {
  key: string;
  range: [number, number];
  first: [number, number];
}

/** Every repeated scalar key, in document order, with the place of its first use: one look-up per key. */
function duplicateKeys(doc: Document): DuplicateKey[] {
  const pending: unknown[] = [doc.contents];
  const found: DuplicateKey[] = [];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const firsts = new Map<string, [number, number]>();
      for (const pair of node.items) {
        pending.push(pair.key, pair.value);
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const name = String(pair.key.value);
        const range: [number, number] = [pair.key.range[0], pair.key.range[1]];
        const first = firsts.get(name);
        if (first) found.push({ key: name, range, first });
        else firsts.set(name, range);
      }
    }
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/** Each mapping's pairs by key text, made once per mapping: keys are compared as text, and turning a collection key into text is costly. */
const pairIndexes = new WeakMap<object, Map<string, Pair>>();

function pairByKey(map: { items: Pair[] }, segment: PropertyKey): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const name = dataKey(pair.key);
      // The last of a repeated key's pairs, whose value the data holds (see `YamlData.checkable`).
      if (name !== undefined) index.set(name, pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(String(segment));
}

/**
 * A key as the data names it: a scalar's value; a collection's YAML text in
 * flow style. An alias (`*anchor` as a key) names nothing here: it cannot be
 * written out without its document, and a diagnostic then points at the
 * mapping instead.
 */
function dataKey(key: unknown): string | undefined {
  // As YAML names it in the data: a key written `null`, `~` or as nothing is the empty name.
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  if (isAlias(key)) return undefined;
  try {
    return stringify(key, { collectionStyle: 'flow' }).trim();
  } catch {
    return undefined;
  }
}

function locateInDocument(doc: Document | undefined, at: At, keyPath: readonly PropertyKey[], part: 'key' | 'value', file: string, closeLine: number, source: string): Location {
  const block: Location = { file, line: 1, column: 1, ...(closeLine > 0 ? { endLine: closeLine, endColumn: 4 } : {}) };
  let node: unknown = doc?.contents;
  if (!node || !isMap(node)) return block;
  // A missing key points at the mapping that should hold it.
  let fallback: Location = rangeLocation(at, node, file) ?? block;
  for (const [i, segment] of keyPath.entries()) {
    let pair: Pair | undefined;
    if (isMap(node)) {
      pair = pairByKey(node, segment);
      if (!pair) return fallback;
      const isLast = i === keyPath.length - 1;
      if (isLast && part === 'key') return rangeLocation(at, pair.key, file) ?? fallback;
      if (pair.value === null || pair.value === undefined) return rangeLocation(at, pair.key, file) ?? fallback;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined || item === null) return fallback;
      node = item;
    } else {
      return fallback;
    }
    if (isAlias(node)) return rangeLocation(at, node, file) ?? fallback;
    fallback = rangeLocation(at, node, file, source) ?? fallback;
  }
  return fallback;
}

function rangeLocation(at: At, node: unknown, _file: string, source?: string): Location | undefined {
  if (!node || typeof node !== 'object' || isPair(node)) return undefined;
  const range = (node as Node).range;
  if (!range) return undefined;
  let start = range[0];
  // A value left empty (`title:` and spaces an editor kept) is placed by the parser where it stopped looking for one, past the
  // spaces: it is reported just after the colon, as for `title:` alone, not in blank space a code frame does not even show.
  if (source !== undefined && isScalar(node) && node.value === null && range[1] === start && /^(?:[\r\n]|$)/.test(source.charAt(start))) {
    while (start > 0 && (source.charAt(start - 1) === ' ' || source.charAt(start - 1) === '\t')) start--;
  }
  return at(start, range[1]);
}

/** Front matter starts right after the opening `---`, so its line 1 is the file's line 1 shifted by three columns. */
function toLocation(lineCounter: LineCounter, start: number, end: number | undefined, file: string, shift: number): Location {
  const a = lineCounter.linePos(start);
  const location: Location = { file, line: a.line, column: a.line === 1 ? a.col + shift : a.col };
  if (end !== undefined && end > start) {
    const b = lineCounter.linePos(end);
    location.endLine = b.line;
    location.endColumn = b.line === 1 ? b.col + shift : b.col;
  }
  return location;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function describeNode(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'empty' : `the single value ${quote(node.value, EXCERPT)}`;
  return 'not a mapping';
}

function errorMessage(cause: unknown): string {
  const message = (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
  const short = message.length > 2 * EXCERPT ? `${headOf(message, 2 * EXCERPT)}…` : message;
  return printable(short.replace(/\.$/, ''));
}

/**
 * Longest excerpt of a file a message may quote. The file may not be what it
 * claims (a link to a key, say), and messages are shown in build logs and on
 * pull requests: a short, escaped excerpt names the place, never the content.
 */
export const EXCERPT = 40;

/** A key as messages show it: in backticks when short and plain, else quoted and cut. */
function keyName(key: string): string {
  return key.length <= EXCERPT && /^[\p{L}\p{N}_.-]+$/u.test(key) ? `\`${key}\`` : quote(key, EXCERPT);
}

function sentence(message: string): string {
  const flat = message.trim().replace(/\s+/g, ' ');
  // The YAML parser quotes the source in some messages (an unknown anchor, a tag): keep that short too.
  const trimmed = flat.length > 2 * EXCERPT ? `${printable(headOf(flat, 2 * EXCERPT))}…` : printable(flat);
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
