// Where the pseudonymisation key lives, and what is refused there (issue 17, A11): a relative XDG_CONFIG_HOME is
// ignored (XDG Base Directory spec), no absolute HOME is refused rather than keeping keys in the current folder,
// and a key folder or key file that another user could swap or read is refused (exit 5) naming it and the fix.
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Workdir, explain, useWorkdirs } from '../helpers/cli.js';
import { keyBesideStore, keyFolder } from '../../src/store/key.js';

function survey(start: number): string {
  const rows = Array.from({ length: 6 }, (_, i) => `R${start + i};2026;Oudegem;${i % 2 ? 'M' : 'F'};${30 + i};${1 + (i % 5)};${i % 2}`);
  return ['respondent_id;wave;district;sex;age;unsafe_freq;avoid_places', ...rows].join('\n');
}

const mode = (path: string) => statSync(path).mode & 0o777;
const asRoot = process.getuid?.() === 0;
const SOMEONE_ELSE = 1000;

describe('a key file inside its store\'s folder (keyBesideStore)', () => {
  it.each([
    ['/srv/zone/.config/safety-scan/keys/a.key', '/srv/zone/safety-scan.db', true],
    ['/srv/zone/keys/a.key', '/srv/zone/safety-scan.db', true],
    ['/srv/zone/a.key', '/srv/zone/safety-scan.db', true],
    ['/home/me/.config/safety-scan/keys/a.key', '/srv/zone/safety-scan.db', false],
    ['/srv/zone-keys/a.key', '/srv/zone/safety-scan.db', false],
    ['/srv/a.key', '/srv/zone/safety-scan.db', false],
    ['/srv/zone/..keys/a.key', '/srv/zone/safety-scan.db', true],
  ])('%s beside %s: %s', (file, store, beside) => {
    expect(keyBesideStore(file, store)).toBe(beside);
  });
});

describe('the key folder (XDG Base Directory spec)', () => {
  it.each([
    [{ XDG_CONFIG_HOME: '/etc/xdg-me', HOME: '/home/me' }, '/etc/xdg-me/safety-scan/keys'],
    [{ XDG_CONFIG_HOME: 'cfg', HOME: '/home/me' }, '/home/me/.config/safety-scan/keys'],
    [{ XDG_CONFIG_HOME: './cfg', HOME: '/home/me' }, '/home/me/.config/safety-scan/keys'],
    [{ XDG_CONFIG_HOME: '', HOME: '/home/me' }, '/home/me/.config/safety-scan/keys'],
    [{ HOME: '/home/me' }, '/home/me/.config/safety-scan/keys'],
  ])('%o: %s', (env, folder) => {
    expect(keyFolder({ env })).toBe(folder);
  });

  it.each([[{}], [{ HOME: '' }], [{ HOME: 'me' }], [{ HOME: '.' }], [{ HOME: 'me', XDG_CONFIG_HOME: 'cfg' }]])('%o: none', (env) => {
    expect(() => keyFolder({ env })).toThrow(expect.objectContaining({ kind: 'store', detail: { key: 'key.no_home', params: {} } }));
  });
});

describe('where an import keeps the key', () => {
  const workdir = useWorkdirs();

  it('a relative XDG_CONFIG_HOME is ignored: the key goes to ~/.config, not beside the store; new folders are 0700', async () => {
    const dir = workdir().write({ 'a.csv': survey(1) });
    const run = await dir.run(['--store', 'zone.db', 'import', '--kind', 'survey', 'a.csv'], { env: { XDG_CONFIG_HOME: 'cfg' } });
    expect(run.code, explain(run)).toBe(0);
    expect(existsSync(dir.path('cfg'))).toBe(false);
    expect(readdirSync(dir.keys())).toHaveLength(1);
    for (const folder of [['.config'], ['.config', 'safety-scan'], ['.config', 'safety-scan', 'keys']]) expect(mode(dir.homePath(...folder)), folder.join('/')).toBe(0o700);
  });

  it.each([
    ['a relative HOME', { HOME: 'home' }],
    ['a relative HOME and XDG_CONFIG_HOME', { HOME: 'home', XDG_CONFIG_HOME: 'cfg' }],
    ['no HOME', { HOME: undefined }],
  ])('%s is exit 5 saying so; no key is written in the current folder, no store left', async (_what, env) => {
    const dir = workdir().write({ 'a.csv': survey(1) });
    const run = await dir.run(['--store', 'zone.db', 'import', '--kind', 'survey', 'a.csv'], { env });
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain('there is no folder to keep the pseudonymisation key in: HOME is not an absolute path');
    expect(readdirSync(dir.dir).sort()).toEqual(['a.csv']);
  });

  it('without HOME, SAFETY_SCAN_KEY still works (it needs no key folder)', async () => {
    const dir = workdir().write({ 'a.csv': survey(1) });
    const run = await dir.run(['--store', 'zone.db', 'import', '--kind', 'survey', 'a.csv'], { env: { HOME: undefined, SAFETY_SCAN_KEY: '8778c12252ecc3aeb4d8794ba56006183c308f39f78d7720a9560cb894673f64' } });
    expect(run.code, explain(run)).toBe(0);
  });
});

describe('a key folder or key file another user could swap or read', () => {
  const workdir = useWorkdirs();

  /** A store with respondents and its key file; `change` then works on the folders and file. */
  async function keyed(change: (paths: { config: string; keys: string; file: string; dir: Workdir }) => void) {
    const dir = workdir().write({ 'a.csv': survey(1), 'b.csv': survey(4) });
    const first = await dir.run(['--store', 'zone.db', 'import', '--kind', 'survey', 'a.csv']);
    expect(first.code, explain(first)).toBe(0);
    const keys = dir.keys();
    const file = join(keys, readdirSync(keys)[0]);
    change({ config: dir.homePath('.config', 'safety-scan'), keys, file, dir });
    return { dir, keys, file, config: dir.homePath('.config', 'safety-scan'), run: await dir.run(['--store', 'zone.db', 'import', '--kind', 'survey', 'b.csv']) };
  }

  /** Moves a folder aside and puts a symbolic link to it in its place. */
  const linked = (folder: string) => {
    renameSync(folder, `${folder}-real`);
    symlinkSync(`${folder}-real`, folder);
  };

  it.each([
    ['the keys folder is a link', ({ keys }: { keys: string }) => linked(keys), (p: Paths) => `the key folder ${p.keys} is a symbolic link`],
    ['the safety-scan folder is a link', ({ config }: { config: string }) => linked(config), (p: Paths) => `the key folder ${p.config} is a symbolic link`],
    ['the keys folder is group-writable', ({ keys }: { keys: string }) => chmodSync(keys, 0o770), (p: Paths) => `other users may write in the key folder ${p.keys} and could swap the pseudonymisation key, so it is not used. Make the folder private: \`chmod 700 ${p.keys}\`.`],
    ['the keys folder is writable by all', ({ keys }: { keys: string }) => chmodSync(keys, 0o777), (p: Paths) => `Make the folder private: \`chmod 700 ${p.keys}\`.`],
    ['the safety-scan folder is group-writable', ({ config }: { config: string }) => chmodSync(config, 0o775), (p: Paths) => `\`chmod 700 ${p.config}\``],
    ['the key file is a link', ({ file }: { file: string }) => linked(file), (p: Paths) => `the key file ${p.file} is a symbolic link`],
    ['the key file is readable by others', ({ file }: { file: string }) => chmodSync(file, 0o604), (p: Paths) => `other users may read or change the key file ${p.file}, and with it reverse or spoil the pseudonyms of its store, so it is not used. Make it private: \`chmod 600 ${p.file}\`.`],
    ['the key file is readable by the group', ({ file }: { file: string }) => chmodSync(file, 0o640), (p: Paths) => `\`chmod 600 ${p.file}\``],
  ])('%s: an import is exit 5 naming it and the fix', async (_what, change, message) => {
    const paths = await keyed(change);
    expect(paths.run.code, explain(paths.run)).toBe(5);
    expect(paths.run.stderr).toContain(message(paths));
  });

  it.runIf(asRoot).each([
    ['the keys folder', (p: Paths) => p.keys],
    ['the safety-scan folder', (p: Paths) => p.config],
    ['the key file', (p: Paths) => p.file],
  ])('%s belonging to another user: an import is exit 5 naming it', async (_what, place) => {
    const paths = await keyed((p) => chownSync(place(p), SOMEONE_ELSE, SOMEONE_ELSE));
    expect(paths.run.code, explain(paths.run)).toBe(5);
    expect(paths.run.stderr).toContain(`${place(paths)} belongs to another user, who could swap the pseudonymisation key, so it is not used.`);
  });

  it('a keys folder others may only read and enter (0755) is used', async () => {
    const { run } = await keyed(({ keys }) => chmodSync(keys, 0o755));
    expect(run.code, explain(run)).toBe(0);
  });

  it('a new store writes no key through a linked keys folder', async () => {
    const dir = workdir().write({ 'a.csv': survey(1) });
    const keys = dir.keys();
    mkdirSync(dir.path('elsewhere'), { mode: 0o700 });
    mkdirSync(dir.homePath('.config', 'safety-scan'), { recursive: true, mode: 0o700 });
    symlinkSync(dir.path('elsewhere'), keys);
    const run = await dir.run(['--store', 'zone.db', 'import', '--kind', 'survey', 'a.csv']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`the key folder ${keys} is a symbolic link`);
    expect(readdirSync(dir.path('elsewhere'))).toEqual([]);
    expect(existsSync(dir.path('zone.db'))).toBe(false);
  });
});

interface Paths {
  config: string;
  keys: string;
  file: string;
}
