// A store, its folder or the key folder on a file system mounted read-only (EROFS, which binds root too) is a
// store error (exit 5) saying the file system is read-only: not "could not be used: EROFS ...", not "no such
// file" (Node's recursive mkdir says ENOENT there), not advice to chmod, which a read-only mount refuses.
// Needs a tmpfs mounted read-only: skipped where this process may not mount one (not root, a container without it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const survey = (start: number) =>
  ['respondent_id;wave;district;sex;age;unsafe_freq;avoid_places', ...Array.from({ length: 6 }, (_, i) => `R${start + i};2026;Oudegem;${i % 2 ? 'M' : 'F'};${30 + i};${1 + i};${i % 2}`)].join('\n');

const mount = (...args: string[]) => spawnSync('mount', args, { encoding: 'utf8' }).status === 0;

const dir = new Workdir();
const disk = dir.path('disk');
mkdirSync(disk);
const mounted = mount('-t', 'tmpfs', '-o', 'size=4m,mode=700', 'none', disk);

describe.skipIf(!mounted)('a read-only file system (issue 17, A7)', () => {
  dir.write({ 'a.csv': survey(1), 'b.csv': survey(4) });
  const store = dir.path('disk', 'safety-scan.db');
  const readOnly = (folder: string) => `${folder} is on a read-only file system, so the store cannot be made or changed there; nothing was written.`;

  beforeAll(async () => {
    const first = await dir.run(['--store', store, 'import', '--kind', 'survey', 'a.csv']);
    expect(first.code, explain(first)).toBe(0);
    expect(mount('-o', 'remount,ro', disk)).toBe(true);
  });
  afterAll(() => {
    spawnSync('umount', [disk]);
    dir.remove();
  });

  it.each([
    ['an import into a store there', ['--store', 'disk/safety-scan.db', 'import', '--kind', 'survey', 'b.csv'], 'disk/safety-scan.db'],
    ['forget on a store there', ['--store', 'disk/safety-scan.db', 'forget', '1'], 'disk/safety-scan.db'],
    ['an import into a new store there', ['--store', 'disk/new.db', 'import', '--kind', 'survey', 'b.csv'], 'disk/new.db'],
    ['an import into a new store in a new folder there', ['--store', 'disk/zone/new.db', 'import', '--kind', 'survey', 'b.csv'], 'disk/zone/new.db'],
  ])('%s is exit 5 saying so', async (_what, args, named) => {
    const run = await dir.run(args);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr.trim()).toBe(`error: ${readOnly(dir.path(named))} Name a store on a writable disk with --store, or have the disk mounted read-write.`);
  });

  it('the store there is still read', async () => {
    const run = await dir.run(['--store', store, 'status']);
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(disk).filter((name) => name.startsWith('safety-scan.db'))).toEqual(['safety-scan.db']);
  });

  it('a key folder there is exit 5 saying the file system is read-only, and the new store goes again', async () => {
    const run = await dir.run(['--store', 'elsewhere.db', 'import', '--kind', 'survey', 'b.csv'], { env: { XDG_CONFIG_HOME: dir.path('disk', 'config') } });
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`cannot write the pseudonymisation key ${dir.path('disk', 'config', 'safety-scan', 'keys')}/`);
    expect(run.stderr).toContain('(the file system is read-only); nothing was imported.');
    expect(readdirSync(dir.dir)).not.toContain('elsewhere.db');
  });
});

// without a mount the folder goes at once
if (!mounted) dir.remove();
