import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runMain, useProjects } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';

/**
 * The README's "Your first release" walk-through, step by step: the files it
 * tells the reader to write, the commands it shows and the output it prints
 * are taken from the README itself, so the page cannot drift from the tool.
 */

const project = useProjects();

/** The fenced block after each `<!-- walkthrough: name -->` marker in the README. */
async function walkthroughBlocks(): Promise<Record<string, string>> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const blocks: Record<string, string> = {};
  for (const m of readme.matchAll(/<!-- walkthrough: ([\w-]+) -->\n```\w*\n([\s\S]*?)```\n/g)) blocks[m[1]!] = m[2]!;
  return blocks;
}

/** `$ npx migration-news ARGS` and what it prints, from a block of terminal output. */
function session(block: string | undefined): { args: string[]; output: string } {
  const [command, ...output] = (block ?? '').split('\n');
  const args = /^\$ npx migration-news (.+)$/.exec(command ?? '')?.[1]?.split(' ');
  expect(args, `a command line in ${JSON.stringify(block)}`).toBeDefined();
  return { args: args!, output: output.join('\n') };
}

describe('the README walk-through', () => {
  it('shows what validate and build really print, step by step', async () => {
    const blocks = await walkthroughBlocks();
    expect(Object.keys(blocks).sort()).toEqual(['build', 'config', 'files', 'release', 'validate', 'validate-fixed']);
    const dir = await project({ 'releases/en/online-permits.md': blocks.release!, 'migration-news.config.yaml': blocks.config! });
    // What the terminal shows: standard output, then the build's summary on standard error.
    const run = async (block: string | undefined) => {
      const { args, output } = session(block);
      const result = await runMain(args, { cwd: dir });
      expect(result.stdout + result.stderr).toBe(output);
      return result.code;
    };

    expect(await run(blocks.validate)).toBe(1);

    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('change the line to `date: 2026-03-17`');
    const file = join(dir, 'releases/en/online-permits.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('date: 2026-17-03', 'date: 2026-03-17'));
    expect(await run(blocks['validate-fixed'])).toBe(0);

    expect(await run(blocks.build)).toBe(0);
    expect((await listTree(join(dir, 'site'))).map((f) => `site/${f}\n`).join('')).toBe(blocks.files);
    const text = await readFile(join(dir, 'site/en/residence-permits-can-now-be-renewed-online.txt'), 'utf8');
    expect(text).toMatch(/^FOR IMMEDIATE RELEASE\n/);
    expect(text).toContain('BAKU, 17 March 2026 —');
  });
});
