import { outputJsonSchema } from '../../core/output-schema.js';
import { releaseJsonSchema } from '../../core/schema.js';
import type { CliEnvironment } from '../environment.js';

/** `schema`: the JSON Schema of the front matter, for editors, or with `output` of a JSON output. */
export function runSchema(options: { output?: 'release' | 'releases' }, env: CliEnvironment): void {
  const schema = options.output ? outputJsonSchema(options.output) : releaseJsonSchema();
  env.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
}
