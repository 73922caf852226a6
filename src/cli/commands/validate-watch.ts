import { displayPath } from '../../io/find.js';
import { printable } from '../../core/text.js';
import { watchProject } from '../../io/watch.js';
import { openProject } from '../../app/project.js';
import { UsageError, type CliEnvironment } from '../environment.js';
import { runValidate, type ValidateOptions } from './validate.js';

/**
 * `validate --watch`: checks, then checks again after every change to the
 * releases or the config file, for a terminal beside the editor. Stops when
 * `signal` is aborted (Ctrl-C), with the exit code of the last check.
 */
export async function runValidateWatch(options: ValidateOptions, env: CliEnvironment, signal?: AbortSignal): Promise<number> {
  if (options.paths.includes('-')) throw new UsageError('--watch cannot read standard input; name files or folders.');
  const targets = async (): Promise<string[]> => {
    const project = await openProject({ cwd: env.cwd, paths: options.paths, ...(options.ignore ? { ignore: options.ignore } : {}), ...(options.config ? { configPath: options.config } : {}) });
    return [...project.roots, ...(project.configPath ? [project.configPath] : [])];
  };
  const check = async (): Promise<number> => {
    try {
      return await runValidate({ ...options, now: Date.now() }, env);
    } catch (cause) {
      // While watching, a usage problem (every release deleted, say) is reported and waited out.
      if (!(cause instanceof UsageError)) throw cause;
      const hint = (cause as { hint?: string }).hint;
      env.stderr.write(`migration-news: ${printable(cause.message)}\n${hint ? `hint: ${printable(hint)}\n` : ''}`);
      return 2;
    }
  };
  // The first check: a usage error here (a path that does not exist) ends the command as it would without --watch.
  let code: number = await runValidate(options, env);
  const watcher = watchProject({ paths: await targets() }, async (changed) => {
    env.stdout.write(`\n${new Date().toTimeString().slice(0, 8)} ${changed.length === 1 ? `${printable(displayPath(changed[0]!, env.cwd))} changed` : `${changed.length} files changed`}; checking again.\n`);
    code = await check();
    watcher.add(await targets().catch(() => []));
  }, { onError: (error) => env.stderr.write(`migration-news: ${printable(error instanceof Error ? error.message : String(error))}\n`) });
  try {
    await watcher.ready;
    env.stdout.write('Watching for changes; press Ctrl-C to stop.\n');
    await new Promise<void>((resolve) => {
      if (!signal) return;
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return code;
  } finally {
    await watcher.close();
  }
}
