import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodeHTMLAttribute } from 'entities';
import type { Readable, Writable } from 'node:stream';
import { BIN, ROOT, fixture, testCacheHome, type CliResult } from './cli.js';

/** The adversarial corpus: one folder per class of attack. */
export const HOSTILE = join(ROOT, 'test', 'fixtures', 'hostile');

/** A throwaway copy of corpus folders (by name), each under its own name, so tests never write next to the originals. */
export async function copyCorpus(...folders: string[]): Promise<string> {
  const dir = await fixture({});
  for (const folder of folders) await cp(join(HOSTILE, folder), join(dir, folder), { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** The build's record of what it wrote, in every output folder (`src/io/output.ts`). */
export const MANIFEST = '.migration-news-manifest.json';

/**
 * Every file and symbolic link under `dir` (links are listed, never
 * followed), as sorted `/`-separated relative paths; without the build's
 * manifest unless `withManifest`.
 */
export async function listTree(dir: string, withManifest = false): Promise<string[]> {
  return (await treeEntries(dir, withManifest)).map(([file]) => file);
}

/** Every entry `listTree` lists, sorted by path, with whether it is a symbolic link, as its folder's listing says. */
async function treeEntries(dir: string, withManifest: boolean): Promise<[string, boolean][]> {
  const files: [string, boolean][] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) await walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (withManifest || entry.name !== MANIFEST) files.push([`${prefix}${entry.name}`, entry.isSymbolicLink()]);
    }
  };
  await walk(dir, '');
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * sha256 of every file under `dir`, by relative path: equal before and after means nothing was touched. From the one
 * walk of the tree, whose listings say which entries are links: no second look at each file.
 */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const [file, link] of await treeEntries(dir, false)) {
    hashes[file] = link ? 'symlink' : createHash('sha256').update(await readFile(join(dir, file))).digest('hex');
  }
  return hashes;
}

export const relativeTo = (dir: string, path: string) => relative(dir, path).split(sep).join('/');

interface Element {
  name: string;
  attributes: { name: string; value: string }[];
  /** For raw-text elements (script, style): their content. */
  text?: string;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

/**
 * A small HTML tokenizer after the HTML standard's tokenization rules:
 * comments, doctype, tags with quoted, unquoted and valueless attributes,
 * and raw-text elements whose content runs to their end tag. Enough to find
 * every element and attribute a browser would create from our output.
 */
export function elementsOf(html: string): Element[] {
  const elements: Element[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    if (html[lt + 1] === '/') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(html[lt + 1] ?? '')) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < html.length && !/[\s/>]/.test(html[j]!)) j++;
    const element: Element = { name: html.slice(lt + 1, j).toLowerCase(), attributes: [] };
    // Attributes until the tag closes.
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j++;
      if (j >= html.length || html[j] === '>') break;
      let k = j;
      while (k < html.length && !/[\s/>=]/.test(html[k]!)) k++;
      if (k === j) k++; // a stray "=" starts a name of its own
      const name = html.slice(j, k).toLowerCase();
      j = k;
      while (j < html.length && /\s/.test(html[j]!)) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < html.length && /\s/.test(html[j]!)) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end === -1 ? html.length : end);
          j = end === -1 ? html.length : end + 1;
        } else {
          let end = j;
          while (end < html.length && !/[\s>]/.test(html[end]!)) end++;
          value = html.slice(j, end);
          j = end;
        }
      }
      element.attributes.push({ name, value: decodeHTMLAttribute(value) });
    }
    i = j + 1;
    if (RAW_TEXT.has(element.name)) {
      const close = html.slice(i).search(new RegExp(`</${element.name}[\\s/>]`, 'i'));
      element.text = close === -1 ? html.slice(i) : html.slice(i, i + close);
      i = close === -1 ? html.length : i + close;
    }
    elements.push(element);
  }
  return elements;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background', 'cite', 'longdesc', 'ping', 'manifest', 'codebase', 'dynsrc', 'lowsrc']);
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'object', 'embed', 'applet', 'base', 'form', 'svg', 'math', 'portal', 'frameset']);

/** The scheme a browser would see in a URL attribute, or '' for a relative URL. Independent of the code under test. */
export function schemeOf(url: string): string {
  // Leading C0 controls and spaces are stripped, tabs and newlines removed anywhere (URL standard).
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : '';
}

// tel: is what templates write for the validated telephone numbers of contacts.
const SAFE_SCHEMES = new Set(['', 'http', 'https', 'mailto', 'tel']);

/** Every way a page could run script: what a safe page must not contain. Empty when the page is safe. */
export function scriptHazards(html: string): string[] {
  const problems: string[] = [];
  for (const element of elementsOf(html)) {
    if (element.name === 'script') {
      const type = element.attributes.find((a) => a.name === 'type')?.value;
      if (type !== 'application/ld+json') problems.push(`<script type=${JSON.stringify(type)}>`);
      else if (/<\/script|<!--/i.test(element.text ?? '')) problems.push('a JSON-LD block that could end early');
      else {
        try {
          JSON.parse(element.text ?? '');
        } catch {
          problems.push('a JSON-LD block that is not JSON');
        }
      }
    }
    if (FORBIDDEN_ELEMENTS.has(element.name)) problems.push(`<${element.name}>`);
    if (element.name === 'meta' && element.attributes.some((a) => a.name === 'http-equiv' && /refresh/i.test(a.value))) problems.push('<meta http-equiv=refresh>');
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) problems.push(`<${element.name} ${name}=…>`);
      if (name === 'style' && /javascript:|expression\s*\(|url\s*\(/i.test(value)) problems.push(`<${element.name} style="${value}">`);
      if (URL_ATTRIBUTES.has(name)) {
        const urls = name === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value];
        for (const url of urls) if (!SAFE_SCHEMES.has(schemeOf(url))) problems.push(`<${element.name} ${name}="${url}">`);
      }
    }
  }
  return problems;
}

/** Characters that drive a terminal or reorder text; none may reach stdout or stderr raw. */
// eslint-disable-next-line no-control-regex
export const TERMINAL_HAZARDS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s+at .+(?:\(|:\d+)/m;

/** A hostile input's release head: the fields a release needs, before its body. */
export const HOSTILE_HEAD = '---\ntitle: Resources\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n';

/** Runs `run` and adds how long it took, in milliseconds, to what it gave. */
export async function timed<T>(run: () => Promise<T>): Promise<T & { ms: number }> {
  const started = performance.now();
  const result = await run();
  return { ...result, ms: performance.now() - started };
}

/** What a measured run of the real binary cost: wall time and the peak resident memory of its process. */
export interface MeasuredRun extends CliResult {
  ms: number;
  peakMiB: number;
}

// Reports the process's own peak memory on a spare file descriptor as it exits. On Linux, from /proc/self/status (VmHWM,
// the peak of this program's own memory): getrusage's maxRSS keeps the peak of the process it was forked from across exec,
// so a child of a test worker that had grown past the bound reported the worker's peak, not its own.
const MEASURE = 'data:text/javascript,import{readFileSync,writeSync}from"node:fs";process.on("exit",()=>{try{let maxRSS=process.resourceUsage().maxRSS;try{const m=/VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status","utf8"));if(m)maxRSS=Number(m[1])}catch{}writeSync(3,JSON.stringify({maxRSS}))}catch{}})';

/**
 * Runs the real CLI as a subprocess and measures it, for the loose time and
 * memory bounds of hostile inputs. `input` may be a function that writes to
 * standard input for as long as the process reads it; `node` holds options
 * for Node itself, such as a smaller stack.
 */
export function runMeasured(args: readonly string[], options: { cwd: string; input?: string | Buffer | ((stdin: Writable) => void); node?: readonly string[] }): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.node ?? []), '--import', MEASURE, BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CACHE_HOME: testCacheHome(), NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let usage = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    (child.stdio[3] as Readable).setEncoding('utf8').on('data', (d: string) => (usage += d));
    child.stdin!.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const maxRSS = usage ? (JSON.parse(usage) as { maxRSS: number }).maxRSS : Number.NaN;
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, peakMiB: maxRSS / 1024 });
    });
    if (typeof options.input === 'function') options.input(child.stdin!);
    else child.stdin!.end(options.input ?? '');
  });
}
