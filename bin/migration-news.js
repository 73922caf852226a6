#!/usr/bin/env node
// CommonJS (bin/package.json), which Node starts without its ES module
// loader: `--help` needs nothing else. The CLI itself, a bundle of CommonJS
// modules, is loaded when a command runs (bin/bundle-loader.js).
const args = process.argv.slice(2);
const debug = process.argv.includes('--debug');

/** Control and bidirectional characters as visible `\\uXXXX` escapes, as the CLI writes them everywhere (printable in src/core/text.ts), and no `##[`, `##vso[` or `##teamcity[` (withoutInlineCommands). */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const visible = (text) => withoutLogCommands(text.replace(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`));
/** No `[` of a command a CI runner reads anywhere in a line (withoutInlineCommands in src/core/text.ts). */
const withoutLogCommands = (text) => text.replace(/(?<=##(?:vso|teamcity)?)\[/gi, '\\u005B');

/** The last resort for what escapes main(): one line, and the stack only with --debug. */
const fail = (message, error) => {
  try {
    process.stderr.write(`migration-news: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${withoutLogCommands(error.stack)}\n`);
  } catch {
    // Standard error is gone as well; the exit code is all that is left.
  }
  process.exit(2);
};

/** Reports what goes wrong writing to standard output or error; installed on the path that loads `main`. */
const watchStreams = () => {
  for (const [stream, name] of [[process.stdout, 'output'], [process.stderr, 'error']]) {
    stream.on('error', (error) => {
      // The reader went away (`| head`): nobody is left to read the rest, but the exit code still counts.
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      fail(`cannot write to standard ${name}: ${visible(error.message)}`, error);
    });
  }
};
const internalError = (error) => {
  fail(`internal error: ${visible(error instanceof Error ? error.message : String(error))}\nThis is a bug in migration-news; please report it with the output of the same command run with --debug.`, error);
};
process.on('uncaughtException', internalError);

/** Whether standard input is a folder (`validate - < releases`), which Node's stream of it reads as nothing at all. */
const stdinIsFolder = () => {
  try {
    return require('node:fs').fstatSync(0).isDirectory();
  } catch {
    return false;
  }
};

/** Standard input up to one byte past `maxBytes`: reading stops there, so an endless stream costs no memory. */
const readStdin = async (maxBytes = Infinity) => {
  // Said as reading it says it, not taken for an empty release.
  if (stdinIsFolder()) throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', syscall: 'read' });
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
  // Closing the terminal: the preview's temporary folder (drafts included) goes as on Ctrl-C. Writing to a terminal that is
  // gone fails (EIO): what is still said is dropped rather than let the failure stop the clean-up.
  process.on('SIGHUP', () => {
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    stop();
  });
  return controller.signal;
};

/**
 * Help and the version as commander prints them, from the layouts the build
 * read from the real program (src/cli/help-forms.ts), without loading
 * commander: when the command line is one of the forms that ask for help,
 * at the width commander would wrap to (the terminal's columns, or 80 into
 * a pipe or a file), and for the version. Anything else goes to `main`.
 */
const recordedHelp = () => {
  if (args.length > 3 || !args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help' || arg === '--version' || arg === '-v')) return undefined;
  try {
    const { RECORD, layOutHelp } = require(`${__dirname}/../lib/bundle/help.cjs`);
    const form = JSON.stringify(args);
    if (RECORD.version.forms.includes(form)) return { text: RECORD.version.text, terminal: false };
    const index = RECORD.forms[form];
    if (index === undefined) return undefined;
    // Only a character device can be a terminal: only then is process.stdout (some modules and a stream) worth creating.
    const terminal = process.getBuiltinModule('node:fs').fstatSync(1).isCharacterDevice();
    const width = (terminal && process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80;
    // As wide as test/startup-help.test.ts proves the layout right for.
    if (width > 500) return undefined;
    return { text: layOutHelp(RECORD.layouts[index], width), terminal };
  } catch {
    return undefined;
  }
};

/** Writes the text as process.stdout would: straight to the file or pipe, the rest through process.stdout if it cannot take it at once. */
const writeRecorded = ({ text, terminal }) => {
  if (terminal) {
    watchStreams();
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += process.getBuiltinModule('node:fs').writeSync(1, bytes, written);
  } catch (error) {
    if (error.code === 'EPIPE') return;
    watchStreams();
    process.stdout.write(bytes.subarray(written));
  }
};

const recorded = recordedHelp();
if (recorded !== undefined) {
  writeRecorded(recorded);
} else {
  watchStreams();
  runMain().then((code) => {
    process.exitCode = code;
  }, internalError);
}

/**
 * The working folder, or undefined, said on standard error, when it is gone: removed, or replaced by a folder of the
 * same name (another tool's build into it), after the shell went into it. Every path given is read from it.
 */
function workingFolder() {
  try {
    return process.cwd();
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    process.stderr.write('migration-news: The working folder no longer exists: it was removed, or replaced by another folder of that name, after this shell went into it.\nhint: Go into it again (cd "$PWD") and run the command again.\n');
    return undefined;
  }
}

async function runMain() {
  const cwd = workingFolder();
  // A usage error: the command line cannot be read where it was given.
  if (cwd === undefined) return 2;
  // The bundle, with the code V8 compiled for it when it was built (bin/bundle-loader.js).
  const { main } = require('./bundle-loader.js').bundleLoader(`${__dirname}/../lib/bundle`).load('main');
  return main(args, {
    cwd,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stopSignal,
    // A build about to start its threads: see bin/compiler-tuning.js.
    beforeThreads: () => require('./compiler-tuning.js').tuneCompiler(),
  });
}
