// A SQLite store whose meta table holds what no version writes (no store id, a schema version that is not
// a whole number, no key fingerprint beside stored pseudonyms) is a damaged store: exit 5 naming the meta value,
// and the store left byte for byte as it was: no migration run on it, no store id or key written, no key file made.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain } from '../helpers/cli.js';
import { damagedCopy } from '../helpers/damaged-store.js';

function survey(count: number, start: number): string {
  const rows = Array.from({ length: count }, (_, i) => `R${start + i};2026;Oudegem;${i % 2 ? 'M' : 'F'};${20 + ((i * 7) % 60)};${1 + (i % 5)};${i % 2}`);
  return ['respondent_id;wave;district;sex;age;unsafe_freq;avoid_places', ...rows].join('\n');
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a store whose meta table is damaged (issue 17, A5)', () => {
  const dir = new Workdir();
  const keys = dir.keys();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(20, 1), 'b.csv': survey(20, 11), 'population.csv': readFileSync(`${DEMO}/population.csv`) });

  beforeAll(async () => {
    const run = await dir.run(['--store', 'base.db', 'import', '--kind', 'survey', 'a.csv']);
    expect(run.code, explain(run)).toBe(0);
  });

  /** A copy of the base store (respondents stored, its key file written) with one change made by SQL. */
  const damaged = (name: string, sql: string): string => damagedCopy(dir, name, sql);

  it.each([
    ['no store_id', 'meta.store_id', "DELETE FROM meta WHERE key = 'store_id'"],
    ['no store_id and no key_check', 'meta.store_id', "DELETE FROM meta WHERE key IN ('store_id', 'key_check')"],
    ['a store_id of capitals', 'meta.store_id', "UPDATE meta SET value = upper(value) WHERE key = 'store_id'"],
    ['schema_version `3x`', 'meta.schema_version', "UPDATE meta SET value = '3x' WHERE key = 'schema_version'"],
    ['schema_version empty', 'meta.schema_version', "UPDATE meta SET value = '' WHERE key = 'schema_version'"],
    ['schema_version `1e3`', 'meta.schema_version', "UPDATE meta SET value = '1e3' WHERE key = 'schema_version'"],
    ['schema_version ` 3`', 'meta.schema_version', "UPDATE meta SET value = ' 3' WHERE key = 'schema_version'"],
    ['schema_version `0`', 'meta.schema_version', "UPDATE meta SET value = '0' WHERE key = 'schema_version'"],
    ['no schema_version', 'meta.schema_version', "DELETE FROM meta WHERE key = 'schema_version'"],
    ['no key_check beside stored respondents', 'meta.key_check', "DELETE FROM meta WHERE key = 'key_check'"],
    ['a key_check that is no fingerprint', 'meta.key_check', "UPDATE meta SET value = 'x' WHERE key = 'key_check'"],
    ['a kept key that is no key', 'meta.secret', "INSERT INTO meta (key, value) VALUES ('secret', 'not hex')"],
  ])('%s: an import is exit 5 naming %s, and the store, its key file and the key folder stay as they were', async (_what, where, sql) => {
    const store = damaged(`${where}-${sql.length}-${sql.charCodeAt(40)}`, sql);
    const before = hash(store);
    const keyFiles = readdirSync(keys);
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', 'b.csv']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`${store} is damaged (${where}): restore it from a backup`);
    expect(hash(store)).toBe(before);
    expect(readdirSync(keys)).toEqual(keyFiles);
    for (const sidecar of ['-wal', '-shm', '-journal']) expect(existsSync(store + sidecar), sidecar).toBe(false);
  });

  it('reading such a store is exit 5 as well, the file unchanged', async () => {
    const store = damaged('read', "UPDATE meta SET value = '3x' WHERE key = 'schema_version'");
    const before = hash(store);
    const run = await dir.run(['--store', store, 'status']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain('is damaged (meta.schema_version)');
    expect(hash(store)).toBe(before);
  });

  it('a store without pseudonyms needs no key_check: population figures import into it', async () => {
    const first = await dir.run(['--store', 'figures.db', 'import', '--kind', 'population', 'population.csv']);
    expect(first.code, explain(first)).toBe(0);
    const db = new Database(dir.path('figures.db'));
    db.exec("DELETE FROM meta WHERE key = 'key_check'");
    db.close();
    const run = await dir.run(['--store', 'figures.db', 'status']);
    expect(run.code, explain(run)).toBe(0);
  });

  it('a store older than key files (its key kept inside, no store_id) is no damaged store', async () => {
    const base = new Database(dir.path('base.db'), { readonly: true });
    const id = base.prepare("SELECT value FROM meta WHERE key = 'store_id'").pluck().get() as string;
    base.close();
    const key = readFileSync(`${keys}/${id}.key`, 'utf8').trim();
    const store = damaged('older', `DELETE FROM meta WHERE key IN ('store_id', 'key_check'); INSERT INTO meta (key, value) VALUES ('secret', '${key}')`);
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', 'b.csv']);
    expect(run.code, explain(run)).toBe(0);
    // its key moved out with a new store id, and it still recognises its respondents
    expect(run.stderr, explain(run)).toContain('20 rows read, 10 stored, 10 rejected');
    expect(run.stderr).toContain('was moved out of the store');
  });
});
