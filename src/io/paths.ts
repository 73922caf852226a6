import { isAbsolute, relative, sep } from 'node:path';

/** Whether `child` is `parent` or lies inside it (both absolute, resolved the same way). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  // `..name` is a folder inside; only `..` itself or `../…` leaves.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
