import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BlockList, isIP, type AddressInfo } from 'node:net';
import type { Diagnostic } from '../core/diagnostic.js';
import { indexPage, injectPreview, LIVE_RELOAD_SCRIPT, PREVIEW_PREFIX, previewTags } from '../core/preview.js';
import { FRESH } from '../core/objects.js';

/**
 * The HTTP side of `serve`: Node's own `http`, serving a built site held in
 * memory, so a rebuild replaces it all at once and a reader never sees a
 * half-written page. HTML pages get the live-reload script and the overlay
 * of current problems; everything else is served as built.
 */

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  eml: 'message/rfc822',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
};

/**
 * Whether a file is a page, which gets the live-reload script and the overlay: `.html`, and `.htm` in any letter case, as an
 * alias keeps it (`/news/old.htm`, `/OLD.HTML`); a browser shows such a redirect page, and was sent it to download instead.
 */
function isPage(path: string): boolean {
  return /\.html?$/i.test(path);
}

function contentType(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot === -1 ? undefined : CONTENT_TYPES[path.slice(dot + 1).toLowerCase()]) ?? 'application/octet-stream';
}

export interface SiteSnapshot {
  /** Files by their path inside the output folder, `/`-separated. */
  files: ReadonlyMap<string, Buffer>;
  diagnostics: readonly Diagnostic[];
  /** True when the latest build failed somewhere and some pages are from an earlier one. */
  stale: boolean;
}

export interface PreviewServerOptions {
  /** The address or name to listen on; which host names are answered follows from the address it is bound to (see `answeredHosts`). */
  host: string;
  port: number;
  /**
   * Told of a failure once the server listens (a connection it could not accept, EMFILE when the process is out of
   * file descriptors), which it outlives: once for each kind of failure, since one such as EMFILE comes again with every
   * connection tried while it lasts and would flood the terminal.
   */
  onError?: (error: NodeJS.ErrnoException) => void;
}

/**
 * How many live-reload event streams may be open at once. Each holds a socket,
 * a file descriptor of this process, for as long as its page is shown: with no
 * limit, any program on this computer could open streams until the process ran
 * out of descriptors and could neither serve a page nor read a release. A page
 * holds one stream only while it is shown, so 64 leaves room for far more
 * preview tabs than anyone keeps in view.
 */
export const MAX_EVENT_STREAMS = 64;

/** How long, in seconds, a stream refused for want of room is told to wait before it asks again. */
const EVENT_STREAM_RETRY_AFTER = 5;

/** Names that reach this computer only, wherever the preview is bound: always answered while the Host header is checked. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** 127.0.0.0/8 and ::1; BlockList checks an IPv4-mapped address (::ffff:127.0.0.1) as the IPv4 address it carries. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether an address as a bound socket reports it (`127.0.0.2`, `::1`, `::ffff:127.0.0.1`) is reachable from this computer only. */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A name or address as a Host header carries it: lower case, an IPv6 address in brackets. */
function hostForm(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** The forms of a name a client may send: as given, and as a URL parser writes it (`127.1` as 127.0.0.1, `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`). */
function hostForms(name: string): string[] {
  const form = hostForm(name);
  return URL.canParse(`http://${form}/`) ? [form, new URL(`http://${form}/`).hostname] : [form];
}

export interface HostGuard {
  /** The host names answered, as `hostName` in `handle` reads them from a Host header. */
  names: ReadonlySet<string>;
  /** What a refused request is told. */
  refusal: string;
}

/**
 * Which host names a preview bound to `bound` answers to, `requested` being
 * the address or name it was asked to listen on; `undefined`: any.
 *
 * A page of any site can make a browser send requests to a name whose DNS
 * answer is then changed to this computer's address (DNS rebinding); it
 * still sends its own name in the Host header, which is why only names
 * known to be this computer are answered. That guard is needed exactly
 * when the preview is reachable from this computer only, so the decision
 * goes by the address the server was bound to, never by the name: a name
 * that resolves to 127.0.1.1 or ::1 (through /etc/hosts, say) is as local
 * as `localhost`, and a name that resolves to a LAN address opens the
 * preview to that network, whose users may reach it under any name.
 */
export function answeredHosts(bound: string, requested: string): HostGuard | undefined {
  if (!isLoopbackAddress(bound)) return undefined;
  const names = new Set([...LOOPBACK_NAMES, ...hostForms(requested), ...hostForms(bound)]);
  // The refusal names what a user would type: the usual two, the name given with --host (an address given is the one bound), and the address bound; [::1] (unless bound to) and other spellings of these go unsaid, as before.
  const given = isIP(requested.replace(/^\[(.*)\]$/, '$1')) === 0 ? [hostForm(requested)] : [];
  const named = [...new Set(['localhost', '127.0.0.1', ...given, hostForm(bound)])];
  const list = named.length === 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return { names, refusal: `This preview answers only to ${list} (see serve --host).\n` };
}

/** One `Range: bytes=…` spec (RFC 9110, 14.1.2): `first-last`, `first-` or the last `-n` bytes. */
const BYTE_RANGE = /^\s*bytes\s*=\s*(?:(\d+)\s*-\s*(\d*)|-\s*(\d+))\s*$/i;

/**
 * The bytes a `Range` header asks for of a file of `size` bytes, its last one included; `undefined` when the header is to be
 * ignored and the whole file sent (another unit, a list of ranges, a spec that is not one, its last byte before its first);
 * `unsatisfiable` when it asks for none of the file's (a first byte past its end, the last 0 bytes, any range of an empty file).
 */
export function byteRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const spec = BYTE_RANGE.exec(header);
  if (!spec) return undefined;
  const [, first, last, suffix] = spec;
  if (suffix !== undefined) {
    const length = Number(suffix);
    return length === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return undefined;
  return start >= size ? 'unsatisfiable' : { start, end: Math.min(end, size - 1) };
}

/** Whether two builds serve the same files, byte for byte, with the same problems shown over them. */
function sameSnapshot(a: SiteSnapshot, b: SiteSnapshot): boolean {
  if (a.stale !== b.stale || a.files.size !== b.files.size || a.diagnostics.length !== b.diagnostics.length) return false;
  for (const [path, bytes] of b.files) {
    const before = a.files.get(path);
    if (before === undefined || !before.equals(bytes)) return false;
  }
  return JSON.stringify(a.diagnostics) === JSON.stringify(b.diagnostics);
}

export class PreviewServer {
  private readonly server: Server;
  private readonly listeners = new Set<ServerResponse>();
  private snapshot: SiteSnapshot = { files: new Map(), diagnostics: [], stale: false };
  /**
   * The number of the build served, which an open page compares with those the event stream names. It counts on from
   * the time the server was made, in ms: a serve started again on the same port (after the page's) never names a build
   * the page has, which it would take for its own and not reload, as it did when each serve counted from 1.
   */
  private build = Date.now();
  /** The host names answered, `undefined` for any: as strict as can be until the address bound to is known. */
  private hosts: HostGuard | undefined;
  /** The kinds of failure after listening already told of. */
  private readonly failuresTold = new Set<string>();

  constructor(private readonly options: PreviewServerOptions) {
    this.hosts = answeredHosts('127.0.0.1', options.host);
    this.server = createServer((request, response) => this.handle(request, response));
  }

  /** Starts listening; resolves to the address, such as `http://127.0.0.1:5173/`. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      this.server.once('error', fail);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', fail);
        // An error event nobody listens to ends the process with a stack trace: one failed accept would stop the preview.
        // A client's own failures (a reset, a malformed request) are answered by Node's http server and never come here.
        this.server.on('error', (error) => this.failed(error));
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.hosts = answeredHosts(address.address, this.options.host);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}/`;
  }

  /**
   * Serves a new build and tells every open page to reload, unless it is
   * the build served already, byte for byte, with the same problems (a save
   * that changed nothing the preview shows): a reload would lose the
   * reader's place for nothing.
   */
  publish(snapshot: SiteSnapshot): void {
    const same = sameSnapshot(this.snapshot, snapshot);
    this.snapshot = snapshot;
    if (same) return;
    this.build++;
    const message = `event: build\ndata: ${JSON.stringify({ build: this.build, problems: snapshot.diagnostics.length })}\n\n`;
    for (const listener of this.listeners) listener.write(message);
  }

  get buildNumber(): number {
    return this.build;
  }

  async close(): Promise<void> {
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Tells `onError` of a failure, unless one of its kind (its code, or its message without one) was told of already. */
  private failed(error: NodeJS.ErrnoException): void {
    const kind = error.code ?? error.message;
    if (this.failuresTold.has(kind)) return;
    this.failuresTold.add(kind);
    this.options.onError?.(error);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const hostName = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (this.hosts && !this.hosts.names.has(hostName)) {
      this.send(response, 403, 'text/plain; charset=utf-8', this.hosts.refusal);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      this.send(response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD.\n');
      return;
    }
    let pathname: string;
    let url: URL;
    try {
      // A path is read as a path: against a base address, `//host/x` and `/\host/x` name another host, and `/x` was served for them.
      const target = request.url ?? '/';
      url = new URL(target.startsWith('/') ? `http://preview.invalid${target}` : target, 'http://preview.invalid');
      pathname = decodeURIComponent(url.pathname);
    } catch {
      this.send(response, 400, 'text/plain; charset=utf-8', 'Bad request.\n');
      return;
    }
    // A NUL is in no file's name, anywhere: a path with one is no address of a file.
    if (pathname.includes('\0')) {
      this.send(response, 400, 'text/plain; charset=utf-8', 'Bad request.\n');
      return;
    }
    const head = request.method === 'HEAD';
    // An encoded slash or backslash is a character of a name, not a separator: decoded, /en%2Fa.html was served as /en/a.html, a file
    // under another address than its own, which a check of the path before decoding (a proxy's, a browser's) reads as one file name.
    // No file of a site has either in its name.
    if (/%(?:2f|5c)/i.test(url.pathname)) {
      this.send(response, 404, 'text/plain; charset=utf-8', 'Not found: an encoded slash or backslash (%2F, %5C) separates no folders here.\n', head);
      return;
    }
    if (pathname.startsWith(PREVIEW_PREFIX)) return this.own(pathname.slice(PREVIEW_PREFIX.length), response, head);
    const path = this.resolve(pathname);
    if (path !== undefined && pathname !== '/' && !pathname.endsWith('/') && path === `${pathname.replace(/^\/+/, '')}/index.html`) {
      // A folder asked for without its final slash: the page's relative links (tags/x.html, ../index.html) are read from its address, so it is sent to the address with one.
      // One leading slash only: //en/ is another host to a browser. Not permanent: another project may be previewed on this port tomorrow.
      response.setHeader('Location', `/${url.pathname.replace(/^\/+/, '')}/${url.search}`);
      this.send(response, 302, 'text/plain; charset=utf-8', 'Moved to the folder\'s address.\n', head);
      return;
    }
    if (path === undefined) {
      const files = this.snapshot.files;
      if (pathname === '/') return this.page(response, 200, indexPage([...files.keys()], 'migration-news preview'), head);
      return this.page(response, 404, indexPage([...files.keys()], `Not found: ${pathname}`), head);
    }
    const content = this.snapshot.files.get(path)!;
    if (isPage(path)) return this.page(response, 200, content.toString('utf8'), head);
    this.file(request, response, path, content, head);
  }

  /**
   * A file as built, or the one byte range of it a request asks for (`Range: bytes=…`): a browser asks for parts of a video,
   * a recording or a long PDF to start showing it, or to seek in it. A request for several ranges gets the whole file, as
   * a server may answer one; so does a range with `If-Range`, since the preview gives no validator that could match it.
   */
  private file(request: IncomingMessage, response: ServerResponse, path: string, content: Buffer, head: boolean): void {
    const type = contentType(path);
    const asked = request.headers.range !== undefined && request.headers['if-range'] === undefined ? byteRange(request.headers.range, content.length) : undefined;
    if (asked === 'unsatisfiable') {
      this.send(response, 416, 'text/plain; charset=utf-8', `The range asked for is not within the file's ${content.length} bytes.\n`, head, { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${content.length}` });
      return;
    }
    if (asked === undefined) return this.send(response, 200, type, content, head, { 'Accept-Ranges': 'bytes' });
    this.send(response, 206, type, content.subarray(asked.start, asked.end + 1), head, { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${asked.start}-${asked.end}/${content.length}` });
  }

  /** The file for a URL path: the file itself, or a folder's index.html. */
  private resolve(pathname: string): string | undefined {
    const files = this.snapshot.files;
    const path = pathname.replace(/^\/+/, '');
    if (path !== '' && !path.endsWith('/') && files.has(path)) return path;
    const index = `${path}${path === '' || path.endsWith('/') ? '' : '/'}index.html`;
    if (files.has(index)) return index;
    if (!path.endsWith('/') && files.has(`${path}.html`)) return `${path}.html`;
    return undefined;
  }

  private page(response: ServerResponse, status: number, html: string, headOnly = false): void {
    const tags = previewTags(this.build, this.snapshot.diagnostics, this.snapshot.stale);
    this.send(response, status, 'text/html; charset=utf-8', injectPreview(html, tags), headOnly);
  }

  private own(name: string, response: ServerResponse, head: boolean): void {
    if (name === 'live.js') return this.send(response, 200, 'text/javascript; charset=utf-8', LIVE_RELOAD_SCRIPT, head);
    if (name === 'status.json') {
      return this.send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ build: this.build, stale: this.snapshot.stale, diagnostics: this.snapshot.diagnostics }), head);
    }
    if (name === 'events') {
      const headers = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin', Connection: 'keep-alive' };
      // A HEAD request has no body to stream into: it gets the headers and its end, where it waited for them till the server stopped.
      if (head) {
        response.writeHead(200, headers).end();
        return;
      }
      if (this.listeners.size >= MAX_EVENT_STREAMS) {
        // Refused, not queued: a waiting stream would hold its socket all the same. The page's script asks again by itself.
        response.setHeader('Retry-After', String(EVENT_STREAM_RETRY_AFTER));
        this.send(response, 503, 'text/plain; charset=utf-8', `Too many live-reload streams are open (${MAX_EVENT_STREAMS}); close some preview pages.\n`);
        return;
      }
      response.writeHead(200, headers);
      response.write(`retry: 1000\nevent: build\ndata: ${JSON.stringify({ build: this.build, problems: this.snapshot.diagnostics.length })}\n\n`);
      this.listeners.add(response);
      response.on('close', () => this.listeners.delete(response));
      return;
    }
    this.send(response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
  }

  private send(response: ServerResponse, status: number, type: string, body: string | Buffer, headOnly = false, headers: Readonly<Record<string, string>> = {}): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    // The preview holds drafts and embargoed releases: no cache keeps them, a file is only what its type says, and another site open in the same
    // browser cannot load them into its own pages (an embargoed release's picture in an <img> there). The event stream is sent so too.
    response.writeHead(status, { ...FRESH, ...headers, 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' });
    response.end(headOnly ? undefined : bytes);
  }
}
