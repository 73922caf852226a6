import { access, constants, stat } from 'node:fs/promises';
import { systemErrorText } from './system-errors.js';

/**
 * The config's `templates` folder as a folder of template sets, apart from
 * the sets themselves: the config is read by every command, `--help` and
 * `validate` included, which must not load the template engine for this.
 */

/** Why a folder of template sets (the config's `templates`) gives no sets: nothing is there, a file is, or it cannot be read. */
export type SetsFolderProblem = { kind: 'missing' } | { kind: 'file' } | { kind: 'unreadable'; reason: string };

/** What keeps `folder` from being a folder of template sets, or undefined when it is one. */
export async function setsFolderProblem(folder: string): Promise<SetsFolderProblem | undefined> {
  try {
    if (!(await stat(folder)).isDirectory()) return { kind: 'file' };
    // Listed when a set is looked for in it: a folder that cannot be, is as good as none.
    await access(folder, constants.R_OK | constants.X_OK);
    return undefined;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: systemErrorText(cause, 'error') };
  }
}

/** What `problem` says of the folder, as a clause after its name: "which does not exist". */
export function setsFolderProblemText(problem: SetsFolderProblem): string {
  return problem.kind === 'missing' ? 'which does not exist' : problem.kind === 'file' ? 'which is a file, not a folder' : `which cannot be read (${problem.reason})`;
}
