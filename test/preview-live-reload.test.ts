import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LIVE_RELOAD_SCRIPT } from '../src/core/preview.js';

/** A page's world as the reload script sees it: its event streams, its visibility and its reloads. */
function pageWorld() {
  const streams: { url: string; closed: boolean; listeners: Map<string, (event: { data: string }) => void>; onerror?: () => void }[] = [];
  const documentListeners = new Map<string, () => void>();
  const world = {
    reloads: 0,
    streams,
    document: {
      currentScript: { dataset: { build: '5' } },
      visibilityState: 'visible',
      addEventListener: (type: string, listener: () => void) => documentListeners.set(type, listener),
    },
    location: { reload: () => world.reloads++ },
    setTimeout: () => 0,
    EventSource: class {
      private readonly stream;
      constructor(url: string) {
        this.stream = { url, closed: false, listeners: new Map<string, (event: { data: string }) => void>() };
        streams.push(this.stream);
      }
      addEventListener(type: string, listener: (event: { data: string }) => void) {
        this.stream.listeners.set(type, listener);
      }
      set onerror(handler: () => void) {
        (this.stream as { onerror?: () => void }).onerror = handler;
      }
      close() {
        this.stream.closed = true;
      }
    },
    /** Shows or hides the page, as switching tabs does. */
    show(visible: boolean) {
      world.document.visibilityState = visible ? 'visible' : 'hidden';
      documentListeners.get('visibilitychange')?.();
    },
    open: () => streams.filter((s) => !s.closed),
  };
  runInNewContext(LIVE_RELOAD_SCRIPT, { document: world.document, location: world.location, setTimeout: world.setTimeout, clearTimeout: () => undefined, EventSource: world.EventSource });
  return world;
}

describe('the preview\'s reload script', () => {
  // A browser opens at most six connections to one host over HTTP/1.1: six preview tabs each holding an event stream left the seventh loading for ever.
  it('holds its event stream only while the page is shown, and reloads on coming back when a build came meanwhile', () => {
    const page = pageWorld();
    expect(page.open()).toHaveLength(1);
    page.show(false);
    expect(page.open()).toHaveLength(0);
    page.show(true);
    expect(page.open()).toHaveLength(1);
    page.open()[0]!.listeners.get('build')!({ data: JSON.stringify({ build: 5, problems: 0 }) });
    expect(page.reloads).toBe(0);
    page.show(false);
    page.show(true);
    page.open()[0]!.listeners.get('build')!({ data: JSON.stringify({ build: 6, problems: 0 }) });
    expect(page.reloads).toBe(1);
    expect(page.streams).toHaveLength(3);
  });
});
