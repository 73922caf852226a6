/**
 * Progress of a long build on a terminal: one line on standard error,
 * rewritten in place, with the count, the rate and the time left. Nothing at
 * all when standard error is not a terminal or `CI` is set, so logs and pipes
 * never see it; nothing either for a build that ends before the first paint.
 */

export interface ProgressOptions {
  /** Where the line goes: standard error. */
  stream: { write(chunk: string): unknown };
  /** Whether `stream` is a terminal. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** The clock, in ms; tests pass their own. */
  clock?: () => number;
  /** No line before this many ms, so short builds print nothing. */
  delayMs?: number;
  /** At most one repaint per this many ms. */
  intervalMs?: number;
}

export interface Progress {
  /** Starts a phase: what is done ("Checking"), to what ("files"), how many; the rate and time left start afresh. */
  phase(verb: string, noun: string, total: number): void;
  /** Counts `n` more done. */
  tick(n?: number): void;
  /** Removes the line. */
  done(): void;
}

const NO_PROGRESS: Progress = { phase: () => {}, tick: () => {}, done: () => {} };

/** Whether progress may be shown: a terminal that takes escapes (not TERM=dumb), and not CI (any value but `false` or `0`). */
export function progressWanted(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return isTTY && env.TERM !== 'dumb' && (ci === undefined || ci === '' || ci === '0' || ci.toLowerCase() === 'false');
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The progress line: `Building 1200/5000 releases (24%) · 850/s · about 5 s left`. */
export function progressLine(done: number, total: number, elapsedMs: number, noun: string, verb = 'Building'): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  // The first second of a phase (start-up, a cold cache) says little about the rest: no estimate yet.
  const left = rate > 0 && elapsedMs >= 1000 ? (total - done) / rate : Infinity;
  const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
  return `${verb} ${done}/${total} ${noun} (${percent}%) · ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s · about ${duration(left)} left`;
}

export function createProgress(options: ProgressOptions): Progress {
  if (!progressWanted(options.isTTY, options.env)) return NO_PROGRESS;
  const clock = options.clock ?? (() => performance.now());
  const delay = options.delayMs ?? 500;
  const interval = options.intervalMs ?? 100;
  // The first paint waits from the start of the whole run; the rate is measured from the start of each phase.
  const started = clock();
  let phaseStarted = started;
  let verb = 'Building';
  let noun = 'releases';
  let total = 0;
  let count = 0;
  let lastPaint = -Infinity;
  let painted = false;
  const paint = () => {
    const now = clock();
    if (now - started < delay || now - lastPaint < interval) return;
    lastPaint = now;
    painted = true;
    // Carriage return and erase-line: the line is rewritten, never scrolled.
    options.stream.write(`\r\x1b[2K${progressLine(count, total, now - phaseStarted, noun, verb)}`);
  };
  return {
    phase(nextVerb, nextNoun, nextTotal) {
      verb = nextVerb;
      noun = nextNoun;
      total = nextTotal;
      count = 0;
      phaseStarted = clock();
    },
    tick(n = 1) {
      count += n;
      paint();
    },
    done() {
      if (painted) options.stream.write('\r\x1b[2K');
      painted = false;
    },
  };
}
