import { readFileSync } from 'node:fs';

/** Whether process `pid` on this machine still runs (a process of another user counts: it cannot be signalled, but it is there). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When process `pid` started, in clock ticks since the machine booted (the
 * 22nd field of Linux's `/proc/<pid>/stat`); undefined where the system does
 * not say. With its pid it names one process: a pid is reused, on a busy
 * machine or in a fresh container, but not with the same start.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces and parentheses itself: the fields that follow are counted from its end.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start !== undefined && /^\d+$/.test(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

/** This process's start, as `processStartTime` gives it. */
export const OWN_START = processStartTime(process.pid);

/**
 * Whether the process that left a mark with `pid` and, where it was known,
 * its `start` still runs: a process that took the pid over later does not
 * count.
 */
export function isStillRunning(pid: number, start: string | undefined): boolean {
  if (!isRunning(pid)) return false;
  if (start === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === start;
}
