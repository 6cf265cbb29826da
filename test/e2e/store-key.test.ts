// The pseudonymisation key lives outside the store: a copied store alone cannot reverse a pseudonym, the store
// and key file are private to their owner, and older stores hand their key over without losing duplicates.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain } from '../helpers/cli.js';

function survey(count: number, start: number): string {
  const rows = Array.from({ length: count }, (_, i) => `R${start + i};2026;Oudegem;${i % 2 ? 'M' : 'F'};${20 + ((i * 7) % 60)};${1 + (i % 5)};${i % 2}`);
  return ['respondent_id;wave;district;sex;age;unsafe_freq;avoid_places', ...rows].join('\n');
}

const mode = (path: string) => statSync(path).mode & 0o777;

function meta(store: string): Record<string, string> {
  const db = new Database(store, { readonly: true });
  try {
    return Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>).map((row) => [row.key, row.value]));
  } finally {
    db.close();
  }
}

function keyFiles(dir: Workdir): string[] {
  const folder = dir.keys();
  return existsSync(folder) ? readdirSync(folder).map((name) => `${folder}/${name}`) : [];
}

/** Makes `store` a store of a version before key files: its key back in `meta.secret`, no fingerprint or id. */
function keepKeyInside(store: string, key: string): void {
  const db = new Database(store);
  db.prepare("INSERT INTO meta (key, value) VALUES ('secret', ?)").run(key);
  db.prepare("DELETE FROM meta WHERE key IN ('key_check', 'store_id')").run();
  db.close();
}

/** An older store made of `store`: its key file's key moved back inside it, the key file gone; returns the key. */
function olderStore(dir: Workdir, store: string): string {
  const [file] = keyFiles(dir);
  const key = readFileSync(file, 'utf8').trim();
  rmSync(file);
  keepKeyInside(store, key);
  return key;
}

describe('a new store', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(20, 1), 'b.csv': survey(20, 11), 'c.csv': survey(20, 5), 'd.csv': survey(20, 6), 'e.csv': survey(20, 7) });
  const store = dir.path('data', 'zone', 'safety-scan.db');

  it('is private (0600 in a new 0700 folder) and holds no key; the key file is 0600 in the user\'s configuration folder', async () => {
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('a.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(mode(store)).toBe(0o600);
    expect(mode(dir.path('data', 'zone'))).toBe(0o700);
    const [file] = keyFiles(dir);
    expect(file).toBe(dir.keys(`${meta(store).store_id}.key`));
    expect(mode(file)).toBe(0o600);
    expect(mode(dir.keys())).toBe(0o700);
    const key = readFileSync(file, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(meta(store).secret).toBeUndefined();
    expect(readFileSync(store).includes(key)).toBe(false);
  });

  it('recognises duplicates of stored respondents with the key file', async () => {
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('b.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('20 rows read, 10 stored, 10 rejected');
  });

  it('without its key file an import is a store error naming the file, and reading still works', async () => {
    const [file] = keyFiles(dir);
    const key = readFileSync(file, 'utf8');
    rmSync(file);
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('c.csv')]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`the pseudonymisation key of ${store} is missing: restore ${file}`);
    expect((await dir.run(['--store', store, 'status'])).code).toBe(0);
    // the same key given by SAFETY_SCAN_KEY works; another key is refused rather than missing every duplicate
    const given = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('c.csv')], { env: { SAFETY_SCAN_KEY: key.trim() } });
    // every row recognised as stored: the key matched
    expect(given.stderr).toContain('is already stored in batch 1');
    const wrong = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('d.csv')], { env: { SAFETY_SCAN_KEY: '8778c12252ecc3aeb4d8794ba56006183c308f39f78d7720a9560cb894673f64' } });
    expect(wrong.code, explain(wrong)).toBe(5);
    expect(wrong.stderr).toContain('SAFETY_SCAN_KEY is not the pseudonymisation key of');
  });

  it('an invalid SAFETY_SCAN_KEY is a usage error', async () => {
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('e.csv')], { env: { SAFETY_SCAN_KEY: 'secret' } });
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('SAFETY_SCAN_KEY must be 64 hexadecimal digits');
  });
});

describe('a store whose id is not an id (adversary r4, F3)', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(5, 1), 'b.csv': survey(5, 100) });

  it.each([['../../../../escaped', true], ['../../../../escaped', false], ['ABC', false]])('store_id `%s` (key check kept: %s) is a damaged store: no key file read or written outside the keys folder', async (id, keepCheck) => {
    const store = dir.path(`s-${Math.random().toString(16).slice(2)}.db`);
    expect((await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('a.csv')])).code).toBe(0);
    const db = new Database(store);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'store_id'").run(id);
    if (!keepCheck) db.prepare("DELETE FROM meta WHERE key = 'key_check'").run();
    db.close();
    const run = await dir.run(['--store', store, 'import', '--kind', 'survey', dir.path('b.csv')]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain('meta.store_id');
    expect(existsSync(dir.path('escaped.key'))).toBe(false);
    expect(readdirSync(dir.keys()).every((name) => /^[0-9a-f]{32}\.key$/.test(name))).toBe(true);
  });
});

describe('XDG_CONFIG_HOME and SAFETY_SCAN_KEY', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(4, 1) });

  it('the key file goes to $XDG_CONFIG_HOME/safety-scan/keys', async () => {
    const run = await dir.run(['--store', 'x.db', 'import', '--kind', 'survey', dir.path('a.csv')], { env: { XDG_CONFIG_HOME: dir.path('cfg') } });
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(dir.path('cfg', 'safety-scan', 'keys'))).toEqual([`${meta(dir.path('x.db')).store_id}.key`]);
  });

  it('with SAFETY_SCAN_KEY no key file is written', async () => {
    const run = await dir.run(['--store', 'y.db', 'import', '--kind', 'survey', dir.path('a.csv')], { env: { SAFETY_SCAN_KEY: 'd9455b5a4cf6136ba56a8dedc7b86f5e796817f8f24b078b1734dc8e09a4b432' } });
    expect(run.code, explain(run)).toBe(0);
    expect(keyFiles(dir)).toEqual([]);
  });

  // a fresh adversarial run (r7, F13): 'ab' x 32 became a new store's key, and anyone could guess it
  it.each([
    ['one byte repeated', 'ab'.repeat(32)],
    ['a repeating pattern', '0123456789abcdef'.repeat(4)],
    ['bytes in steps', Array.from({ length: 32 }, (_, i) => (i * 3).toString(16).padStart(2, '0')).join('')],
    ['a phrase in hexadecimal', Buffer.from('correct horse battery staple!!!!').toString('hex')],
  ])('a SAFETY_SCAN_KEY typed by hand (%s) is refused for a new store, which is left unmade', async (_, key) => {
    const run = await dir.run(['--store', 'weak.db', 'import', '--kind', 'survey', dir.path('a.csv')], { env: { SAFETY_SCAN_KEY: key } });
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('SAFETY_SCAN_KEY looks typed by hand rather than drawn at random');
    expect(run.stderr).toContain('`openssl rand -hex 32`');
    expect(existsSync(dir.path('weak.db'))).toBe(false);
    // a dry run says so too, as the import would (a new user's reading of the README, round 8)
    const dry = await dir.run(['--store', 'weak.db', 'import', '--dry-run', '--kind', 'survey', dir.path('a.csv')], { env: { SAFETY_SCAN_KEY: key } });
    expect(dry.code, explain(dry)).toBe(2);
    expect(dry.stderr).toContain('SAFETY_SCAN_KEY looks typed by hand');
  });
});

describe('a store made before the key moved out', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(20, 1), 'b.csv': survey(20, 11) });
  const store = dir.path('safety-scan.db');

  it('hands its key to a key file at the next import, with a notice, and still recognises its duplicates', async () => {
    expect((await dir.run(['import', '--kind', 'survey', dir.path('a.csv')])).code).toBe(0);
    // Turn it into an older store: the key back in `meta.secret`, no fingerprint, no key file.
    const key = olderStore(dir, store);

    const run = await dir.run(['import', '--kind', 'survey', dir.path('b.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('20 rows read, 10 stored, 10 rejected');
    const moved = keyFiles(dir);
    expect(moved).toHaveLength(1);
    expect(run.stderr).toContain(`the pseudonymisation key of ${store} was moved out of the store into ${moved[0]}`);
    expect(readFileSync(moved[0], 'utf8').trim()).toBe(key);
    expect(mode(moved[0])).toBe(0o600);
    expect(meta(store).secret).toBeUndefined();
    expect(readFileSync(store).includes(key)).toBe(false);
  });
});

describe('no source line beside a pseudonym', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  const keyfigures = (ids: number[]) =>
    ['interview_id,wave,district,organisation_type,theme,severity,trend,note', ...ids.map((id) => `K${id},2026,Oudegem,school,drugs,3,same,`)].join('\n');
  dir.write({ 'a.csv': survey(5, 1), 'b.csv': survey(5, 3), 'k1.csv': keyfigures([1, 2]), 'k2.csv': keyfigures([2, 3]) });
  const store = dir.path('safety-scan.db');
  const lineColumns = () => {
    const db = new Database(store, { readonly: true });
    try {
      return {
        survey: db.prepare("SELECT COUNT(*) FROM survey_columns WHERE name = 'line'").pluck().get(),
        keyfigures: (db.prepare('PRAGMA table_info(keyfigures)').all() as Array<{ name: string }>).some((column) => column.name === 'line'),
      };
    } finally {
      db.close();
    }
  };

  it('respondents and interviews are stored without their lines; a duplicate names the batch that holds it', async () => {
    for (const file of ['a.csv', 'k1.csv']) expect((await dir.run(['import', '--kind', file.startsWith('k') ? 'keyfigures' : 'survey', dir.path(file)])).code).toBe(0);
    expect(lineColumns()).toEqual({ survey: 0, keyfigures: false });
    const again = await dir.run(['import', '--kind', 'survey', dir.path('b.csv')]);
    expect(readFileSync(dir.path('rejects', 'b.survey.rejects.csv'), 'utf8')).toContain('respondent_id `***` is already stored in batch 1');
    expect(again.stderr).toContain('5 rows read, 2 stored, 3 rejected');
    const interviews = await dir.run(['import', '--kind', 'keyfigures', dir.path('k2.csv')]);
    expect(interviews.stderr).toContain('2 rows read, 1 stored, 1 rejected');
  });

  it('an older store loses its stored lines when opened', async () => {
    const db = new Database(store);
    db.prepare("INSERT INTO survey_columns SELECT batch_id, wave, chunk, 'line', data FROM survey_columns WHERE name = 'district'").run();
    db.exec("ALTER TABLE keyfigures ADD COLUMN line INTEGER; UPDATE meta SET value = '3' WHERE key = 'schema_version'");
    db.close();
    expect(lineColumns()).toEqual({ survey: 2, keyfigures: true });
    expect((await dir.run(['status'])).code).toBe(0);
    expect(lineColumns()).toEqual({ survey: 0, keyfigures: false });
  });
});

describe('a dry run on a store made before the key moved out (round 8)', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(20, 1), 'b.csv': survey(20, 11) });
  const store = dir.path('safety-scan.db');

  it('is no damaged store: it recognises duplicates with the key kept inside and changes nothing', async () => {
    expect((await dir.run(['import', '--kind', 'survey', dir.path('a.csv')])).code).toBe(0);
    const key = olderStore(dir, store);
    const before = readFileSync(store);

    const run = await dir.run(['import', '--dry-run', '--kind', 'survey', dir.path('b.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('20 rows read');
    expect(run.stderr).toContain('10 rejected');
    expect(run.stderr).not.toContain('moved out of the store');
    expect(keyFiles(dir)).toEqual([]);
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(meta(store).secret).toBe(key);

    // r7: with another SAFETY_SCAN_KEY, the import is refused (exit 5) once the key has moved out; so is the dry run
    const other = await dir.run(['import', '--dry-run', '--kind', 'survey', dir.path('b.csv')], { env: { SAFETY_SCAN_KEY: '8778c12252ecc3aeb4d8794ba56006183c308f39f78d7720a9560cb894673f64' } });
    expect(other.code, explain(other)).toBe(5);
    expect(other.stderr).toContain(`SAFETY_SCAN_KEY is not the pseudonymisation key of ${store}, which still keeps its key inside`);
    const same = await dir.run(['import', '--dry-run', '--kind', 'survey', dir.path('b.csv')], { env: { SAFETY_SCAN_KEY: key } });
    expect(same.code, explain(same)).toBe(0);
    expect(same.stderr).toContain('10 rejected');
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('a dry run of a store with no key yet writes no key file and no fingerprint', async () => {
    const other = dir.path('figures.db');
    dir.write({ 'population.csv': readFileSync(`${DEMO}/population.csv`) });
    const first = await dir.run(['--store', other, 'import', '--kind', 'population', dir.path('population.csv')]);
    expect(first.code, explain(first)).toBe(0);
    // no key yet: a store without pseudonyms needs none (as one made by a version that kept no key for figures)
    for (const file of keyFiles(dir)) rmSync(file);
    const db = new Database(other);
    db.exec("DELETE FROM meta WHERE key = 'key_check'");
    db.close();
    const run = await dir.run(['--store', other, 'import', '--dry-run', '--kind', 'survey', dir.path('a.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(keyFiles(dir)).toEqual([]);
    expect(meta(other).key_check).toBeUndefined();
  });
});

describe('status shows where the key is, never the key (round 8, 3)', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(5, 1) });
  const store = dir.path('safety-scan.db');
  const keyOf = async (env: Record<string, string> = {}) => {
    const json = await dir.run(['status', '--json'], { env });
    const table = await dir.run(['status'], { env });
    expect(json.code, explain(json)).toBe(0);
    expect(table.code, explain(table)).toBe(0);
    return { json: JSON.parse(json.stdout).key, table: table.stdout, both: json.stdout + table.stdout };
  };

  it('the key file (present, then missing), SAFETY_SCAN_KEY, or inside an older store', async () => {
    expect((await dir.run(['import', '--kind', 'survey', dir.path('a.csv')])).code).toBe(0);
    const [file] = keyFiles(dir);
    const key = readFileSync(file, 'utf8').trim();
    const present = await keyOf();
    expect(present.json).toEqual({ source: 'file', file, state: 'present', inside_store_folder: false });
    // where the key file is not under HOME, its whole path
    const elsewhere = await keyOf({ XDG_CONFIG_HOME: '/var/lib/zone-config' });
    expect(elsewhere.table).toContain('Key file: /var/lib/zone-config/safety-scan/keys/');
    const shown = `~/.config/safety-scan/keys/${file.split('/').pop()}`;
    expect(present.table).toContain(`Key file: ${shown} (back it up apart from the store)`);
    expect(present.both).not.toContain(key);

    const fromEnv = await keyOf({ SAFETY_SCAN_KEY: key });
    expect(fromEnv.json).toEqual({ source: 'environment', file: null, state: null, inside_store_folder: null });
    expect(fromEnv.table).toContain('Key: from SAFETY_SCAN_KEY');
    expect(fromEnv.both).not.toContain(key);

    rmSync(file);
    const missing = await keyOf();
    expect(missing.json).toEqual({ source: 'file', file, state: 'missing', inside_store_folder: false });
    expect(missing.table).toContain(`Key file: ${shown} is missing: restore it from your backup`);

    keepKeyInside(store, key);
    const inside = await keyOf();
    expect(inside.json).toEqual({ source: 'store', file: null, state: null, inside_store_folder: null });
    expect(inside.table).toContain('Key: inside the store');
    expect(inside.both).not.toContain(key);
  });
});

describe('forget on a store made before the key moved out, or on none (round 8, 4)', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(5, 1), 'b.csv': survey(5, 100), 'empty.db': '' });

  it('moves the key out as an import would, and removes the batch', async () => {
    for (const file of ['a.csv', 'b.csv']) expect((await dir.run(['import', '--kind', 'survey', dir.path(file)])).code).toBe(0);
    const key = olderStore(dir, dir.path('safety-scan.db'));
    const run = await dir.run(['forget', '2']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('was moved out of the store');
    const [moved] = keyFiles(dir);
    expect(readFileSync(moved, 'utf8').trim()).toBe(key);
    expect(meta(dir.path('safety-scan.db')).secret).toBeUndefined();
  });

  it.each(['none.db', 'empty.db'])('on %s (no store) is exit 5 and makes nothing', async (name) => {
    const before = readdirSync(dir.dir).sort();
    const run = await dir.run(['--store', name, 'forget', '1']);
    expect(run.code, explain(run)).toBe(5);
    expect(readdirSync(dir.dir).sort()).toEqual(before);
  });
});

describe('a key file inside the store\'s folder (adversarial run r32, D1)', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(20, 1), 'b.csv': survey(20, 30) });

  it('is said when it is written and by `status` while it stays there, when HOME is the store\'s folder', async () => {
    // a service account whose home is the store's folder: ~/.config is inside it, and a copy of the folder takes the key
    const env = { HOME: dir.dir };
    const run = await dir.run(['import', '--kind', 'survey', 'a.csv'], { env });
    expect(run.code, explain(run)).toBe(0);
    const file = dir.path('.config', 'safety-scan', 'keys', `${meta(dir.path('safety-scan.db')).store_id}.key`);
    expect(existsSync(file)).toBe(true);
    expect(run.stderr).toContain(`note: the pseudonymisation key was written to ${file}, inside the store's folder`);
    // said once, when written: a later import is quiet about it
    const again = await dir.run(['import', '--kind', 'survey', 'b.csv'], { env });
    expect(again.code, explain(again)).toBe(0);
    expect(again.stderr).not.toContain('inside the store\'s folder');
    const status = await dir.run(['status'], { env });
    expect(status.stdout).toContain('The key file is inside the store\'s folder: copy or share the store file alone');
    const json = JSON.parse((await dir.run(['status', '--json'], { env })).stdout);
    expect(json.key).toMatchObject({ source: 'file', state: 'present', inside_store_folder: true });
  });

  it('is not said for a key file outside the store\'s folder (a home folder beside it), nor for SAFETY_SCAN_KEY', async () => {
    const other = new Workdir();
    try {
      other.write({ 'a.csv': survey(20, 1) });
      const run = await other.run(['import', '--kind', 'survey', 'a.csv']);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stderr).not.toContain('inside the store\'s folder');
      expect((await other.run(['status'])).stdout).not.toContain('inside the store\'s folder');
      expect(JSON.parse((await other.run(['status', '--json'])).stdout).key).toMatchObject({ source: 'file', inside_store_folder: false });
      const withEnv = JSON.parse((await other.run(['status', '--json'], { env: { SAFETY_SCAN_KEY: 'c1f0e5b7a2d94e38b6a1f07c5d2e9b483a6c0f1d7e2b5a9c4f8e3d1b6a7c2e05' } })).stdout).key;
      expect(withEnv).toMatchObject({ source: 'environment', inside_store_folder: null });
    } finally {
      other.remove();
    }
  });
});
