import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import juice from 'juice';
import MailComposer from 'nodemailer/lib/mail-composer';
import { mailDate } from './dates.js';
import { isolatedInText } from './characters.js';
import { imageFileType, type ImageFact, type ImageFacts } from './images.js';
import { statusLabel } from './labels.js';
import { localeFor } from './locale/index.js';
import { HAS_SCHEME } from './markdown.js';
import { localizedValue, type ReleaseView } from './model.js';
import type { EmailConfig, Language, Mailbox } from './schema.js';
import { FRESH } from './objects.js';
import { distinctRecipients } from './recipients.js';
import { lookalikePhrase, unstructuredHeader } from './mail-header.js';
import { escapeHtml } from './text.js';

/**
 * A release as an RFC 5322 message (`.eml`), ready to open in a mail client
 * and send: `multipart/alternative` with the plain text and the HTML, whose
 * CSS is inlined because most mail clients drop `<style>`. The message is a
 * function of its inputs: the same release gives the same bytes, so builds
 * stay reproducible (no random boundary, no clock).
 */

export interface EmailParts {
  /** The HTML rendering of the release (the email template set's). */
  html: string;
  /** The plain-text rendering. */
  text: string;
  /** The set's labels in the release's language, for the subject line. */
  labels?: Readonly<Record<string, string>>;
}

/**
 * A local image a message carries in a part of its own, which its HTML shows
 * at `cid:` (RFC 2392): where the site has no address (no `site.url`), the
 * only way a mail client shows it.
 */
export interface InlineImage {
  /** Where the build copies it in the output folder (`en/new-centre/centre.jpg`): what names it in the message. */
  path: string;
  bytes: Uint8Array;
}

/** The Content-ID of the part that carries the image copied at `path`: the same in every build, for the same path and sender. */
function inlineImageId(path: string, email: EmailConfig): string {
  return `${createHash('sha256').update(path).digest('hex').slice(0, 24)}@${domainOf(email.from)}`;
}

/** A release's local images as its message shows them: each at the `cid:` address of the part that carries it. */
export function inlineImageFacts(images: ImageFacts, email: EmailConfig): ImageFacts {
  const shown: Record<string, ImageFact> = Object.create(null) as Record<string, ImageFact>;
  for (const [src, fact] of Object.entries(images)) shown[src] = { ...FRESH, ...fact, href: `cid:${inlineImageId(fact.path, email)}` };
  return shown;
}

/**
 * The subject line: the headline, after the embargo line when there is one,
 * in the words of the set's labels (`not_for_publication`, the status's
 * `status_<status>`, `embargoed`: English by default, as wire services
 * expect) and the language's own upper case.
 */
export function emailSubject(view: ReleaseView, labels: Readonly<Record<string, string>> = {}): string {
  const upper = localeFor(view.release.lang).upper;
  const prefixes: string[] = [];
  if (!view.release.publishable) prefixes.push(`${labels.not_for_publication ?? 'NOT FOR PUBLICATION'} (${statusLabel(view.release.status, labels)})`);
  // The Latin label before the embargo's date is isolated in a right-to-left release, as the release line is: a digit after it would
  // be laid out as part of it (`EMBARGOED UNTIL 5` on one side, `يوليو 2026` on the other).
  if (view.embargoed && view.dates.embargo) prefixes.push(`${isolatedInText(labels.embargoed ?? 'EMBARGOED UNTIL', view.release.dir)} ${upper(view.dates.embargo)}`);
  const subject = prefixes.length > 0 ? `${prefixes.join(' — ')}: ${view.release.title}` : view.release.title;
  // A subject has no `dir`: a mail client takes its direction from its first letter, as it does a line of the text part, so a
  // right-to-left release's subject that opens with the Latin embargo line or a number would run left to right, its date and title
  // out of order. It opens with a right-to-left mark (U+200F), as each line of the text part does.
  return view.release.dir === 'rtl' ? `\u200F${subject}` : subject;
}

function mailbox(value: Mailbox, lang: Language): string | { name: string; address: string } {
  if (typeof value === 'string') return value;
  const name = localizedValue(value.name, lang);
  return name ? { name, address: value.address } : value.address;
}

function domainOf(value: Mailbox): string {
  const address = typeof value === 'string' ? value : value.address;
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * An id as the left part of a Message-ID, which RFC 5322 wants a dot-atom:
 * an id may hold `..` (`a..b`), which no dot-atom does, so a run of dots is
 * one. The digest after it still tells such ids apart.
 */
function messageIdLeft(id: string): string {
  return id.replace(/\.{2,}/g, '.');
}

/**
 * Deepest nesting of elements in the HTML of a message. The CSS inliner
 * writes the page out again by recursion, a few calls a level: a template
 * that opened 5,000 elements without closing them ran it out of stack.
 */
export const MAX_EMAIL_NESTING = 256;

/**
 * Most elements a message's HTML may have: the CSS inliner holds each in a
 * tree with the styles worked out for it (a body of 470,000 elements, a
 * megabyte of one-item lists, took 27 s and 1.5 GB; 47,000 take 2 s).
 */
export const MAX_EMAIL_ELEMENTS = 50_000;

/**
 * Most pairs of an element and a selector of the message's styles: the
 * inliner matches each selector against every element, outside the render's
 * own limits (a set's 1,000 rules over 20,000 paragraphs took 21 s). The
 * built-in set's two dozen selectors leave room for `MAX_EMAIL_ELEMENTS`.
 */
export const MAX_EMAIL_STYLE_WORK = 5_000_000;

/**
 * Most pairs of an element and a declaration the inliner may write into it:
 * each selector that matches an element writes all its rule's declarations
 * there, some 3 µs and 150 bytes each: a rule of 40,000 declarations
 * (`p { color: red; color: red; … }`, half a megabyte) over 2,000 paragraphs,
 * within the selector pairs above, ran a minute and out of memory. A
 * declaration is counted once for each selector of its rule; the built-in
 * set's 67 leave room for `MAX_EMAIL_ELEMENTS`, and a message at the limit
 * takes as long as one at the selectors' (some 15 s).
 */
export const MAX_EMAIL_DECLARATION_WORK = 5_000_000;

/** What the inliner works through in a message's styles (see `styleWork`). */
export interface StyleWork {
  /** Each rule's selectors, `a, b` counted as two, an at-rule's block (`@media`) as one and the rules inside it as their own. */
  selectors: number;
  /** Each rule's declarations, counted once for each of its selectors: what it may write into one element that all match. */
  declarations: number;
}

/** The selectors of the `<style>` elements of `html`, as the inliner matches them (see `styleWork`). */
export function styleSelectors(html: string): number {
  return styleWork(html).selectors;
}

/** The selectors and declarations of the `<style>` elements of `html`, as the inliner reads them. Read in one pass. */
export function styleWork(html: string): StyleWork {
  const lower = html.toLowerCase();
  const work: StyleWork = { selectors: 0, declarations: 0 };
  for (let at = lower.indexOf('<style'); at !== -1;) {
    const open = lower.indexOf('>', at);
    if (open === -1) break;
    const close = lower.indexOf('</style', open);
    styleWorkIn(html.slice(open + 1, close === -1 ? html.length : close), work);
    if (close === -1) break;
    at = lower.indexOf('<style', close);
  }
  return work;
}

function styleWorkIn(css: string, work: StyleWork): void {
  /** The blocks open, each `true` where it holds rules (an at-rule's), `false` where it holds declarations. */
  const blocks: boolean[] = [];
  /** For each block open, the selectors of its rule, which each of its declarations is written for. */
  const weights: number[] = [];
  let commas = 0;
  let started = false;
  let atRule = false;
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    const amongRules = blocks.length === 0 || blocks[blocks.length - 1] === true;
    // A declaration starts at its first character that is not blank; a `;`, `{` or `}` ends it.
    if (!amongRules && !started && c !== ';' && c !== '{' && c !== '}' && c.trim() !== '') {
      started = true;
      work.declarations += weights[weights.length - 1] ?? 0;
    }
    // A quoted string or an escaped character is no brace or comma of the sheet (`a[title="{"]` would make the rules after it declarations).
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (c === '{') {
      if (amongRules) work.selectors += 1 + commas;
      weights.push(amongRules ? 1 + commas : weights[weights.length - 1] ?? 0);
      blocks.push(amongRules && atRule);
    } else if (c === '}') {
      blocks.pop();
      weights.pop();
    } else if (amongRules && c !== ';') {
      if (!started && c.trim() !== '') {
        started = true;
        atRule = c === '@';
      }
      if (c === ',') commas++;
      continue;
    } else if (!amongRules && c !== ';') {
      continue;
    }
    commas = 0;
    started = false;
    atRule = false;
  }
}

/**
 * The CSS inliner failed on a message's styles, which the template set
 * wrote: a rule nested in another's declarations (`p { color: red; a { … } }`)
 * made it read a property of nothing, and at-rules nested thousands deep
 * (`@media x { @media x { …`) ran it out of stack. `reason` is its own word.
 */
export class UnreadableStyles extends Error {
  constructor(readonly reason: string) {
    super(`The CSS inliner could not read the message's styles: ${reason}`);
    this.name = 'UnreadableStyles';
  }
}

/** CSS inlined into every element it applies to; media queries stay in a `<style>` for the clients that read them. */
export function inlineCss(html: string): string {
  // juice keeps Handlebars and EJS tags (`{{ … }}`, `<% … %>`) out of its parse and puts each back with a pattern over the whole
  // page: a body of 20,000 `{{a}}` took 18 s to compose. A message holds no tags for another tool, so none is kept, for this call.
  const codeBlocks = { ...FRESH, ...juice.codeBlocks };
  for (const name of Object.keys(codeBlocks)) delete juice.codeBlocks[name];
  try {
    // No height attributes: the sheet's `height: auto` would become `height="auto"`, which HTML does not allow.
    return juice(html, { preserveMediaQueries: true, preserveImportant: true, removeStyleTags: true, applyWidthAttributes: true, applyHeightAttributes: false, applyAttributesTableElements: true });
  } catch (cause) {
    throw new UnreadableStyles(cause instanceof Error ? cause.message : String(cause));
  } finally {
    Object.assign(juice.codeBlocks, codeBlocks);
  }
}

/** The elements whose `href` is a link a reader follows, rather than a file the client fetches (a stylesheet's). */
const LINK_ELEMENTS: ReadonlySet<string> = new Set(['a', 'area']);

/** The attributes of a message's HTML that name a page, an image or another file to fetch. */
const ADDRESS_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'srcset', 'poster', 'background']);

/** Whether `address` is written relative to the page: not empty, with no scheme (`https:`, `mailto:`, `cid:`), not within the message (`#main`). */
function isRelativeAddress(address: string): boolean {
  const trimmed = address.trim();
  return trimmed !== '' && !trimmed.startsWith('#') && !HAS_SCHEME.test(trimmed);
}

/** `address` resolved against `base`, unless it has a scheme (`https:`, `mailto:`, `cid:`) or leads within the message (`#main`). */
function fullAddress(address: string, base: string): string {
  const trimmed = address.trim();
  if (!isRelativeAddress(address)) return address;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return address;
  }
}

/**
 * A message's HTML with every address written relative to the release's page (`../index.html`, `tags/visa.html`, the
 * header's `../logo.png`, a server-root `/static/p.png`) made the full address it has on the page: a message is read in a
 * mail client, away from the page, where such a link leads nowhere and such an image shows broken. A set made for the
 * site's pages, which `--template` names for `eml` too, writes its navigation and its logo so; the body's own addresses
 * are full already (`body_html_document`). Without the page's full address (no `site.url`) there is nothing to resolve
 * against: a link written relative to the page (a translation's page, a tag page, a body's `rates.html`) loses its
 * address and keeps its text, since in a mail client it would lead nowhere. Attributes are found by an HTML parser, so
 * that text, comments and scripts are never touched.
 */
export function messageAddresses(html: string, pageUrl: string | null): string {
  if (pageUrl === null && !html.includes('href')) return html;
  const edits: { start: number; end: number; text: string }[] = [];
  let element = '';
  const parser = new Parser({
    onopentagname(name) {
      element = name;
    },
    onattribute(name, value) {
      if (!ADDRESS_ATTRIBUTES.has(name)) return;
      if (pageUrl === null) {
        // The text of a link stays, without the address it cannot be followed to; an image's is left as the set wrote it.
        if (name === 'href' && LINK_ELEMENTS.has(element) && isRelativeAddress(value)) edits.push({ start: parser.startIndex, end: parser.endIndex, text: '' });
        return;
      }
      const resolved = name === 'srcset'
        ? value.split(',').map((candidate) => candidate.replace(/^(\s*)(\S+)/, (_, space: string, url: string) => space + fullAddress(url, pageUrl))).join(',')
        : fullAddress(value, pageUrl);
      // The parser's indices span the attribute as written, its name to its value's end (`href="…"`, `src='…'`, `href=…`).
      if (resolved !== value) edits.push({ start: parser.startIndex, end: parser.endIndex, text: `${name}="${escapeHtml(resolved)}"` });
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true });
  parser.end(html);
  if (edits.length === 0) return html;
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}

/** `text` with every line ending a CRLF. */
function withCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export async function composeEmail(view: ReleaseView, parts: EmailParts, config: EmailConfig, images: readonly InlineImage[] = []): Promise<string> {
  const lang = view.release.lang;
  // An address named twice (in `to` and `cc`, or in other letters) is written once: the config file is warned of it.
  const email = distinctRecipients(config);
  const html = inlineCss(messageAddresses(parts.html, view.release.canonical_url));
  const hash = createHash('sha256').update(`${view.release.id}\n${lang}\n${html}\n${parts.text}`);
  // A photo replaced under the same name is another message.
  for (const image of images) hash.update(image.bytes);
  const digest = hash.digest('hex');
  const composer = new MailComposer({
    from: mailbox(email.from, lang),
    ...(email.to ? { to: email.to.map((m) => mailbox(m, lang)) } : {}),
    ...(email.cc ? { cc: email.cc.map((m) => mailbox(m, lang)) } : {}),
    ...(email.bcc ? { bcc: email.bcc.map((m) => mailbox(m, lang)) } : {}),
    ...(email.replyTo ? { replyTo: mailbox(email.replyTo, lang) } : {}),
    // Printable ASCII is written as mail-header.ts decides, not as nodemailer would: a prepared value, which nodemailer's types
    // allow only in `headers`, but which it reads here too, and which keeps the Subject in its place among the headers.
    subject: unstructuredHeader('Subject', emailSubject(view, parts.labels)) as string,
    // The Date is the release's own time, not the time of the build, with its own offset: in UTC a midnight release would show the day before.
    date: mailDate(view.dates.published_iso) ?? new Date(view.dates.published_iso),
    messageId: `<${messageIdLeft(view.release.id)}.${lang}.${digest.slice(0, 12)}@${domainOf(email.from)}>`,
    // Text parts travel in their canonical form, lines ending in CRLF (RFC 2046), inside base64 too.
    text: withCrlf(parts.text),
    html: withCrlf(html),
    // Beside the HTML, in a multipart/related part with it, each image once, however often the message shows it.
    ...(images.length > 0 ? { attachments: images.map((image) => ({
      cid: inlineImageId(image.path, email), content: Buffer.from(image.bytes), filename: image.path.slice(image.path.lastIndexOf('/') + 1),
      contentType: imageFileType(image.path) ?? 'application/octet-stream', contentDisposition: 'inline' as const,
    })) } : {}),
    headers: {
      'Content-Language': lang,
      // Outlook opens a message with this header as a draft to send, not as a received message.
      'X-Unsent': '1',
    },
    textEncoding: 'B',
    baseBoundary: digest.slice(0, 24),
    boundaryPrefix: '--_mn',
    newline: '\r\n',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const node = composer.compile();
  // A draft keeps its Bcc line, for the sender to see and the mail client to honour.
  node.keepBcc = true;
  // nodemailer quotes a printable ASCII display name, but one that reads as an encoded-word (`=?UTF-8?B?aGk=?=`) is decoded by
  // mail readers even in quotes: such a name goes out as encoded-words of its own. The method is nodemailer's, not in its types.
  const names = node as unknown as { _encodeAddressName(name: string): string };
  const encodeName = names._encodeAddressName.bind(node);
  names._encodeAddressName = (name) => lookalikePhrase(name) ?? encodeName(name);
  const message = await node.build();
  return message.toString('utf8');
}
