// The rejects folder beside the store is an output place: one that cannot take the rejected rows is exit 2 with
// a message naming it as a folder (a read-only file system says so), never exit 3 "…/rejects: the file could
// not be read or written" (issue 17, round 8: `import --dry-run` of a store on a read-only mount).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs, Workdir } from '../helpers/cli.js';
import { join } from 'node:path';

const newWorkdir = useWorkdirs();

const SURVEY = ['respondent_id;wave;district;sex;age;unsafe_freq', 'R1;2026;Oudegem;M;old;2', 'R2;2026;Oudegem;F;40;2'].join('\n');

const mount = (...args: string[]) => spawnSync('mount', args, { encoding: 'utf8' }).status === 0;

const dir = new Workdir();
const disk = dir.path('disk');
mkdirSync(disk);
const mounted = mount('-t', 'tmpfs', '-o', 'size=4m,mode=700', 'none', disk);
if (!mounted) console.warn('skipping the read-only rejects folder test: mount is not allowed here');

describe.skipIf(!mounted)('a dry run of a store on a read-only file system', () => {
  beforeAll(async () => {
    dir.write({ 'survey.csv': SURVEY });
    const population = await dir.run(['--store', 'disk/safety-scan.db', 'import', '--kind', 'population', join(DEMO, 'population.csv')]);
    expect(population.code, explain(population)).toBe(0);
    expect(mount('-o', 'remount,ro', disk)).toBe(true);
  });
  afterAll(() => {
    spawnSync('umount', [disk]);
    dir.remove();
  });

  it.each(['en', 'nl', 'fr'])('that rejects rows is exit 2, naming the rejects folder as on a read-only file system (%s)', async (lang) => {
    const run = await dir.run(['--lang', lang, '--store', 'disk/safety-scan.db', 'import', '--dry-run', '--kind', 'survey', 'survey.csv']);
    expect(run.code, explain(run)).toBe(2);
    const folder = dir.path('disk', 'rejects');
    const expected = {
      en: `error: the rejects folder ${folder} is on a read-only file system`,
      nl: `fout: de map voor geweigerde rijen ${folder} staat op een alleen-lezen bestandssysteem`,
      fr: `erreur\u202f: le dossier des lignes rejetées ${folder} se trouve sur un système de fichiers en lecture seule`,
    }[lang];
    expect(run.stderr.startsWith(expected as string), explain(run)).toBe(true);
    expect(run.stderr).not.toContain('could not be read or written');
    expect(run.stderr).not.toContain('--help');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(disk)).not.toContain('rejects');
  });
});

describe('a rejects folder that cannot take files', () => {
  it('is exit 2 naming the folder, when a file stands at its name', async () => {
    const workdir = newWorkdir();
    workdir.write({ 'survey.csv': SURVEY });
    const population = await workdir.run(['import', '--kind', 'population', join(DEMO, 'population.csv')]);
    expect(population.code, explain(population)).toBe(0);
    writeFileSync(workdir.path('rejects'), 'a file of the user\n');
    const run = await workdir.run(['import', '--dry-run', '--kind', 'survey', 'survey.csv']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr.trim()).toBe(
      `error: the rejects folder ${workdir.path('rejects')} cannot take the rejected rows: it is not a folder (or part of the path is not); nothing was stored. Rejects files go to the folder \`rejects\` beside the store: make it a folder you may write in, or name another store with --store.`,
    );
  });
});

describe('a rejects folder the rejected rows would not be private in (r12, 13)', () => {
  it('is exit 2 when it is a symbolic link, and nothing is written where the link points', async () => {
    const workdir = newWorkdir();
    workdir.write({ 'survey.csv': SURVEY });
    expect((await workdir.run(['import', '--kind', 'population', join(DEMO, 'population.csv')])).code).toBe(0);
    mkdirSync(workdir.path('else'));
    symlinkSync('else', workdir.path('rejects'));
    const run = await workdir.run(['import', '--kind', 'survey', 'survey.csv']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr.trim()).toMatch(
      `error: the rejects folder ${workdir.path('rejects')} cannot take the rejected rows: it is a symbolic link, which safety-scan does not write through; nothing was stored.`,
    );
    expect(readdirSync(workdir.path('else'))).toEqual([]);
    const status = await workdir.run(['status', '--json']);
    expect(JSON.parse(status.stdout).batches).toHaveLength(1);
  });

  it('is made the owner’s only (0700) when it is the user’s and open to others, and the summary says so', async () => {
    const workdir = newWorkdir();
    workdir.write({ 'survey.csv': SURVEY });
    expect((await workdir.run(['import', '--kind', 'population', join(DEMO, 'population.csv')])).code).toBe(0);
    mkdirSync(workdir.path('rejects'));
    chmodSync(workdir.path('rejects'), 0o755);
    const run = await workdir.run(['import', '--kind', 'survey', 'survey.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain(`the rejects folder ${workdir.path('rejects')} was open to other users: it is now yours only (mode 0700)`);
    expect(statSync(workdir.path('rejects')).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(workdir.path('rejects'));
    expect(statSync(workdir.path('rejects', file)).mode & 0o777).toBe(0o600);
  });
});
