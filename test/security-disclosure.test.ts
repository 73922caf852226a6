import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './helpers/report.js';
import { NOW, fixture, release, runMain, useProjects } from './helpers/cli.js';
import { listTree, TERMINAL_HAZARDS } from './helpers/hostile.js';
import { png } from './helpers/images.js';

/**
 * No file outside the project is read through a link the project commits,
 * and no message quotes more than a short, escaped excerpt of any file: a
 * build log or a pull-request annotation must never show a key or a token.
 */

const MARKER = 'PRIVATEKEYMATERIAL';
const SECRET = `-----BEGIN OPENSSH PRIVATE KEY-----\n${`b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ${MARKER}`.repeat(4)}\nAAAAC3NzaC1lZDI1NTE5AAAAIMoreKeyMaterialHere${MARKER}\n-----END OPENSSH PRIVATE KEY-----\n`;
const REPORTERS = ['stylish', 'json', 'github', 'sarif'];

const projects = useProjects();

/** A secret in a folder of its own, outside every project. */
async function secretFile(): Promise<string> {
  const dir = projects.track(await fixture({ 'id_ed25519': SECRET, 'templates/leak/release.html.liquid': `${MARKER}\n`, 'templates/leak/template.yaml': `name: ${MARKER}\n` }));
  return join(dir, 'id_ed25519');
}

describe('links committed in a project never lead the tool to a file elsewhere', () => {
  it('refuses a config file that is a link to a file outside its folder, in every reporter', async () => {
    const secret = await secretFile();
    const dir = await projects({ 'rel/a.md': release() });
    await symlink(secret, join(dir, 'migration-news.config.yaml'));
    for (const reporter of REPORTERS) {
      const result = await runMain(['validate', 'rel', '--reporter', reporter, '--now', NOW], { cwd: dir });
      expect(result.stdout + result.stderr).not.toContain(MARKER);
      expect(result.stdout + result.stderr).not.toContain('BEGIN OPENSSH');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('migration-news.config.yaml');
      expect(result.stdout).toMatch(/symbolic link/);
    }
  });

  it('refuses a config named with --config when it is a link out of its folder', async () => {
    const secret = await secretFile();
    const dir = await projects({ 'rel/a.md': release() });
    await symlink(secret, join(dir, 'ci.yaml'));
    const result = await runMain(['validate', 'rel', '--config', 'ci.yaml', '--reporter', 'github', '--now', NOW], { cwd: dir });
    expect(result.stdout + result.stderr).not.toContain(MARKER);
    expect(result.code).toBe(2);
    // Said with why (it once said only that the file "cannot be read"), in the same words whether or not anything is there.
    const why = "migration-news: Cannot use the config file ci.yaml. It is a symbolic link (or lies behind one) that leads outside the config file's folder; it is not read.\nhint: Commit the config file itself, not a link to a file outside its folder.\n";
    expect(result.stderr).toBe(why);
    await rm(join(dir, 'ci.yaml'));
    await symlink(join(dir, '..', 'no-such-file.yaml'), join(dir, 'ci.yaml'));
    expect((await runMain(['validate', 'rel', '--config', 'ci.yaml', '--now', NOW], { cwd: dir })).stderr).toBe(why);
    // One that is simply missing is said to be so.
    expect((await runMain(['validate', 'rel', '--config', 'none.yaml', '--now', NOW], { cwd: dir })).stderr).toMatch(/^migration-news: Cannot use the config file none\.yaml\. The file cannot be read \(ENOENT/);
  });

  it('reads no file of the repository\'s .git folder through a link, where a checkout keeps its token: config, template.yaml or release', async () => {
    const TOKEN = 'eC1hY2Nlc3MtdG9rZW46Z2hzX1NFQ1JFVFRPS0VOMTIzNDU2Nzg5MA';
    // As actions/checkout leaves it, and a config that does not parse where the token is: a YAML error quotes its line.
    const gitConfig = `[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}==\n`;
    const dir = await projects({ '.git/config': gitConfig, 'rel/a.md': release(), 'templates/custom/release.txt.liquid': '{{ release.title }}\n' });
    await symlink('.git/config', join(dir, 'migration-news.config.yaml'));
    await symlink('../../.git/config', join(dir, 'templates', 'custom', 'template.yaml'));
    await symlink('../.git/config', join(dir, 'rel', 'b.md'));
    await mkdir(join(dir, 'more'));
    await symlink('../.git', join(dir, 'more', 'git'));
    // With the config's link, then without it, so that the set and the releases are read too.
    // Refused before anything is reported: two reporters, one for people and one for machines, show it.
    for (const config of [true, false]) {
      if (!config) await rm(join(dir, 'migration-news.config.yaml'));
      for (const reporter of ['github', 'json']) {
        for (const args of [['validate', 'rel'], ['validate', 'more/git'], ['build', 'rel/a.md', '--template', 'custom', '--format', 'text', '--out', 'out'], ['validate', 'rel/b.md'], ['validate', 'more/git/config']]) {
          const result = await runMain([...args, '--reporter', reporter, '--now', NOW], { cwd: dir });
          expect(result.stdout + result.stderr, args.join(' ')).not.toContain(TOKEN.slice(0, 12));
          expect(result.stdout + result.stderr).not.toContain('AUTHORIZATION');
          expect(result.code, args.join(' ')).not.toBe(0);
          if (reporter === 'json') expect(result.stdout, args.join(' ')).toMatch(/Git folder \(\.git\)/);
        }
      }
    }
    // The refusals are the links': without them the project is read as ever.
    expect((await runMain(['validate', 'rel/a.md', '--now', NOW], { cwd: dir })).code).toBe(0);
    // A project checked out under a folder named .git follows no link into it: its own files are read.
    const nested = join(dir, '.git', 'worktree');
    await mkdir(join(nested, 'rel'), { recursive: true });
    await writeFile(join(nested, 'migration-news.config.yaml'), 'organisation:\n  name: State Migration Service\n');
    await writeFile(join(nested, 'rel', 'a.md'), release());
    await mkdir(join(nested, 'templates', 'mine'), { recursive: true });
    await writeFile(join(nested, 'templates', 'mine', 'template.yaml'), 'extends: default\n');
    const own = await runMain(['build', 'rel', '--template', 'mine', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: nested });
    expect(own.stdout).not.toMatch(/Git folder/);
    expect(own.code).toBe(0);
    // But a link there into its own .git is refused as anywhere else.
    await mkdir(join(nested, '.git'));
    await writeFile(join(nested, '.git', 'config'), gitConfig);
    await rm(join(nested, 'migration-news.config.yaml'));
    await symlink('.git/config', join(nested, 'migration-news.config.yaml'));
    await symlink('../.git/config', join(nested, 'rel', 'b.md'));
    for (const args of [['validate', 'rel'], ['validate', 'rel/b.md']]) {
      const result = await runMain([...args, '--reporter', 'json', '--now', NOW], { cwd: nested });
      expect(result.stdout + result.stderr, args.join(' ')).not.toContain(TOKEN.slice(0, 12));
      expect(result.stdout, args.join(' ')).toMatch(/Git folder \(\.git\)/);
      expect(result.code).not.toBe(0);
    }
  });

  it('still reads a config file that links to a file beside it', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'config/real.yaml': 'rules:\n  content/raw-html: off\n' });
    await symlink(join(dir, 'config', 'real.yaml'), join(dir, 'migration-news.config.yaml'));
    // The link leads below the folder that holds it: part of the project.
    const result = await runMain(['validate', 'rel', '--now', NOW], { cwd: dir });
    expect(result.stdout).toMatch(/No problems/);
    expect(result.code).toBe(0);
  });

  it('refuses a set\'s template.yaml that is a link to a file outside the project', async () => {
    const secret = await secretFile();
    const dir = await projects({ 'rel/a.md': release(), 'templates/custom/release.txt.liquid': '{{ release.title }}\n' });
    await symlink(secret, join(dir, 'templates', 'custom', 'template.yaml'));
    for (const args of [['templates', 'check', 'custom', 'rel'], ['templates', 'list', '--template', 'custom'], ['build', 'rel', '--template', 'custom', '--format', 'text', '--out', 'out']]) {
      const result = await runMain([...args, '--now', NOW].filter((a) => !(args[1] === 'list' && (a === '--now' || a === NOW))), { cwd: dir });
      expect(result.stdout + result.stderr).not.toContain(MARKER);
      expect(result.stdout + result.stderr).toMatch(/template\.yaml/);
      expect(result.code).not.toBe(0);
    }
  });

  it('refuses a set\'s labels folder, or a labels file, that is a link', async () => {
    const secret = await secretFile();
    await writeFile(join(secret, '..', 'en.yaml'), `contacts: "${MARKER}"\n`);
    const dir = await projects({ 'rel/a.md': release(), 'templates/ll/template.yaml': 'extends: default\n', 'templates/lf/template.yaml': 'extends: default\n', 'templates/lf/labels/az.yaml': 'contacts: Əlaqə\n' });
    await symlink(join(secret, '..'), join(dir, 'templates', 'll', 'labels'));
    await symlink(join(secret, '..', 'en.yaml'), join(dir, 'templates', 'lf', 'labels', 'en.yaml'));
    for (const [set, what] of [['ll', 'labels folder'], ['lf', 'labels file en.yaml']] as const) {
      for (const args of [['templates', 'check', set, 'rel'], ['build', 'rel', '--template', set, '--format', 'text', '--out', `out-${set}`]]) {
        const result = await runMain([...args, '--now', NOW], { cwd: dir });
        expect(result.stdout + result.stderr).not.toContain(MARKER);
        expect(result.stdout + result.stderr).toContain(`The ${what} of the template set "${set}" is a symbolic link; it is not read.`);
        expect(result.code).toBe(1);
      }
    }
  });

  it('reads a set the user names outside the project through the user\'s own link, but not one that leads back into the project\'s links', async () => {
    const themes = projects.track(await fixture({ 'press/template.yaml': 'extends: default\n', 'press/partials/footer.liquid': '<footer>press theme</footer>\n' }));
    await symlink('press', join(themes, 'current'));
    const dir = await projects({ 'rel/a.md': release(), 'templates/house/template.yaml': 'extends: default\n' });
    const elsewhere = projects.track(await fixture({ 'sets/leak/template.yaml': 'extends: default\n' }));
    await symlink(join(elsewhere, 'sets', 'leak'), join(dir, 'templates', 'leak'));
    await symlink(join(dir, 'templates', 'leak'), join(themes, 'into-project'));
    for (const set of ['press', 'current']) {
      const result = await runMain(['build', 'rel', '--template', join(themes, set), '--out', `out-${set}`, '--now', NOW], { cwd: dir });
      expect(result.code, `${set}: ${result.stdout}${result.stderr}`).toBe(0);
    }
    // A link of the user's that leads to a link the project commits: that one is checked as the project's are.
    const back = await runMain(['build', 'rel', '--template', join(themes, 'into-project'), '--out', 'out-back', '--now', NOW], { cwd: dir });
    expect(back.code).toBe(1);
    expect(back.stdout + back.stderr).toMatch(/The template set "into-project" cannot be used/);
  });

  it('refuses a set folder that is a link to a folder outside the project, and never walks the file system', async () => {
    const secret = await secretFile();
    const dir = await projects({ 'rel/a.md': release() });
    await mkdir(join(dir, 'templates'));
    await symlink(join(secret, '..', 'templates', 'leak'), join(dir, 'templates', 'default'));
    await symlink('/', join(dir, 'templates', 'root'));
    for (const set of ['default', 'root']) {
      const started = Date.now();
      const result = await runMain(['build', 'rel', '--template', set, '--out', 'out', '--now', NOW], { cwd: dir });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.stdout + result.stderr).not.toContain(MARKER);
      expect(result.stdout + result.stderr).toMatch(/symbolic link/);
      expect(result.stdout + result.stderr).not.toMatch(/internal error/);
      expect(result.code).not.toBe(0);
    }
  });

  it('refuses a set folder, or the folder of sets, that links out of the project in the same words whether or not a folder is there', async () => {
    const elsewhere = projects.track(await fixture({ 'there/template.yaml': 'extends: default\n', 'sets/default/template.yaml': 'extends: default\n' }));
    const said: string[] = [];
    for (const [link, target, set] of [
      ['templates/default', 'there', 'default'], ['templates/default', 'nothing', 'default'],
      ['templates/default', 'there', './templates/default'], ['templates/default', 'nothing', './templates/default'],
      ['templates', 'sets', 'default'], ['templates', 'no-sets', 'default'],
    ] as const) {
      const dir = await projects({ 'rel/a.md': release() });
      await mkdir(join(dir, 'templates'), { recursive: true });
      if (link === 'templates') await rm(join(dir, 'templates'), { recursive: true });
      await symlink(join(elsewhere, target), join(dir, link));
      const result = await runMain(['build', 'rel', '--template', set, '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code, `${link} -> ${target}`).toBe(1);
      said.push(JSON.stringify((JSON.parse(result.stdout) as { diagnostics: { message: string }[] }).diagnostics.map((d) => d.message)));
    }
    expect(said[0]).toContain('leads outside the project');
    expect(new Set(said).size).toBe(1);
  });

  it('says the same, in validate as in build, of a default set, a folder of sets or a config file linked out of the project, whether or not anything is there', async () => {
    const elsewhere = projects.track(await fixture({ 'there/template.yaml': 'extends: default\n', 'sets/default/template.yaml': 'extends: default\n', 'config.yaml': 'site:\n  url: https://a.example.az\n' }));
    for (const [link, targets] of [['templates/default', ['there', 'nothing']], ['templates', ['sets', 'no-sets']], ['migration-news.config.yaml', ['config.yaml', 'no-config.yaml']]] as const) {
      const said: string[] = [];
      for (const target of targets) {
        const dir = await projects({ 'rel/a.md': release() });
        await mkdir(join(dir, 'templates'), { recursive: true });
        if (link === 'templates') await rm(join(dir, 'templates'), { recursive: true });
        await symlink(join(elsewhere, target), join(dir, link));
        for (const command of ['validate', 'build']) {
          const result = await runMain([command, 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir });
          expect(result.code, `${command}: ${link} -> ${target}`).toBe(1);
          said.push(`${command} ${JSON.stringify((JSON.parse(result.stdout) as { diagnostics: { message: string }[] }).diagnostics.map((d) => d.message))}`);
        }
      }
      // A config file may lead only to a file in its own folder, a set anywhere in the project.
      expect(said[0], link).toContain(link.endsWith('.yaml') ? "leads outside the config file's folder" : 'leads outside the project');
      expect(said.slice(0, 2), link).toEqual(said.slice(2));
    }
  });

  it('never reads through the lock beside the output folder when it is a link, nor a staging folder\'s journal that is no file', async () => {
    const secret = await secretFile();
    const dir = await projects({ 'rel/a.md': release() });
    // The lock's place and a dead build's staging folder lie beside --out: in the checkout, for `--out dist`.
    await symlink(secret, join(dir, '.dist.migration-news-lock'));
    await mkdir(join(dir, '.dist.migration-news-staging-999999999-ab'));
    // Its journal a named pipe: reading one waits for a writer that never comes (a link to /dev/zero took 640 MB).
    execFileSync('mkfifo', [join(dir, '.dist.migration-news-staging-999999999-ab', '.update-journal.json')]);
    const started = Date.now();
    const refused = await runMain(['build', 'rel', '--now', NOW], { cwd: dir });
    expect(refused.stdout + refused.stderr).not.toContain(MARKER);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.dist.migration-news-lock, where the lock of dist goes, is not a lock this tool wrote');
    // Without the link, the build goes on: the dead build's staging folder is cleared away, its journal not read.
    await rm(join(dir, '.dist.migration-news-lock'));
    const built = await runMain(['build', 'rel', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('a dead build\'s staging folder that a pull request committed beside dist/', () => {
  const STAGING = '.dist.migration-news-staging-999999999-ab';
  const journal = (path: string) => JSON.stringify({ files: [{ path, ino: 0, replaced: true }], removed: [path], folders: [] });

  it('whose journal is of another shape is only removed: every build after it goes on', async () => {
    for (const journalText of ['{"files":[null],"removed":[],"folders":[]}', '{"files":[{"path":5}],"removed":[],"folders":[]}', '{"files":[],"removed":[7],"folders":[]}']) {
      const dir = await projects({ 'rel/a.md': release(), [`${STAGING}/.update-journal.json`]: journalText });
      const built = await runMain(['build', 'rel', '--now', NOW], { cwd: dir });
      expect(built.code, `${journalText}: ${built.stderr}`).toBe(0);
      expect((await readdir(dir)).filter((name) => name.includes('staging'))).toEqual([]);
    }
  });

  it('never writes through a link in the output folder: a file elsewhere keeps its text', async () => {
    const elsewhere = projects.track(await fixture({ 'authorized_keys': 'ORIGINAL\n' }));
    const dir = await projects({ 'rel/a.md': release(), [`${STAGING}/.replaced/en/authorized_keys`]: 'ssh-ed25519 AAAA attacker\n', [`${STAGING}/.update-journal.json`]: journal('en/authorized_keys') });
    await mkdir(join(dir, 'dist'));
    await symlink(elsewhere, join(dir, 'dist', 'en'));
    await runMain(['build', 'rel', '--now', NOW], { cwd: dir });
    expect(await readFile(join(elsewhere, 'authorized_keys'), 'utf8')).toBe('ORIGINAL\n');
  });

  it('never moves a file from elsewhere into the output through a link in the staging folder, nor through the staging folder\'s backups being a link', async () => {
    for (const linked of ['.replaced/en', '.replaced']) {
      const secret = await secretFile();
      const folder = join(secret, '..');
      const dir = await projects({ 'rel/a.md': release(), [`${STAGING}/.update-journal.json`]: journal(linked === '.replaced' ? 'id_ed25519' : 'en/id_ed25519') });
      await mkdir(join(dir, STAGING, '.replaced'), { recursive: true });
      if (linked === '.replaced') await rm(join(dir, STAGING, '.replaced'), { recursive: true });
      await symlink(folder, join(dir, STAGING, linked));
      const built = await runMain(['build', 'rel', '--now', NOW], { cwd: dir });
      expect(built.code, built.stderr).toBe(0);
      expect(await readFile(secret, 'utf8'), linked).toBe(SECRET);
      const written = (await readdir(join(dir, 'dist'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      expect(written.map((entry) => entry.name), linked).not.toContain('id_ed25519');
      for (const entry of written) expect(await readFile(join(entry.parentPath, entry.name), 'utf8'), linked).not.toContain(MARKER);
    }
  });
});

describe('an output folder that a pull request turned into a link', () => {
  it('is refused, untouched, when it leads out of the working folder; named by its real path, or a link inside, it is built', async () => {
    const elsewhere = projects.track(await fixture({ 'keep.txt': 'KEEP\n' }));
    for (const [link, out] of [['dist', 'dist'], ['site', 'site/dist']] as const) {
      const dir = await projects({ 'rel/a.md': release() });
      await symlink(elsewhere, join(dir, link));
      const refused = await runMain(['build', 'rel', '--out', out, '--now', NOW], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${out} leads out of the working folder through a link (${link} -> ${elsewhere})`);
      expect(refused.stderr).toContain(`--out ${join(elsewhere, out === 'dist' ? '' : 'dist').replace(/\/$/, '')}`);
      expect((await readdir(elsewhere)).sort()).toEqual(['keep.txt']);
    }
    const dir = await projects({ 'rel/a.md': release() });
    await symlink(elsewhere, join(dir, 'dist'));
    // Named through a link to the working folder, as a shell's $PWD may name it: refused all the same.
    const pwd = join(projects.track(await fixture({})), 'pwd');
    await symlink(dir, pwd);
    const throughPwd = await runMain(['build', 'rel', '--out', join(pwd, 'dist'), '--now', NOW], { cwd: dir });
    expect(throughPwd.code).toBe(2);
    expect(throughPwd.stderr).toContain(`leads out of the working folder through a link (${join(pwd, 'dist')} -> ${elsewhere})`);
    expect((await readdir(elsewhere)).sort()).toEqual(['keep.txt']);
    const named = await runMain(['build', 'rel', '--out', elsewhere, '--now', NOW], { cwd: dir });
    expect(named.code, named.stderr).toBe(0);
    // A link to a folder inside the working folder stays inside.
    await mkdir(join(dir, 'public'));
    await symlink(join(dir, 'public'), join(dir, 'www'));
    const inside = await runMain(['build', 'rel', '--out', 'www', '--now', NOW], { cwd: dir });
    expect(inside.code, inside.stderr).toBe(0);
    expect(await readdir(join(dir, 'public'))).toContain('en');
    // Written through a link to the project (as /tmp is on macOS), or with `..` after a link inside: it stays inside, and is built.
    await mkdir(join(dir, 'a/b/c'), { recursive: true });
    await mkdir(join(dir, 'a/site'));
    await symlink(join(pwd, 'public'), join(dir, 'through-pwd'));
    await symlink('a/b/c', join(dir, 'lnk'));
    await symlink('lnk/../../site', join(dir, 'up'));
    for (const out of ['through-pwd', 'up']) {
      const built = await runMain(['build', 'rel', '--out', out, '--now', NOW], { cwd: dir });
      expect(built.code, `${out}: ${built.stderr}`).toBe(0);
    }
    expect(await readdir(join(dir, 'a/site'))).toContain('en');
  });
});

describe('an output folder behind a link out of the working folder, whether or not anything is there', () => {
  it('is refused in the same words, naming the link and the place it names, never what the system makes of it', async () => {
    const elsewhere = projects.track(await fixture({ 'away-yes/keep.txt': 'KEEP\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n' }));
    const said = [];
    for (const [links, note] of [
      [[['dist', join(elsewhere, 'away-yes')]], 'a folder that is there'],
      [[['dist', join(elsewhere, 'away-no')]], 'a folder that is not'],
      [[['dist', 'step'], ['step', join(elsewhere, 'away-no')]], 'through a link to a link to nothing'],
    ] as const) {
      const dir = await projects({ 'rel/a.md': release() });
      for (const [link, target] of links) await symlink(target, join(dir, link));
      const result = await runMain(['build', 'rel', '--out', 'dist', '--now', NOW], { cwd: dir });
      expect(result.code, note).toBe(2);
      said.push(result.stderr.replace(/away-yes|away-no/g, 'X').replace(/\(dist -> step\)|\(step -> [^)]*\)|\(dist -> [^)]*\)/, '(LINK)'));
    }
    expect(said[0]).toContain(`dist leads out of the working folder through a link (LINK), to ${join(elsewhere, 'X')}; the build would write there.`);
    expect(new Set(said).size).toBe(1);
    expect(await readdir(join(elsewhere, 'away-yes'))).toEqual(['keep.txt']);
    // Into another checkout's .git, whether or not the folder there is: refused as version control, with no --out to try.
    for (const target of ['repo/.git/hooks', 'repo/.git/not-there']) {
      const dir = await projects({ 'rel/a.md': release() });
      await symlink(join(elsewhere, target), join(dir, 'dist'));
      const result = await runMain(['build', 'rel', '--out', 'dist', '--now', NOW], { cwd: dir });
      expect(result.code, target).toBe(2);
      expect(result.stderr, target).toContain('a version-control folder');
      expect(result.stderr, target).not.toContain('--out /');
    }
  });
});

describe('an output folder that leads into version control or onto the project\'s own files', () => {
  const GIT = { '.git/HEAD': 'ref: refs/heads/main\n', '.git/hooks/pre-commit.sample': '#!/bin/sh\n' };

  it('is refused, with nothing written, when it is a link to the repository\'s .git folder or lies in one, as named or through a link', async () => {
    const cases: { link?: [string, string]; out: string; message: string }[] = [
      { link: ['dist', '.git'], out: 'dist', message: 'dist leads through a link (dist -> .git) into .git, a version-control folder, where the repository keeps its history, hooks and settings; the build would write there. It was not touched.' },
      { link: ['site', '.git/hooks'], out: 'site/dist', message: 'site/dist leads through a link (site -> .git/hooks) into .git, a version-control folder,' },
      { link: ['public', 'vendor/lib/.hg'], out: 'public', message: 'public leads through a link (public -> vendor/lib/.hg) into vendor/lib/.hg, a version-control folder,' },
      { out: '.git/site', message: '.git/site lies in .git, a version-control folder,' },
      { out: '.GIT', message: '.GIT is a version-control folder,' },
      { out: 'vendor/.svn', message: 'vendor/.svn is a version-control folder,' },
    ];
    for (const { link, out, message } of cases) {
      const dir = await projects({ 'rel/a.md': release(), ...GIT, 'vendor/lib/.hg/requires': 'store\n', 'vendor/.svn/wc.db': 'db\n' });
      if (link) await symlink(link[1], join(dir, link[0]));
      const before = await listTree(dir, true);
      const result = await runMain(['build', 'rel', '--out', out, '--now', NOW], { cwd: dir });
      expect(result.code, out).toBe(2);
      expect(result.stderr, out).toContain(message);
      expect(await listTree(dir, true), out).toEqual(before);
      expect(await readFile(join(dir, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    }
  });

  it('is refused when it is, or leads into, the repository\'s folder under another name, as a .git file names it', async () => {
    for (const [link, out, message] of [
      ['dist', 'dist', 'dist leads through a link (dist -> .gitdata/hooks) into .gitdata, a version-control folder,'],
      [undefined, '.gitdata/site', '.gitdata/site lies in .gitdata, a version-control folder,'],
    ] as const) {
      const dir = await projects({ 'rel/a.md': release(), '.git': 'gitdir: .gitdata\n', '.gitdata/HEAD': 'ref: refs/heads/main\n', '.gitdata/hooks/pre-commit.sample': '#!/bin/sh\n' });
      if (link) await symlink('.gitdata/hooks', join(dir, link));
      const before = await listTree(dir, true);
      const result = await runMain(['build', 'rel', '--out', out, '--now', NOW], { cwd: dir });
      expect(result.code, out).toBe(2);
      expect(result.stderr, out).toContain(message);
      expect(await listTree(dir, true), out).toEqual(before);
    }
  });

  it('is refused when a link leads to the working folder itself or to a folder holding the releases; a link to a folder of its own is built', async () => {
    const elsewhere = projects.track(await fixture({ 'a.md': release() }));
    const cases: { link: [string, string]; input: string; out: string; message: string }[] = [
      { link: ['dist', '.'], input: elsewhere, out: 'dist', message: 'dist leads through a link (dist -> .) to the working folder itself; the build would write its site among the project\'s files. It was not touched.' },
      { link: ['dist', 'content/..'], input: 'content/rel', out: 'dist', message: 'dist leads through a link (dist -> content/..) to the working folder itself;' },
      { link: ['site', 'content'], input: 'content/rel', out: 'site', message: 'site leads through a link (site -> content) to content, which holds the input content/rel;' },
    ];
    for (const { link, input, out, message } of cases) {
      const dir = await projects({ 'content/rel/a.md': release(), ...GIT });
      await symlink(link[1], join(dir, link[0]));
      const before = await listTree(dir, true);
      const result = await runMain(['build', input, '--out', out, '--now', NOW], { cwd: dir });
      expect(result.code, link.join(' -> ')).toBe(2);
      expect(result.stderr, link.join(' -> ')).toContain(message);
      expect(await listTree(dir, true), link.join(' -> ')).toEqual(before);
    }
    const dir = await projects({ 'content/rel/a.md': release(), ...GIT });
    await mkdir(join(dir, 'public'));
    await symlink('public', join(dir, 'dist'));
    const built = await runMain(['build', 'content/rel', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(await readdir(join(dir, 'public'))).toContain('en');
  });
});

describe('a release folder or file that a pull request turned into a link', () => {
  it('is reported by a glob as by a folder\'s search: a link out, a pipe and a link to a device are each named, none read', async () => {
    const secret = await secretFile();
    const dir = await projects({ 'releases/a.md': release() });
    await symlink(secret, join(dir, 'releases', 'pw.md'));
    await symlink('/dev/zero', join(dir, 'releases', 'zero.md'));
    execFileSync('mkfifo', [join(dir, 'releases', 'fifo.md')]);
    const rulesOf = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics.map((d) => `${d.file} ${d.ruleId}`);
    const searched = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir });
    for (const pattern of ['releases/**/*.md', 'releases/*.md', './releases/*.md']) {
      const matched = await runMain(['validate', pattern, '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(matched.code, pattern).toBe(1);
      expect(matched.stdout, pattern).not.toContain(MARKER);
      expect(rulesOf(matched.stdout), pattern).toEqual(rulesOf(searched.stdout));
    }
    expect(rulesOf(searched.stdout)).toEqual(['releases/fifo.md file/unreadable', 'releases/pw.md file/unreadable', 'releases/zero.md file/unreadable']);
    // Hidden folders are left out, as the glob leaves them; and a pattern's folder that is a link out of the working folder names nothing there.
    await mkdir(join(dir, 'releases', '.trash'));
    await symlink(secret, join(dir, 'releases', '.trash', 'old.md'));
    const hidden = await runMain(['validate', 'releases/**/*.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(rulesOf(hidden.stdout)).toEqual(rulesOf(searched.stdout));
    // A search of the folder leaves it out too, as the glob does.
    expect(rulesOf((await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout)).toEqual(rulesOf(searched.stdout));
    const outside = projects.track(await fixture({ 'x.md': release({ title: 'Outside' }) }));
    execFileSync('mkfifo', [join(outside, 'pipe.md')]);
    await symlink(outside, join(dir, 'linked'));
    const linked = await runMain(['validate', 'linked/*.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(linked.stdout).not.toContain('pipe.md');
  });

  it('is read by a glob that starts outside the working folder as by a search of its folder, written with `..` or absolute', async () => {
    const dir = await projects({ 'releases/en/a.md': release({ id: 'a' }), 'site/.keep': '' });
    await symlink('a.md', join(dir, 'releases', 'en', 'latest.md'));
    const site = join(dir, 'site');
    const read = async (path: string) => {
      const result = await runMain(['validate', path, '--reporter', 'json', '--now', NOW], { cwd: site });
      return { files: (JSON.parse(result.stdout) as { summary: { files: number } }).summary.files, said: diagnosticsOf(result.stdout).map((d) => `${d.file} ${d.ruleId}`).sort() };
    };
    const searched = await read('../releases');
    // The link and the file it names are one release read twice: its id is claimed twice.
    expect(searched.files).toBe(2);
    expect(searched.said).toContain(`${join(dir, 'releases', 'en', 'latest.md')} id/duplicate`);
    // Before, the glob passed over the link and said nothing: a build published without it.
    for (const pattern of ['../releases/**/*.md', './../releases/en/*.md', `${site}/../releases/**/*.md`, `${dir}/releases/**/*.md`]) expect(await read(pattern), pattern).toEqual(searched);
  });

  it('is a link out of the folder searched in the same words whether it leads to a file, a folder or nothing there', async () => {
    const elsewhere = projects.track(await fixture({ 'a.md': release(), 'folder/b.md': release() }));
    const dir = await projects({ 'rel/own.md': release({ id: 'own' }) });
    for (const [name, target] of [['file.md', 'a.md'], ['folder.md', 'folder'], ['none.md', 'none.md'], ['none-below.md', 'nothing/none.md']] as const) await symlink(join(elsewhere, target), join(dir, 'rel', name));
    const result = await runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const said = diagnosticsOf(result.stdout).filter((d) => d.file !== 'rel/own.md').map((d) => `${d.file} ${d.message}`);
    expect(said.sort()).toEqual(['file.md', 'folder.md', 'none-below.md', 'none.md'].map((name) => `rel/${name} The file is a symbolic link to a file outside the working folder and the folder searched; it is not read.`));
  });

  it('is not read when it leads out of the working folder, named, searched or matched by a glob; one named outside it is', async () => {
    const outside = projects.track(await fixture({ 'en/x.md': release({ title: 'Outside', bogus: MARKER }) }));
    const dir = await projects({ 'releases/en/a.md': release() });
    await symlink(join(outside, 'en'), join(dir, 'releases', 'linked'));
    await symlink(join(outside, 'en'), join(dir, 'elsewhere'));
    await symlink(join(outside, 'en', 'x.md'), join(dir, 'direct.md'));
    // The working folder named through a link to it, as a shell's $PWD may name it.
    const through = join(outside, 'project-link');
    await symlink(dir, through);
    for (const paths of [['elsewhere'], ['releases/linked'], ['releases/linked/*.md'], ['direct.md'], ['releases'], [join(through, 'elsewhere')], [join(through, 'direct.md')], [`${through}/releases/linked/*.md`]]) {
      const result = await runMain(['validate', ...paths, '--now', NOW], { cwd: dir });
      expect(result.stdout + result.stderr, paths.join(' ')).not.toContain(MARKER);
      expect(result.stderr, paths.join(' ')).not.toMatch(/internal error/);
    }
    const named = await runMain(['validate', join(outside, 'en'), '--now', NOW], { cwd: dir });
    expect(named.stdout).toContain(MARKER);
    const refused = await runMain(['validate', 'elsewhere', 'direct.md', '--now', NOW], { cwd: dir });
    expect(refused.code).toBe(1);
    // In the same words for a folder and a file, as for nothing there: which it is would tell what exists elsewhere.
    for (const name of ['elsewhere', 'direct\\.md']) expect(refused.stdout).toMatch(new RegExp(`${name}\\n\\s+1:1\\s+error\\s+The path is, or lies under, a symbolic link that leads out of the working folder; it is not read\\.`));
  });
});

describe('a link that goes out of the project and comes back', () => {
  /**
   * A project beside a folder `probe`, with links whose text passes through
   * it (`../probe/../project/…`): the system follows such a link only when
   * `probe` exists, so a pull request that commits one could learn from the
   * outcome which folders exist on the machine.
   */
  const outAndBack = async (files: Record<string, string | Uint8Array>, links: readonly (readonly [string, string])[], probe: Record<string, string> = { 'probe/.keep': '' }) => {
    const outer = projects.track(await fixture(probe));
    const dir = join(outer, 'project');
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    for (const [link, target] of links) await symlink(target.replaceAll('PROJECT', basename(dir)), join(dir, link));
    return { dir, probe: join(outer, 'probe') };
  };
  const image = (src: string, id = 'pictured') => release({ id, slug: id }, `![The queue](${src})\n`);

  it('is refused in the same words whether or not the folder it passes exists, wherever the project reads or writes through it', async () => {
    const cases: { note: string; files: Record<string, string | Uint8Array>; links: [string, string][]; args: string[]; said: RegExp; probe?: Record<string, string> }[] = [
      { note: 'a release found in a folder', files: { 'rel/a.md': release(), 'store/l.md': release({ id: 'linked' }) }, links: [['rel/l.md', '../../probe/../PROJECT/store/l.md']], args: ['validate', 'rel'], said: /rel\/l\.md\n.*symbolic link to a file outside/ },
      { note: 'a release folder named', files: { 'kept/a.md': release() }, links: [['rel', '../probe/../PROJECT/kept']], args: ['validate', 'rel'], said: /rel\n.*The path is, or lies under, a symbolic link that leads out of the working folder/ },
      { note: 'a glob through it', files: { 'kept/a.md': release() }, links: [['rel', '../probe/../PROJECT/kept']], args: ['validate', 'rel/*.md'], said: /rel\/\*\.md\n.*leads out of the working folder/ },
      { note: 'an image', files: { 'rel/a.md': image('photos/queue.png'), 'pics/queue.png': png(4, 3) }, links: [['rel/photos', '../../probe/../PROJECT/pics']], args: ['validate', 'rel'], said: /photos\/queue\.png.*leads outside the project/ },
      { note: 'an image spelt otherwise, which a hint would name', files: { 'rel/a.md': image('photos/Queue.png'), 'pics/queue.png': png(4, 3) }, links: [['rel/photos', '../../probe/../PROJECT/pics']], args: ['validate', 'rel'], said: /photos\/Queue\.png.*leads outside the project/ },
      { note: 'the config file', files: { 'rel/a.md': release(), 'conf/real.yaml': 'organisation:\n  name: Elsewhere\n' }, links: [['migration-news.config.yaml', '../probe/../PROJECT/conf/real.yaml']], args: ['validate', 'rel'], said: /migration-news\.config\.yaml\n.*symbolic link/ },
      { note: 'a template set', files: { 'rel/a.md': release(), 'sets/house/template.yaml': 'extends: default\n' }, links: [['templates', '../probe/../PROJECT/sets']], args: ['build', 'rel', '--out', 'out', '--template', 'templates/house'], said: /symbolic link/ },
      { note: 'the output folder', files: { 'rel/a.md': release(), 'site/.keep': '' }, links: [['dist', '../probe/../PROJECT/site']], args: ['build', 'rel', '--out', 'dist'], said: /dist leads out of the working folder and back through a link \(dist -> \.\.\/probe\/\.\.\/project\/site\)/ },
      // `..` after a link that goes out and back: by its text, `sub/../../site` leaves the working folder.
      { note: 'the output folder through another link', files: { 'rel/a.md': release(), 'a/b/.keep': '', 'site/.keep': '' }, links: [['sub', '../probe/../PROJECT/a/b'], ['dist', 'sub/../../site']], args: ['build', 'rel', '--out', 'dist'], said: /dist leads out of the working folder through a link \(dist -> sub\/\.\.\/\.\.\/site\)/ },
      // The project's templates folder is left out of the search by where the system takes it, only where that never leaves the project.
      { note: 'the templates folder', files: { 'rel/a.md': release(), 'rel/more/b.md': release({ id: 'more', slug: 'more' }) }, links: [['templates', '../probe/../PROJECT/rel/more']], args: ['validate', 'rel'], said: /template set "default" cannot be used\. It is a symbolic link \(or lies behind one\) that leads outside the project/ },
      // A file in a Git folder elsewhere is a file outside, whether or not it is there.
      { note: 'a file in a Git folder elsewhere', files: { 'rel/a.md': release() }, links: [['rel/b.md', '../../probe/.git/config']], args: ['validate', 'rel'], said: /rel\/b\.md\n.*symbolic link to a file outside/, probe: { 'probe/.git/config': '[core]\n' } },
    ];
    for (const { note, files, links, args, said, probe: probeFiles } of cases) {
      const { dir, probe } = await outAndBack(files, links, probeFiles);
      const there = await runMain([...args, '--now', NOW], { cwd: dir });
      await rm(probe, { recursive: true });
      const gone = await runMain([...args, '--now', NOW], { cwd: dir });
      expect(there.code, note).not.toBe(0);
      expect(there.stdout + there.stderr, note).toMatch(said);
      expect({ code: there.code, stdout: there.stdout, stderr: there.stderr }, note).toEqual({ code: gone.code, stdout: gone.stdout, stderr: gone.stderr });
      expect(await readdir(dir), note).not.toContain('out');
    }
  });

  it('is no internal error where an output folder lies behind a link in a circle', async () => {
    const dir = await projects({ 'rel/a.md': release() });
    await symlink('d2', join(dir, 'dist'));
    await symlink('dist', join(dir, 'd2'));
    const result = await runMain(['build', 'rel', '--out', 'dist/x', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('migration-news: dist/x is, or lies behind, a symbolic link in a circle; the build cannot write there. It was not touched.\nhint: Remove the link, or name another folder with --out.\n');
  });

  it('is followed where it only climbs to a folder on the way to the project, or comes in through a link of the user\'s own', async () => {
    const { dir } = await outAndBack({ 'rel/a.md': image('photos/queue.png'), 'rel/b.md': image('direct/queue.png', 'direct'), 'pics/queue.png': png(4, 3), 'store/l.md': release({ id: 'linked', slug: 'linked' }) }, [
      ['rel/photos', '../../PROJECT/pics'],
      ['rel/l.md', '../../PROJECT/store/l.md'],
    ]);
    // The project as its user may name it, through a link of theirs outside it (a shell's $PWD, /tmp on macOS).
    const through = projects.track(await fixture({}));
    await symlink(dir, join(through, 'named'));
    await symlink(join(through, 'named', 'pics'), join(dir, 'rel', 'direct'));
    const result = await runMain(['build', 'rel', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(await listTree(join(dir, 'dist', 'en'))).toEqual(expect.arrayContaining(['linked.html', 'pictured/queue.png', 'direct/queue.png']));
    const named = await runMain(['build', join(through, 'named', 'rel'), '--out', join(through, 'named', 'dist2'), '--now', NOW], { cwd: dir });
    expect(named.code, named.stdout + named.stderr).toBe(0);
  });
});

describe('messages quote a short, escaped excerpt at most', () => {
  const long = `${'x'.repeat(110)}${MARKER}${'y'.repeat(200)}`;

  it('in a front matter or config file that is a single value', async () => {
    const dir = await projects({ 'rel/a.md': `---\n"${long}"\n---\nBody.\n`, 'other/b.md': release(), 'other/migration-news.config.yaml': `"${long}"\n` });
    for (const reporter of REPORTERS) {
      for (const folder of ['rel', 'other']) {
        const result = await runMain(['validate', folder, '--reporter', reporter, '--now', NOW], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/not-a-mapping/);
        expect(result.stdout + result.stderr).not.toContain(MARKER);
      }
    }
  });

  it('in a front matter language, a duplicate key and a YAML error', async () => {
    const dir = await projects({
      'rel/lang.md': `---${'j'.repeat(110)}${MARKER}\ntitle: x\n---\nBody.\n`,
      'rel/dup.md': `---\n${long}: 1\n${long}: 2\n---\nBody.\n`,
      'rel/alias.md': `---\ntitle: *${'a'.repeat(110)}${MARKER}${'b'.repeat(200)}\n---\nBody.\n`,
      'rel/enum.md': release({ status: `"${long}"` }),
      'rel/ctl.md': `---\ntitle: "\\u001b]0;${long}\\u0007"\n---\nBody.\n`,
    });
    for (const reporter of REPORTERS) {
      const result = await runMain(['validate', 'rel', '--reporter', reporter, '--now', NOW], { cwd: dir });
      expect(result.code).toBe(1);
      const messages = reporter === 'json'
        ? (JSON.parse(result.stdout) as { diagnostics: { message: string; actual: string | null; ruleId: string }[] }).diagnostics
        : [];
      for (const d of messages) {
        expect(d.message, d.ruleId).not.toContain(MARKER);
        expect(d.actual ?? '', d.ruleId).not.toContain(MARKER);
      }
      if (reporter === 'stylish') {
        // The code frame shows the line around the place, cut to a frame's width.
        for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThan(400);
      }
      expect(result.stdout + result.stderr).not.toMatch(TERMINAL_HAZARDS);
    }
  });
});

describe('a secret placed in a project file cannot be quoted whole either', () => {
  it('a release that is a key file (named on the command line, read) shows no more than a frame of it', async () => {
    const dir = await projects({});
    await writeFile(join(dir, 'key.md'), SECRET);
    const result = await runMain(['validate', 'key.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(MARKER);
  });
});
