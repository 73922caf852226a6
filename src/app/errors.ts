/**
 * A mistake in how the tool was called (no such path, an output folder that
 * cannot be used, a set that does not exist): the CLI prints the message and
 * the hint and exits 2. The one class for every such error, from any layer,
 * so the CLI can tell it from a bug with `instanceof`.
 */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
