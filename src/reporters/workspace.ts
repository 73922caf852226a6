import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Workspace } from './types.js';

/** `path` relative to `folder` with `/` separators (`''` for the folder itself), or undefined when it lies outside. */
export function pathInside(folder: string, path: string): string | undefined {
  const inside = relative(folder, path);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return sep === '/' ? inside : inside.split(sep).join('/');
}

/**
 * A diagnostic's file named from the repository's root, as GitHub reads the paths of annotations and code-scanning
 * results; undefined without a workspace or for a file outside it. Path arithmetic only: no file is read.
 */
export function workspacePath(file: string, workspace: Workspace | undefined): string | undefined {
  if (!workspace) return undefined;
  const path = pathInside(workspace.root, resolve(workspace.cwd, file));
  return path === '' ? undefined : path;
}
