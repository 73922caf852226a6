import { decodeXML } from 'entities';
import { Parser } from 'htmlparser2';
import type { Location } from './diagnostic.js';
import { isReservedName, slugify } from './slug.js';
import { languageFolder } from './site/paths.js';

/**
 * Local images: an `image.src` or a body image written as a relative path
 * (`photos/centre.jpg`) names a file beside the release. The build copies it
 * next to the release's page and points the page at the copy, with the
 * image's width and height. This module is the pure half: which references
 * are local, where each copy goes, and how a page links it. Reading the
 * files is the I/O edge's (`src/io/images.ts`); what it found is handed
 * back here as data (`ImageFacts`).
 */

/** One reference to a local image, where the author wrote it. */
export interface LocalImageRef extends Location {
  /** The address as written (`photos/centre.jpg`). */
  src: string;
  /** The text of the line, for the code frame of a diagnostic found long after the text is gone. */
  sourceLine?: string;
}

/** The formats a browser shows in `<img>`, by the type `image-size` detects, with the extension the copy gets. */
export const WEB_IMAGE_TYPES: Readonly<Record<string, string>> = { png: 'png', jpg: 'jpg', gif: 'gif', webp: 'webp', avif: 'avif', svg: 'svg' };

/** What the build found for one local image of a release, by the `src` as written. */
export interface ImageFact {
  /** Where the copy goes, inside the output folder (`en/new-centre/centre.jpg`). */
  path: string;
  /** The copy as the page links it: relative to the page (`new-centre/centre.jpg`). */
  href: string;
  width?: number;
  height?: number;
  /** The file's size in bytes, which a feed's enclosure gives as its length. */
  bytes?: number;
}

/**
 * The most bytes of local images one e-mail message carries in parts of its own (where the site has no address for them):
 * mail servers refuse messages of some 10 to 25 MB, and base64 makes the bytes a third larger.
 */
export const MAX_CARRIED_IMAGE_BYTES = 10 * 1024 * 1024;

/** A release's local images, by `src` as written; a reference missing from it is left as written. */
export type ImageFacts = Readonly<Record<string, ImageFact>>;

/** The media type of each extension of `WEB_IMAGE_TYPES`, and the other spelling of JPEG's. */
const IMAGE_MEDIA_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml',
};

/**
 * The media type an image URL's extension names (`Photo.JPG` → `image/jpeg`),
 * or null when its path ends in none of a format browsers show: what a
 * feed's enclosure says the image is. A copied image's extension is that of
 * the format its bytes are in.
 */
export function imageMediaType(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  return imageFileType(path);
}

/** The media type a file's extension names (`en/new-centre/centre.jpg` → `image/jpeg`), or null for none of `IMAGE_MEDIA_TYPES`. */
export function imageFileType(path: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? null : IMAGE_MEDIA_TYPES[extension] ?? null;
}

/**
 * Whether an image address names a file of the project: a relative path,
 * without a scheme, a leading slash (the site's root, which the build does
 * not know) or a fragment. Remote images (`https://…`) are left alone.
 */
export function isLocalImage(src: string): boolean {
  const trimmed = src.trim();
  if (trimmed === '' || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed)) return false;
  return !/^[/\\#?]/.test(trimmed);
}

/**
 * The file a local address names, relative to the release's folder: the
 * query and fragment dropped, percent-escapes decoded (`my%20photo.jpg`).
 * Undefined when it cannot name a file (a NUL, a broken escape).
 */
export function imageFilePath(src: string): string | undefined {
  const path = src.trim().replace(/[?#].*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.includes('\0')) return undefined;
  return decoded;
}

/** The folder a release's copied images go in: beside its page, named by its slug (`en/new-centre/`). */
export function imageFolder(lang: string, slug: string): string {
  return `${languageFolder(lang)}/${slug}`;
}

/**
 * The name of a copy: the file's own name made safe for every file system
 * and URL (lower-case ASCII), with the extension of the format its bytes are
 * in, so that a file named `.html` can never be served as a page. A name
 * Windows reserves for a device (`nul.png`, `com1.jpg`) gets `-image`
 * (`nul-image.png`), as a reserved tag or slug gets a longer name: the
 * output refuses to write it, and a site copied to Windows could not hold
 * it. `taken` holds the names already given in the folder; a clash gets
 * `-2`, `-3` …
 */
export function imageCopyName(fileName: string, type: string, taken: ReadonlySet<string>): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const slug = slugify(stem, undefined, 80) || 'image';
  const base = isReservedName(slug) ? `${slug}-image` : slug;
  const extension = WEB_IMAGE_TYPES[type] ?? type;
  let name = `${base}.${extension}`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.${extension}`;
  return name;
}

/**
 * The width and height a page should give the image: those of the picture
 * as shown, so an EXIF orientation that turns a JPEG on its side (5–8)
 * swaps them, as browsers do when they show it.
 */
export function displaySize(size: { width?: number | undefined; height?: number | undefined; orientation?: number | undefined }): { width?: number; height?: number } {
  const { width, height } = size;
  if (width === undefined || height === undefined || !(width > 0) || !(height > 0)) return {};
  return size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8 ? { width: height, height: width } : { width, height };
}

/** Where the copy of a local image goes and how its release's page links it; `name` is from `imageCopyName`. */
export function localImageFact(lang: string, slug: string, name: string, size: { width?: number; height?: number; bytes?: number }): ImageFact {
  return { path: `${imageFolder(lang, slug)}/${name}`, href: `${slug}/${name}`, ...size };
}

/** A namespace prefix as XML allows it, any letters: everything up to a colon but white space and markup. */
const PREFIX = String.raw`(?:[^\s<>"'/=:]+:)?`;
/** Elements that run or embed something, with or without a namespace prefix (`<s:script>`, `<é:script>`). */
const SVG_ACTIVE_ELEMENT = new RegExp(String.raw`<${PREFIX}(?:script|foreignObject|iframe|embed|object|handler|listener)\b`, 'i');
/**
 * An animation that sets an event handler or an address (`<set attributeName="onmouseover" to="…">`, `<animate
 * attributeName="href" …>`): it writes an attribute no check above sees, once the picture runs. And a `<use>` of a
 * `data:` document, a whole SVG of its own that no check above reads.
 */
const SVG_ANIMATED_ATTRIBUTE = new RegExp(String.raw`<${PREFIX}(?:set|animate|animateMotion|animateTransform|animateColor)\b[^<>]*\sattributeName\s*=\s*["']?\s*${PREFIX}(?:on[a-z]+|href)\b`, 'i');
const SVG_USE_DATA = new RegExp(String.raw`<${PREFIX}use\b[^<>]*\s${PREFIX}href\s*=\s*["']?\s*data:`, 'i');
/** An event handler attribute (`onload=`, `x:onclick =`) inside a tag, not a word before `=` in a label ("online = 62%"). */
const SVG_HANDLER = new RegExp(String.raw`<[^<>]*\s${PREFIX}on[a-z]+\s*=`, 'i');
/**
 * A named character reference other than XML's five. A browser expands the
 * HTML ones (`&colon;`) when the document type names XHTML or MathML, so
 * `javascript&colon;` would pass every check above; without such a document
 * type the reference is an error, so no drawing program writes one.
 */
const NAMED_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)[A-Za-z][A-Za-z0-9]*;/;
/** A document type naming another public identifier than SVG's own (XHTML's, MathML's: a browser then knows HTML's entities). */
const OTHER_DOCTYPE = /<!DOCTYPE\s+[^\s>]+\s+PUBLIC\s*(["'])(?!-\/\/W3C\/\/DTD SVG [^"'/]*\/\/EN\1)/i;
/**
 * Declarations, which only a document type's own subset holds (an entity
 * that could pull in a file, an attribute list that adds `onload` to every
 * element), a document type with such a subset, and a style sheet
 * instruction. `[^<[]*`: each `<!DOCTYPE` is read up to the next markup at
 * most, so ten thousand of them cost no more than one.
 */
const SVG_DECLARATIONS = /<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)\b|<!DOCTYPE[^<[]*\[|<\?xml-stylesheet\b/i;
/** A script URL, once the tabs and line breaks a URL parser drops are gone. */
const SCRIPT_URL = /(?:java|vb)script:/i;
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** An encoding other than UTF-8 named in the XML declaration. */
const OTHER_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["'](?!utf-?8["'])/i;
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';
/** Namespaces whose elements a browser would make live: HTML (a script, a frame, a form, a redirect) and MathML. */
const LIVE_NAMESPACES: ReadonlySet<string> = new Set(['http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/Math/MathML']);

/**
 * The elements of SVG 1.1 and 2 that draw, describe, paint, clip, filter
 * and animate a picture. Anything else in the SVG namespace (`script`,
 * `foreignObject`, `handler`, `listener`, `iframe`, `video`, `discard`, one
 * a later standard adds) is not copied.
 */
const SVG_PICTURE_ELEMENTS: ReadonlySet<string> = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch', 'view', 'a', 'style',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image',
  'text', 'tspan', 'textPath', 'tref', 'altGlyph', 'altGlyphDef', 'altGlyphItem', 'glyphRef',
  'font', 'font-face', 'font-face-src', 'font-face-uri', 'font-face-format', 'font-face-name', 'glyph', 'missing-glyph', 'hkern', 'vkern',
  'marker', 'pattern', 'clipPath', 'mask', 'linearGradient', 'radialGradient', 'meshgradient', 'meshrow', 'meshpatch', 'stop', 'solidcolor', 'hatch', 'hatchpath', 'color-profile', 'cursor',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting', 'feDisplacementMap',
  'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge',
  'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
  'animate', 'animateMotion', 'animateTransform', 'animateColor', 'set', 'mpath',
  // SVG 1.2's text frames, which Inkscape 0.92 wrote: browsers draw nothing of them.
  'flowRoot', 'flowRegion', 'flowPara', 'flowSpan', 'flowDiv', 'flowRegionExclude',
].map((name) => name.toLowerCase()));

/**
 * Deepest nesting of elements read in an SVG file. The XML parser goes
 * through its open elements at each tag: 200,000 unclosed `<g>` (600 KB)
 * took 25 s to check. Drawing programs nest groups some tens deep.
 */
export const MAX_SVG_NESTING = 256;

/**
 * Most attributes read on one element of an SVG file. The parser gathers an
 * element's attributes into one object before it hands them over: a single
 * `<g>` with three million of them (30 MB) took a minute and 1.6 GB to
 * check. Drawing programs write some tens.
 */
export const MAX_SVG_ATTRIBUTES = 10_000;

/** Thrown from inside the parser's callbacks to stop it at `MAX_SVG_NESTING` or `MAX_SVG_ATTRIBUTES`, with what `svgActiveContent` says of it. */
class SvgTooLarge extends Error {}

/** What `svgActiveContent` says of a file nested past `MAX_SVG_NESTING`, which is not read to its end. */
export const SVG_TOO_DEEP = `elements nested more than ${MAX_SVG_NESTING} levels deep`;

/** What `svgActiveContent` says of a file with an element past `MAX_SVG_ATTRIBUTES`, which is not read to its end. */
export const SVG_TOO_WIDE = `an element with more than ${MAX_SVG_ATTRIBUTES.toLocaleString('en')} attributes`;

/**
 * The first element, by the namespace its prefix (or the default) is bound
 * to, that is not part of a picture: one in the HTML or MathML namespace,
 * one of the SVG namespace outside `SVG_PICTURE_ELEMENTS`, or one whose
 * prefix no `xmlns:` declares. Elements of other namespaces (an editor's
 * own, `inkscape:`, `sodipodi:`, RDF metadata) are inert, as a browser
 * leaves them. An allow-list under the checks by name.
 */
function foreignElement(text: string): string | undefined {
  // The prefixes each open element declares, if any, looked up from the innermost out: copying its parent's into every
  // element made a group that declares thousands around thousands of elements cost their product (48 s for 500 KB).
  const scopes: (Map<string, string> | undefined)[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace'], ['xlink', XLINK_NAMESPACE]])];
  const namespaceOf = (prefix: string) => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const namespace = scopes[i]?.get(prefix);
      if (namespace !== undefined) return namespace;
    }
    return undefined;
  };
  let found: string | undefined;
  let attributesRead = 0;
  const parser = new Parser({
    onopentagname() {
      attributesRead = 0;
    },
    // Called for each attribute before the parser adds it to the element's object.
    onattribute() {
      if (++attributesRead > MAX_SVG_ATTRIBUTES) throw new SvgTooLarge(SVG_TOO_WIDE);
    },
    onopentag(name, attributes) {
      if (scopes.length > MAX_SVG_NESTING) throw new SvgTooLarge(SVG_TOO_DEEP);
      let scope: Map<string, string> | undefined;
      for (const [attribute, value] of Object.entries(attributes)) {
        if (attribute === 'xmlns') (scope ??= new Map()).set('', value);
        else if (attribute.startsWith('xmlns:')) (scope ??= new Map()).set(attribute.slice(6), value);
      }
      scopes.push(scope);
      if (found !== undefined) return;
      const handler = Object.keys(attributes).find((attribute) => /^on[a-z]+$/i.test(attribute.slice(attribute.indexOf(':') + 1)));
      if (handler !== undefined) {
        found = `${handler}= (an event handler)`;
        return;
      }
      const colon = name.indexOf(':');
      const prefix = colon === -1 ? '' : name.slice(0, colon);
      const local = colon === -1 ? name : name.slice(colon + 1);
      const namespace = namespaceOf(prefix);
      if (namespace === undefined) {
        if (prefix !== '') found = `<${name}> with a prefix no xmlns declares`;
      } else if (LIVE_NAMESPACES.has(namespace)) found = `<${name}> (an element of HTML or MathML)`;
      else if (namespace === SVG_NAMESPACE && !SVG_PICTURE_ELEMENTS.has(local.toLowerCase())) found = `<${name}>`;
    },
    onclosetag() {
      if (scopes.length > 1) scopes.pop();
    },
  }, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
  parser.end(text);
  return found;
}

/**
 * What makes an SVG file more than a picture, in words, or undefined when
 * it is a picture: scripts and other embedding elements, event handlers and
 * script URLs (after character references are decoded, whatever the
 * namespace prefix), declarations and style sheet instructions. A file
 * that is not strict UTF-8, holds a control character or names another
 * encoding is refused too: a browser reads it in an encoding these checks do
 * not see through.
 */
export function svgActiveContent(bytes: Uint8Array): string | undefined {
  // Read as a browser reads it, or refused: strict UTF-8, no control character but tab and line breaks (an escape
  // sequence hides markup in ISO-2022), no byte-order mark of UTF-16, no other encoding declared.
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return 'text that is not UTF-8';
  }
  if (CONTROL.test(raw) || OTHER_ENCODING.test(raw)) return 'text that is not UTF-8';
  const named = NAMED_REFERENCE.exec(raw) ?? OTHER_DOCTYPE.exec(raw);
  if (named) return JSON.stringify(named[0].trim().slice(0, 40));
  // XML's character references decoded, as a browser's XML parser reads them (`java&#115;cript:`).
  const text = decodeXML(raw);
  const found = SVG_ACTIVE_ELEMENT.exec(text) ?? SVG_HANDLER.exec(text) ?? SVG_ANIMATED_ATTRIBUTE.exec(text) ?? SVG_USE_DATA.exec(text) ?? SVG_DECLARATIONS.exec(text) ?? SCRIPT_URL.exec(text.replace(/[\t\n\r]+/g, ''));
  if (found) return JSON.stringify(found[0].trim().replace(/^<[^<>]*?\s(?=\S+\s*=$)/, '').slice(0, 40));
  // The file as written, not decoded: the parser decodes references itself.
  let foreign: string | undefined;
  try {
    foreign = foreignElement(raw);
  } catch (cause) {
    if (!(cause instanceof SvgTooLarge)) throw cause;
    return cause.message;
  }
  return foreign === undefined ? undefined : `an element that is not part of a picture, ${JSON.stringify(foreign.slice(0, 60))}`;
}
