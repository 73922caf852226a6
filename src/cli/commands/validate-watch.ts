import { printable } from '../../core/text.js';
import { watchProject } from '../../io/watch.js';
import { configFileCandidates } from '../../io/config.js';
import { openProject, templateSearch } from '../../app/project.js';
import { UsageError, type CliEnvironment } from '../environment.js';
import { runValidate, type ValidateOptions } from './validate.js';
import { changeLine, untilAborted, watchErrorReporter } from '../watching.js';
import { besideReport } from '../report.js';
import { FRESH } from '../../core/objects.js';

/**
 * `validate --watch`: checks, then checks again after every change to the
 * releases or the config file, for a terminal beside the editor. Stops when
 * `signal` is aborted (Ctrl-C), with the exit code of the last check.
 */
export async function runValidateWatch(options: ValidateOptions, env: CliEnvironment, signal?: AbortSignal): Promise<number> {
  if (options.paths.includes('-')) throw new UsageError('--watch cannot read standard input; name files or folders.');
  const targets = async (): Promise<string[]> => {
    const project = await openProject({ cwd: env.cwd, paths: options.paths, ...(options.ignore ? { ignore: options.ignore } : {}), ...(options.config ? { configPath: options.config } : {}) });
    // The template set too, whose labels are checked: adding labels/tr.yaml checks again.
    const search = templateSearch(project, env.cwd);
    const { loadTemplateSet } = await import('../../io/template-sets.js');
    const loaded = await loadTemplateSet(options.template ?? 'default', search);
    // A config file written meanwhile (a first one, or one nearer the releases) is read by the next check.
    const candidates = options.config ? [] : await configFileCandidates(project.roots, project.configPath, env.cwd);
    return [...project.roots, ...(project.configPath ? [project.configPath] : []), ...candidates, ...(loaded.ok ? loaded.chain.map((c) => c.folder) : []), ...(search.projectFolder ? [search.projectFolder] : [])];
  };
  // The files --fix rewrites are the check's own writes, which the watch would take for a change and check again (called only
  // from the checks the watch starts, once it is there).
  const onFixed = (paths: readonly string[]) => watcher.ownWrites(paths);
  const check = async (): Promise<number> => {
    try {
      return await runValidate({ ...FRESH, ...options, keepThreads: true, onFixed, now: options.clockFixed ? options.now : Date.now() }, env);
    } catch (cause) {
      // While watching, a usage problem (every release deleted, say) is reported and waited out.
      if (!(cause instanceof UsageError)) throw cause;
      const hint = (cause as { hint?: string }).hint;
      env.stderr.write(`migration-news: ${printable(cause.message)}\n${hint ? `hint: ${printable(hint)}\n` : ''}`);
      return 2;
    }
  };
  // The lines between the reports, which a program reading them (`--reporter json`) would take for a broken report.
  const say = besideReport(options.report.reporter, env);
  // The first check: a usage error here (a path that does not exist) ends the command as it would without --watch.
  let code: number = await runValidate({ ...FRESH, ...options, keepThreads: true }, env);
  const watcher = watchProject({ paths: await targets() }, async (changed) => {
    say.write(`\n${changeLine(changed, env.cwd)}; checking again.\n`);
    code = await check();
    watcher.add(await targets().catch(() => []));
  }, { onError: watchErrorReporter(env) });
  try {
    await watcher.ready;
    say.write('Watching for changes; press Ctrl-C to stop.\n');
    await untilAborted(signal);
    return code;
  } finally {
    await watcher.close();
  }
}
