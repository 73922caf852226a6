/**
 * System errors as a user reads them. A failed call is named by its code,
 * which a search finds, followed by what the code means when it is one a
 * build commonly meets on a user's machine: `(EACCES: permission denied)`.
 */

const CODE_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'a read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'something is already there',
  ENOTDIR: 'a file is where a folder should be',
  EISDIR: 'a folder is where a file should be',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file or folder is in use',
  EIO: 'an input/output error',
};

/** What a code means for one call, where that differs: a folder made where a file is. */
const CALL_WORDS: Record<string, string> = {
  'EEXIST mkdir': 'a file is where a folder should be',
};

/** What a system error code means, when it is a common one, for the call that failed (`syscall`) when that matters. */
export function systemErrorWords(code: string, syscall?: string): string | undefined {
  const call = `${code} ${syscall ?? ''}`;
  if (Object.hasOwn(CALL_WORDS, call)) return CALL_WORDS[call];
  return Object.hasOwn(CODE_WORDS, code) ? CODE_WORDS[code] : undefined;
}

/** The code of a failed system call, with what it means when it is a common one; `fallback` for an error without a code (by default its own text). */
export function systemErrorText(cause: unknown, fallback: string = String(cause)): string {
  const error = cause as NodeJS.ErrnoException | undefined;
  const code = error?.code;
  if (typeof code !== 'string') return fallback;
  const words = systemErrorWords(code, error?.syscall);
  return words ? `${code}: ${words}` : code;
}
