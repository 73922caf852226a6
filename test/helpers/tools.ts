/**
 * Tests that need something outside Node (a browser, a device file) run
 * when it is there, are skipped with a notice saying how to get it when it
 * is not, and fail instead of skipping under CI, where `.ci/run` installs
 * everything: a CI run that quietly tests less is worse than a red one.
 */

/** Whether `CI` is set, as CI services (GitHub Actions, GitLab, …) and `.ci/run` set it; `CI=0` or `CI=false` is not. */
export const isCi = (env: Record<string, string | undefined>): boolean => env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());

export const IN_CI = isCi(process.env);

/**
 * Whether the tests needing `tool` should be skipped: only when it is
 * missing and this is not CI. Prints the notice when they are.
 */
export function skipWithout(tool: string, available: boolean, howToGet: string): boolean {
  if (available || IN_CI) return false;
  console.warn(`Skipping the tests that need ${tool}: ${howToGet}`);
  return true;
}

/** Fails under CI when the tool is missing (call it first in the tests that need it), with the same advice as the notice. */
export function requireTool<T>(tool: string, found: T | undefined, howToGet: string): T {
  if (found === undefined) throw new Error(`${tool} is required here (CI is set), but ${howToGet}`);
  return found;
}

/**
 * For a condition no install can change (such as running as root, whom file
 * permissions do not stop): skips with the notice, in CI as well.
 */
export function skipBecause(condition: boolean, reason: string): boolean {
  if (condition) console.warn(`Skipping a test: ${reason}`);
  return condition;
}
