import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { clockTime, isRealDate, suggestDate, DATE_PATTERN, DATE_TIME_PATTERN } from '../core/dates.js';
import { BUILD_FORMATS, emailSetFor, type BuildFormat } from '../core/formats.js';
import { printable } from '../core/text.js';
import { closest } from '../core/suggest.js';
import type { PublicationMode } from '../core/publication.js';
import { REPORTERS, type ReporterName } from '../reporters/types.js';
import { VERSION } from '../version.js';
import { EXIT, UsageError, withoutCommands, type CliEnvironment, type ReportOptions } from './environment.js';
import { FRESH } from '../core/objects.js';
import { MAX_JOBS } from '../app/concurrency.js';

export { EXIT, type CliEnvironment, type ReportOptions } from './environment.js';

/** A parser that refuses an empty argument (a variable left unset, `--out "$OUT"`), saying what was expected. */
const nonEmpty = (expected: string) => (value: string): string => {
  if (value.trim() === '') throw new InvalidArgumentError(`Expected ${expected}.`);
  return value;
};

/** A file name for --config: an empty one would be passed over for the config found by searching, without a word. */
const parseFile = nonEmpty('a file name');

/** A template set named empty (`-t "$SET"`) would be the working folder read as a set: the whole project. */
const parseSet = nonEmpty('a template set: a name or a folder');

/** A folder named empty is a mistake, not the working folder. */
const parseFolder = nonEmpty('a folder name');

function parseNow(value: string): number {
  const written = DATE_PATTERN.test(value) || DATE_TIME_PATTERN.test(value);
  if (written && !isRealDate(value)) throw new InvalidArgumentError(`Expected a real date and time: the calendar has no ${value}.`);
  if (!written) {
    // A date as people write it (01.12.2026, 1 December 2026), or a time with its offset written otherwise; a time without
    // an offset could be in any zone, and is not guessed.
    const meant = suggestDate(value, /\d:\d/.test(value));
    throw new InvalidArgumentError(`Expected an RFC 3339 date-time with offset, such as 2026-06-12T09:00:00+04:00, or a date YYYY-MM-DD.${meant ? `\n(Did you mean --now ${meant}?)` : ''}`);
  }
  return clockTime(value);
}

function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new InvalidArgumentError('Expected a port number from 0 (any free port) to 65535.');
  return port;
}

function parseDay(value: string): string {
  if (DATE_PATTERN.test(value) && !isRealDate(value)) throw new InvalidArgumentError(`Expected a real date: the calendar has no ${value}.`);
  if (!DATE_PATTERN.test(value)) {
    const meant = suggestDate(value, false);
    throw new InvalidArgumentError(`Expected a calendar date YYYY-MM-DD.${meant && DATE_PATTERN.test(meant) ? `\n(Did you mean --date ${meant}?)` : ''}`);
  }
  return value;
}

function parseFormats(value: string): BuildFormat[] {
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(BUILD_FORMATS as string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) {
    // `txt` (the text files' extension), `HTML`, `htm`, `email`: each format as it is spelt, where every one can be told.
    const meant = formats.map((f) => ((BUILD_FORMATS as string[]).includes(f) ? f : closest(f, BUILD_FORMATS)));
    const suggestion = formats.length > 0 && meant.every((f) => f !== undefined) ? `\n(Did you mean --format ${[...new Set(meant)].join(',')}?)` : '';
    throw new InvalidArgumentError(`Expected a comma-separated list of ${BUILD_FORMATS.join(', ')}.${suggestion}`);
  }
  return [...new Set(formats)] as BuildFormat[];
}

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_JOBS) throw new InvalidArgumentError(`Expected a number of threads from 1 to ${MAX_JOBS}.`);
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

/** `--color`/`--no-color` win; then FORCE_COLOR, which takes precedence over NO_COLOR and TERM=dumb as it does for Node itself. */
function colorDefault(env: CliEnvironment): boolean {
  const force = env.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '') return false;
  // A terminal that says it understands no escapes (Emacs's shell and compile buffers, some log viewers) would show them as text.
  if (env.env.TERM === 'dumb') return false;
  return env.isTTY;
}

/** The options commander parses for every reporting command, as declared in `addReportOptions`. */
interface RawReportOptions {
  reporter: ReporterName;
  maxWarnings?: number;
  strict?: boolean;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
  config?: string;
  now?: number;
}

/** `build`'s own options, as declared below. */
interface RawBuildOptions extends RawReportOptions {
  jobs?: number;
  timings?: boolean;
  force?: boolean;
  ignore: string[];
  out: string;
  format: BuildFormat[];
  template?: string;
  drafts?: boolean;
  embargoed?: boolean;
  keepGoing?: boolean;
  verbose?: boolean;
}

interface RawValidateOptions extends RawReportOptions {
  ignore: string[];
  template?: string;
  stdinFilename?: string;
  watch?: boolean;
  fix?: boolean;
  jobs?: number;
}

function publicationMode(options: RawBuildOptions): PublicationMode {
  if (options.drafts && options.embargoed) throw new UsageError('--drafts and --embargoed cannot be combined.', '--drafts already includes releases under embargo.');
  return options.drafts ? 'drafts' : options.embargoed ? 'embargoed' : 'public';
}

function reportOptions(raw: RawReportOptions, env: CliEnvironment): ReportOptions {
  return {
    reporter: raw.reporter,
    ...(raw.maxWarnings !== undefined ? { maxWarnings: raw.maxWarnings } : {}),
    strict: raw.strict ?? false,
    quiet: raw.quiet ?? false,
    color: raw.color ?? colorDefault(env),
    debug: raw.debug ?? false,
  };
}

/** `--ignore <glob>`, repeatable, for the commands that search folders. */
function addIgnoreOption(command: Command): Command {
  return command.option('--ignore <glob>', 'leave out files the glob matches when searching folders (README.md, _index.md); repeatable', (glob: string, globs: string[]) => [...globs, glob], []);
}

/**
 * `--debug`, which every command takes: the internal-error message asks for
 * the same command run with it. `main` reads it from the arguments itself,
 * so it works even when the command fails before its action runs.
 */
function addDebugOption(command: Command): Command {
  return command.option('--debug', 'show stack traces of internal errors');
}

/**
 * An option whose value is one of `values`, listed in its help as commander
 * lists choices; a misspelt or shortened value (`--reporter jsno`, `JSON`,
 * `sar`) is refused with the value it most likely means, as a misspelt option is.
 */
function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  const option = new Option(flags, description).choices(values);
  return option.argParser((value: string) => {
    if (values.includes(value)) return value;
    const meant = closest(value, values);
    throw new InvalidArgumentError(`Allowed choices are ${values.join(', ')}.${meant ? `\n(Did you mean ${option.long} ${meant}?)` : ''}`);
  });
}

function addReportOptions(command: Command): Command {
  command
    .addOption(choiceOption('--reporter <name>', 'how to report problems', REPORTERS).default('stylish'))
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings', parseCount)
    .option('--strict', 'fail (exit 1) on any warning')
    .option('-q, --quiet', 'report errors only')
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .option('--config <file>', 'config file (default: migration-news.config.yaml in the inputs\' folder or above)', parseFile)
    .addOption(new Option('--now <iso>', 'the clock for embargo decisions (default: now)').argParser(parseNow));
  return addDebugOption(command);
}

/** What a command's action tells `main` once it has run. */
interface RunState {
  exitCode: number;
  debug: boolean;
}

/**
 * The whole command line as commander sees it. `main` runs it; the bundle
 * walks it to write down every help text for the binary's fast path
 * (see src/cli/help-forms.ts).
 */
export function createProgram(env: CliEnvironment, state: RunState = { exitCode: EXIT.ok, debug: false }): Command {
  const program = new Command('migration-news');
  program
    .description('Parse, validate and build press releases written in Markdown with YAML front matter.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => env.stdout.write(s),
      writeErr: (s) => env.stderr.write(s),
      // Commander's message quotes what was typed (a file name starting with `-`, say): its control characters and line breaks are
      // made visible, so that it cannot forge a line (a CI annotation); only commander's own break before a suggestion stays.
      outputError: (s, write) => write(`${printable(s.replace(/^error: /, 'migration-news: ').replace(/\n$/, '')).replace(/\\u000A(?=\(Did you mean )/g, '\n')}\n`),
    });

  addReportOptions(addIgnoreOption(
    program
      .command('build')
      .description('render every publishable release to HTML, plain text and JSON')
      .argument('[paths...]', 'release files, folders (searched for *.md) or globs', ['.'])
      .option('-o, --out <dir>', 'output folder', parseFolder, 'dist')
      .addOption(new Option('-f, --format <list>', `formats to write: any of ${BUILD_FORMATS.join(', ')}`).argParser(parseFormats).default(['html', 'text', 'json'], 'html,text,json'))
      .option('-t, --template <name|dir>', 'template set: a name or a folder (default: default; email for eml)', parseSet)
      .option('--drafts', 'preview: also build drafts, releases in review and under embargo, marked as not for publication')
      .option('--embargoed', 'advance copies: public releases and approved ones still under embargo, no drafts')
      .option('--keep-going', 'write the releases that succeeded even when others failed')
      .option('--verbose', 'name every release that was skipped, and why')
      .option('--timings', 'after the summary, say how long each phase of the build and each template took')
      .option('-j, --jobs <n>', 'threads to build with, at most (default: one per core, from 2,000 releases; under 400 use one)', parseJobs)
      .option('--force', 'check and render every release, ignoring what the last build into the folder recorded; lets --drafts or --embargoed write into a folder a normal build wrote, and a build overwrite the files at its output paths in a folder without a manifest'),
  )).action(async (paths: string[], options: RawBuildOptions) => {
    state.debug = options.debug ?? false;
    const { runBuild } = await import('./commands/build.js');
    state.exitCode = await runBuild({
      paths,
      ignore: options.ignore,
      out: options.out,
      formats: options.format,
      template: options.template ?? 'default',
      emailTemplate: emailSetFor(options.template),
      mode: publicationMode(options),
      keepGoing: options.keepGoing ?? false,
      verbose: options.verbose ?? false,
      timings: options.timings ?? false,
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      force: options.force ?? false,
      ...(options.config ? { config: options.config } : {}),
      now: options.now ?? Date.now(),
      report: reportOptions(options, env),
    }, env);
  });

  addReportOptions(addIgnoreOption(
    program
      .command('validate')
      .description('check releases as build would, and write nothing')
      .argument('[paths...]', 'release files, folders or globs; "-" reads one release from standard input', ['.'])
      .option('--stdin-filename <name>', 'the file name to report for standard input (with the path "-")', parseFile)
      .option('-w, --watch', 'check again after every change, until Ctrl-C')
      .option('-t, --template <name|dir>', 'the template set build will use, to check it has labels for each release\'s language (default: default)', parseSet)
      .option('--fix', 'first remove invisible characters that are safe to remove (zero-width spaces, soft hyphens …), rewriting the files')
      .option('-j, --jobs <n>', 'threads to check with, at most (default: one per core; under 2,000 files use one)', parseJobs),
  )).action(async (paths: string[], options: RawValidateOptions) => {
    state.debug = options.debug ?? false;
    // Passed over, it would leave the working folder checked in place of the buffer, and its report read as the buffer's.
    if (options.stdinFilename !== undefined && !paths.includes('-')) {
      throw new UsageError('--stdin-filename names standard input, which is read only when the path is "-".', `Read the release from standard input: migration-news validate - --stdin-filename ${options.stdinFilename} …`);
    }
    const { runValidate } = await import('./commands/validate.js');
    const run = options.watch
      ? async (o: Parameters<typeof runValidate>[0], e: CliEnvironment) => (await import('./commands/validate-watch.js')).runValidateWatch(o, e, e.stopSignal?.())
      : runValidate;
    state.exitCode = await run({
      paths,
      ignore: options.ignore,
      ...(options.stdinFilename !== undefined ? { stdinFilename: options.stdinFilename } : {}),
      ...(options.config ? { config: options.config } : {}),
      ...(options.fix ? { fix: true } : {}),
      ...(options.template ? { template: options.template } : {}),
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      now: options.now ?? Date.now(),
      ...(options.now !== undefined ? { clockFixed: true } : {}),
      report: reportOptions(options, env),
    }, env);
  });

  addReportOptions(
    program
      .command('serve')
      .description('preview the releases, drafts included, in a browser; rebuilds and reloads on every change')
      .argument('[paths...]', 'release files, folders or globs', ['.'])
      .option('-p, --port <n>', 'port to listen on (default: a free one)', parsePort)
      .option('--host <address>', 'address to listen on (default: 127.0.0.1, this computer only)')
      .option('-t, --template <name|dir>', 'template set: a name or a folder (default: default; email for eml)', parseSet)
      .addOption(new Option('-f, --format <list>', `formats to build: any of ${BUILD_FORMATS.join(', ')}`).argParser(parseFormats).default(['html', 'text', 'json'], 'html,text,json')),
  ).action(async (paths: string[], options: Record<string, unknown> & RawReportOptions) => {
    state.debug = options.debug ?? false;
    const { runServe } = await import('./commands/serve.js');
    state.exitCode = await runServe({
      paths,
      template: (options.template as string | undefined) ?? 'default',
      emailTemplate: emailSetFor(options.template as string | undefined),
      formats: options.format as BuildFormat[],
      port: (options.port as number | undefined) ?? 0,
      ...(options.host ? { host: options.host as string } : {}),
      ...(options.config ? { config: options.config as string } : {}),
      ...(options.now !== undefined ? { now: options.now as number } : {}),
      report: reportOptions(options, env),
    }, env, env.stopSignal?.());
  });

  program
    .command('new')
    .description('start a draft release, or the translation of one, in the right folder with today\'s date')
    .argument('[title]', 'the headline of the new release')
    .requiredOption('-l, --lang <lang>', 'language of the new release or of the translation')
    .option('--id <id>', 'the release id (default: the date and the slug of the title)')
    .option('-d, --dir <dir>', 'folder to write to (default: the working folder; for a translation, the language folder beside the original\'s)', parseFolder)
    .option('--date <YYYY-MM-DD>', 'the release date (default: today in the configured time zone)', parseDay)
    .option('--translate-from <file>', 'start a translation of this release: same id, date, contacts, tags and image', parseFile)
    .option('-t, --template <name|dir>', 'template set whose archetype.md gives the body skeleton', parseSet, 'default')
    .option('--config <file>', 'config file', parseFile)
    .action(async (title: string | undefined, options: { lang: string; id?: string; dir?: string; date?: string; translateFrom?: string; template: string; config?: string }) => {
      const { runNew } = await import('./commands/new.js');
      state.exitCode = await runNew({ ...FRESH, ...options, ...(title !== undefined ? { title } : {}), now: Date.now() }, env);
    });

  program
    .command('import')
    .description('convert the posts of a Jekyll or Hugo site into releases, never changing the site')
    .argument('<src>', 'the folder of the old site')
    .addOption(choiceOption('--from <generator>', 'the site generator', ['jekyll', 'hugo']).makeOptionMandatory())
    .requiredOption('--to <dir>', 'folder for the releases (one subfolder per language)', parseFolder)
    .option('--lang <lang>', 'the language of posts whose path and front matter name none')
    .option('--lang-from-path', 'take the language from a folder (ru/_posts, content/ru) or suffix (post.ru.md) of each path')
    .option('--dry-run', 'write nothing; report what would be written')
    .option('--force', 'replace releases that were edited since they were imported')
    .addOption(choiceOption('--reporter <name>', 'how to report', ['text', 'json']).default('text'))
    .option('--config <file>', 'config file (default: migration-news.config.yaml in the destination or above)', parseFile)
    .addOption(new Option('--now <iso>', 'the clock for the check of the result (default: now)').argParser(parseNow))
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .action(async (src: string, options: { from: 'jekyll' | 'hugo'; to: string; lang?: string; langFromPath?: boolean; dryRun?: boolean; force?: boolean; reporter: 'text' | 'json'; config?: string; now?: number; color?: boolean }) => {
      const { runImport } = await import('./commands/import.js');
      state.exitCode = await runImport({
        src, from: options.from, to: options.to,
        ...(options.lang ? { lang: options.lang } : {}),
        langFromPath: Boolean(options.langFromPath), dryRun: Boolean(options.dryRun), force: Boolean(options.force),
        reporter: options.reporter, ...(options.config ? { config: options.config } : {}),
        now: options.now ?? Date.now(), color: options.color ?? colorDefault(env),
      }, env);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the release front matter, for editors, or of a JSON output')
    .addOption(choiceOption('--output <name>', 'the schema of a JSON output instead: release (--format json) or releases (releases.json)', ['release', 'releases']))
    .action(async (options: { output?: 'release' | 'releases' }) => {
      const { runSchema } = await import('./commands/schema.js');
      runSchema(options, env);
    });

  program
    .command('rules')
    .description('list every rule with its id and default severity')
    .option('--markdown', 'print a Markdown table')
    .action(async (options: { markdown?: boolean }) => {
      const { runRules } = await import('./commands/rules.js');
      runRules(options, env);
    });

  const templates = program.command('templates').description('list, eject and check template sets');
  templates
    .command('list')
    .description('show the template sets and where each file of the chosen set comes from')
    .option('-t, --template <name|dir>', 'the set to describe', parseSet, 'default')
    .option('--config <file>', 'config file', parseFile)
    .action(async (options: { template: string; config?: string }) => {
      const { runTemplatesList } = await import('./commands/templates.js');
      state.exitCode = await runTemplatesList({ ...FRESH, ...options, color: colorDefault(env) }, env);
    });
  templates
    .command('eject')
    .description('copy a built-in set, or one file of it, into the project to customise it')
    .argument('<set>', 'built-in set name')
    .argument('[file]', 'one file of the set, e.g. partials/contacts.liquid')
    .option('--to <dir>', 'destination folder (default: templates/<set>)', parseFolder)
    .action(async (set: string, file: string | undefined, options: { to?: string }) => {
      const { runTemplatesEject } = await import('./commands/templates.js');
      state.exitCode = await runTemplatesEject({ set, ...(file ? { file } : {}), ...(options.to ? { to: options.to } : {}) }, env);
    });
  templates
    .command('check')
    .description('render every release (drafts too) in every format of a set, with strict variables')
    .addArgument(new Argument('[set]', 'template set name or folder').argParser(parseSet).default('default'))
    .argument('[paths...]', 'releases to render (default: examples, or the working folder)')
    .option('--config <file>', 'config file', parseFile)
    .addOption(choiceOption('--reporter <name>', 'how to report problems', REPORTERS).default('stylish'))
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .addOption(new Option('--now <iso>', 'the clock for embargo decisions').argParser(parseNow))
    .action(async (set: string, paths: string[], options: { config?: string; reporter: ReporterName; color?: boolean; now?: number }) => {
      const { runTemplatesCheck } = await import('./commands/templates.js');
      state.exitCode = await runTemplatesCheck({ set, paths, ...(options.config ? { config: options.config } : {}), now: options.now ?? Date.now(), color: options.color ?? colorDefault(env), reporter: options.reporter }, env);
    });

  // Every command takes --debug, whether or not it reports problems.
  const withDebug = (command: Command): void => {
    if (!command.options.some((option) => option.long === '--debug')) addDebugOption(command);
    command.commands.forEach(withDebug);
  };
  program.commands.forEach(withDebug);
  return program;
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], given: CliEnvironment): Promise<number> {
  // Everything any command says goes through these: reports, summaries, notes and errors alike.
  const env: CliEnvironment = { ...FRESH, ...given, stdout: withoutCommands(given.stdout), stderr: withoutCommands(given.stderr) };
  const state: RunState = { exitCode: EXIT.ok, debug: argv.includes('--debug') };
  const program = createProgram(env, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (cause) {
    if (cause instanceof CommanderError) {
      if (cause.code === 'commander.helpDisplayed' || cause.code === 'commander.version') return EXIT.ok;
      // Help asked for (`help`) succeeds; help shown on standard error for a command line without its command
      // (`migration-news`, `migration-news templates`, `migration-news $COMMAND` with the variable unset) is a usage error.
      if (cause.code === 'commander.help') return cause.exitCode === 0 ? EXIT.ok : EXIT.usage;
      if (cause.code === 'commander.executeSubCommandAsync') return EXIT.usage;
      // The help of the command the mistake was made in, when there is one.
      // A subcommand's own (`templates check --help`), where the mistake was made after one.
      const named = (commands: readonly Command[], name: string | undefined) => commands.find((c) => c.name() === name || c.aliases().includes(name ?? ''));
      const command = named(program.commands, argv[0]);
      const sub = command ? named(command.commands, argv[1]) : undefined;
      const words = [command, sub].flatMap((c) => (c ? [c.name()] : []));
      env.stderr.write(`Run "migration-news ${words.map((w) => `${w} `).join('')}--help" for usage.\n`);
      return EXIT.usage;
    }
    if (cause instanceof UsageError) {
      const hint = cause.hint;
      env.stderr.write(`migration-news: ${printable(cause.message)}\n${hint ? `hint: ${printable(hint)}\n` : ''}`);
      return EXIT.usage;
    }
    const message = cause instanceof Error ? cause.message : String(cause);
    env.stderr.write(`migration-news: internal error: ${printable(message)}\nThis is a bug in migration-news; please report it with the output of the same command run with --debug.\n`);
    if (state.debug && cause instanceof Error && cause.stack) env.stderr.write(`${cause.stack}\n`);
    return EXIT.usage;
  }
}
