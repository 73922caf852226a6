// V8's optimising compiler, tuned for a build's threads; loaded by the
// binary just before a build or a `validate` starts them (bin/migration-news.js).
//
// Each build thread compiles the same parser, checks and templates for
// itself, and at 2,000 releases that compiling was about a quarter of the
// build's CPU. Inlining less and optimising a function a little later spends
// less on it: a build of 2,000 releases took some 9% less CPU, and one of
// 10,000 took no more and no less than without it (measured on Node 20's
// V8 11.3; bench/RESULTS.md).
//
// Not done for every command: any flag set costs a process some 10 ms of
// start-up (V8 then compiles Node's own modules afresh), which `validate
// one.md` would feel. V8's flags hold for the whole process, so the threads
// started next have them. Node's documentation warns that a flag set after
// start-up may behave unpredictably: these two are thresholds V8 reads each
// time it decides what to compile; the binary's threaded builds in the tests
// run with both set this way (test/parallel-build.test.ts), and with one
// (test/bin-compiler.test.ts, whose node is given the other).

const v8 = require('node:v8');

/** The flags, as measured. */
const TUNING = ['--max-inlined-bytecode-size-cumulative=200', '--interrupt-budget=135168'];

/**
 * The flags to set: none on another version of V8 than the one they were
 * measured on (its compiler differs, and a flag it no longer knows would
 * print an error), and none that was given to node on its command line,
 * which is kept as given.
 */
function compilerFlags(execArgv, v8Version) {
  if (!v8Version.startsWith('11.3.')) return [];
  const given = new Set(execArgv.map((arg) => arg.split('=')[0].replace(/_/g, '-')));
  return TUNING.filter((flag) => !given.has(flag.split('=')[0]));
}

/** Sets the flags for this process. The build is the same without them, so nothing here may stop it. */
function tuneCompiler() {
  try {
    for (const flag of compilerFlags(process.execArgv, process.versions.v8)) v8.setFlagsFromString(flag);
  } catch {
    // Only slower.
  }
}

module.exports = { TUNING, compilerFlags, tuneCompiler };
