// An import that fails into a store path that did not exist leaves nothing behind: no empty store, no folders,
// no key file; a store that holds a batch stays.
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
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
    const keys = dir.path('.config', 'safety-scan', 'keys');
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
