#!/usr/bin/env node
import { main } from '../lib/bundle/main.js';

const debug = process.argv.includes('--debug');

/** The last resort for what escapes main(): one line, and the stack only with --debug. */
const fail = (message, error) => {
  try {
    process.stderr.write(`migration-news: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  } catch {
    // Standard error is gone as well; the exit code is all that is left.
  }
  process.exit(2);
};

for (const [stream, name] of [[process.stdout, 'output'], [process.stderr, 'error']]) {
  stream.on('error', (error) => {
    // The reader went away (`| head`): nobody is left to read the rest, but the exit code still counts.
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    fail(`cannot write to standard ${name}: ${error.message}`, error);
  });
}
process.on('uncaughtException', (error) => {
  fail(`internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in migration-news; please report it with the output of the same command run with --debug.`, error);
});

/** Standard input up to one byte past `maxBytes`: reading stops there, so an endless stream costs no memory. */
const readStdin = async (maxBytes = Infinity) => {
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > maxBytes) break;
  }
  return Buffer.concat(chunks);
};

/** For `serve` and `validate --watch`: the first Ctrl-C stops them cleanly, a second one at once. */
const stopSignal = () => {
  const controller = new globalThis.AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
};

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stopSignal,
});
