// An import that fails into a store path that did not exist leaves nothing behind: no empty store, no folders,
// no key file; a store that holds a batch stays.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

describe('a new store path', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({
    'bad.csv': 'respondent_id;wave;district\nR1;2026;Oudegem\n',
    'good.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;avoid_places\nR1;2026;Oudegem;F;40;2;1\n',
  });

  it.each([
    ['a missing file', 'missing.csv', 3],
    ['a file without its required columns', 'bad.csv', 3],
  ])('%s: the failed import leaves no folders, store or key file', async (_what, file, code) => {
    const run = await dir.run(['--store', dir.path('data', 'zone', 'x.db'), 'import', '--kind', 'survey', dir.path(file)]);
    expect(run.code, explain(run)).toBe(code);
    expect(existsSync(dir.path('data'))).toBe(false);
    const keys = dir.keys();
    expect(existsSync(keys) ? readdirSync(keys) : []).toEqual([]);
  });

  it('a failed import into a store that holds a batch keeps it', async () => {
    const store = dir.path('data', 'zone', 'x.db');
    expect((await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('good.csv')])).code).toBe(0);
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('bad.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(existsSync(store)).toBe(true);
    expect((await dir.run(['--store', store, 'status', '--json'])).stdout).toContain('good.csv');
  });
});

// A fresh adversarial run (r15, F1): an empty store file (as touch or mktemp make it) and a failed import left
// the store initialised with its key's fingerprint but removed the key file, so every later import asked for a
// key that never was (exit 5).
describe('an empty store file', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({
    'bad.csv': 'district|sex|age_group|population\nNoord|M|15-29|abc\n',
    'good.csv': 'district|sex|age_group|population\nNoord|M|15-29|100\n',
    'bad-survey.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;avoid_places\nR1;2026;Oudegem;F;abc;9;9\n',
    'survey.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;avoid_places\nR1;2026;Oudegem;F;40;2;1\n',
    'survey-noord.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;avoid_places\nR1;2026;Noord;M;20;2;1\n',
    'monitor.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2021;Belgium;unsafe_general;0,365;0,361;0,369;100240\n',
  });
  const keys = () => {
    const folder = dir.keys();
    return existsSync(folder) ? readdirSync(folder) : [];
  };

  it.each([['population', 'bad.csv'], ['survey', 'bad-survey.csv']])('a failed %s import leaves it 0 bytes, with nothing beside it; a good import then works', async (kind, file) => {
    const store = dir.path(`${kind}.db`);
    writeFileSync(store, '');
    const before = keys();
    const run = await dir.run(['--store', store, 'import', '--kind', kind, '--wave', '2026', dir.path(file)]);
    expect(run.code, explain(run)).toBe(3);
    expect(statSync(store).size).toBe(0);
    expect(readdirSync(dir.dir).filter((name) => name.startsWith(`${kind}.db`))).toEqual([`${kind}.db`]);
    expect(keys()).toEqual(before);
    const good = await dir.run(['--store', store, 'import', '--kind', kind, '--wave', '2026', dir.path(kind === 'survey' ? 'survey.csv' : 'good.csv')]);
    expect(good.code, explain(good)).toBe(0);
    expect(keys()).toHaveLength(before.length + 1);
  });

  it('a store left keyed by an older version, with its key file gone and nothing stored: a new key, and a note that says so', async () => {
    const store = dir.path('left.db');
    const before = keys();
    expect((await dir.run(['--store', store, 'import', '--kind', 'population', '--wave', '2026', dir.path('good.csv')])).code).toBe(0);
    const [file] = keys().filter((name) => !before.includes(name));
    expect((await dir.run(['--store', store, 'forget', '1'])).code).toBe(0);
    rmSync(dir.keys(file));
    const status = await dir.run(['--store', store, 'status', '--json']);
    expect(JSON.parse(status.stdout).key.state, explain(status)).toBe('not_made');
    const run = await dir.run(['--store', store, 'import', '--kind', 'population', '--wave', '2026', dir.path('good.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('was missing, but nothing in the store was made with it');
    expect(keys()).toContain(file);
    const again = await dir.run(['--store', store, 'import', '--kind', 'population', '--wave', '2027', dir.path('good.csv')]);
    expect(again.code, explain(again)).toBe(0);
    expect(again.stderr).not.toContain('was missing');
  });

  // r16, F4: population, monitor and signal figures use no pseudonyms; a store holding only those lost nothing with its key
  it('a store holding only figures without pseudonyms, its key file gone: a new key, and a note that says so', async () => {
    const store = dir.path('left.db');
    const status = await dir.run(['--store', store, 'status', '--json']);
    rmSync(dir.keys(`${JSON.parse(status.stdout).key.file.split('/').at(-1)}`));
    const gone = await dir.run(['--store', store, 'status', '--json']);
    expect(JSON.parse(gone.stdout).key.state, explain(gone)).toBe('not_made');
    const run = await dir.run(['--store', store, 'import', '--kind', 'monitor', dir.path('monitor.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('was missing, but nothing in the store was made with it');
  });

  it('a store with survey rows still asks for its missing key file', async () => {
    const store = dir.path('left.db');
    const survey = await dir.run(['--store', store, 'import', '--kind', 'survey', '--wave', '2026', dir.path('survey-noord.csv')]);
    expect(survey.code, explain(survey)).toBe(0);
    rmSync(dir.keys(`${JSON.parse((await dir.run(['--store', store, 'status', '--json'])).stdout).key.file.split('/').at(-1)}`));
    const run = await dir.run(['--store', store, 'import', '--kind', 'population', '--wave', '2028', dir.path('good.csv')]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain('is missing: restore');
  });

  it('an SQLite file with no tables yet keeps the schema a failed import made, but no fingerprint of a key it removed', async () => {
    const store = dir.path('blank.db');
    const db = new Database(store);
    db.pragma('user_version = 7');
    db.close();
    const run = await dir.run(['--store', store, 'import', '--kind', 'population', '--wave', '2026', dir.path('bad.csv')]);
    expect(run.code, explain(run)).toBe(3);
    const good = await dir.run(['--store', store, 'import', '--kind', 'population', '--wave', '2026', dir.path('good.csv')]);
    expect(good.code, explain(good)).toBe(0);
  });
});

describe('a store path that is a device or a folder (a fresh adversarial run: /dev/null-journal was left in /dev)', () => {
  const dir = new Workdir().write({ 'p.csv': 'district,sex,age_group,population\nA,M,15-29,1000\n', 'folder/x': '' });
  afterAll(() => dir.remove());

  it.each([['/dev/null'], ['folder']])('--store %s: a store error, and nothing made beside it', async (store) => {
    const journal = `${store.startsWith('/') ? store : dir.path(store)}-journal`;
    const existed = existsSync(journal);
    const run = await dir.run(['--store', store, 'import', '--kind', 'population', 'p.csv']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain('is not a safety-scan store');
    expect(existsSync(journal)).toBe(existed);
  });

  it('--store a link that points nowhere: a store error, and no store made where it points (an adversary\'s doubt)', async () => {
    symlinkSync(dir.path('elsewhere.db'), dir.path('dangling.db'));
    const run = await dir.run(['--store', 'dangling.db', 'import', '--kind', 'population', 'p.csv']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain('dangling.db is not a safety-scan store');
    expect(existsSync(dir.path('elsewhere.db'))).toBe(false);
  });
});
