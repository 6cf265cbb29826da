// A SQLite store changed outside safety-scan is a damaged store (exit 5) that says so in the user's language,
// naming what is wrong; SQLite's own text only with --verbose.
// - adversarial run r9, F3: a table or a column is missing ("no such table: survey_columns" was printed as is,
//   in English, after "the store could not be used").
// - adversarial run r9, F4: values no import writes were read as data (exit 0): population figures without a
//   district, a population wave that is neither a year nor empty, and stored pseudonyms repeated within one wave
//   of one batch (a zeroed key column: the duplicate check then stored the same respondents again).
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain } from '../helpers/cli.js';
import { damagedCopy } from '../helpers/damaged-store.js';
import { STORE_TABLES } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/schema.js';

function survey(count: number, start: number): string {
  const rows = Array.from({ length: count }, (_, i) => `R${start + i};2026;Oudegem;${i % 2 ? 'M' : 'F'};${20 + ((i * 7) % 60)};${1 + (i % 5)};${i % 2}`);
  return ['respondent_id;wave;district;sex;age;unsafe_freq;avoid_places', ...rows].join('\n');
}

describe('a SQLite store changed outside safety-scan (adversarial run r9, F3 and F4)', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'a.csv': survey(30, 1), 'part.csv': survey(10, 1), 'population.csv': readFileSync(`${DEMO}/population.csv`) });

  beforeAll(async () => {
    for (const args of [['import', '--kind', 'population', 'population.csv'], ['import', '--kind', 'survey', 'a.csv']]) {
      const run = await dir.run(['--store', 'base.db', ...args]);
      expect(run.code, explain(run)).toBe(0);
    }
  });

  /** A copy of the base store (population figures, then 30 respondents of 2026) with one change made by SQL. */
  const damaged = (name: string, sql: string): string => damagedCopy(dir, name, sql);

  describe('F3: a missing table or column', () => {
    it.each([
      ['survey_columns', ['indicators', '--wave', '2026']],
      ['batches', ['status']],
      ['population', ['forget', '2']],
      ['survey_chunks', ['import', '--kind', 'survey', '--dry-run', 'part.csv']],
      ['monitor', ['status']],
      ['keyfigures', ['report', '--wave', '2026']],
    ])('table %s: `%s` is exit 5, "damaged (table ... missing)" in en, nl and fr', async (table, args) => {
      const store = damaged(`no-${table}`, `DROP TABLE ${table}`);
      const texts: Record<string, string> = {
        en: `${store} is damaged: table ${table} is missing; restore it from a backup`,
        nl: `${store} is beschadigd: tabel ${table} ontbreekt; zet de databank terug uit een back-up`,
        fr: `${store} est endommagée\u202f: la table ${table} est absente\u202f; restaurez la base`,
      };
      for (const [lang, text] of Object.entries(texts)) {
        const run = await dir.run(['--lang', lang, '--store', store, ...args]);
        expect(run.code, explain(run)).toBe(5);
        expect(run.stderr).toContain(text);
        expect(run.stderr).not.toContain('no such table');
      }
    });

    // adversarial run r10, F2: forget and an import wrote to a store without its survey_columns table (exit 0)
    it.each([
      ['forget', ['forget', '2']],
      ['an import', ['import', '--kind', 'survey', 'part.csv']],
      ['status', ['status']],
    ])('a table missing stops %s before anything is written (exit 5), the store as it was', async (_, args) => {
      const store = damaged(`no-columns-${args[0]}`, 'DROP TABLE survey_columns');
      const before = readFileSync(store);
      const run = await dir.run(['--store', store, ...args]);
      expect(run.code, explain(run)).toBe(5);
      expect(run.stderr).toContain(`${store} is damaged: table survey_columns is missing`);
      expect(readFileSync(store).equals(before)).toBe(true);
    });

    it('a missing column is named; SQLite\'s text only with --verbose, as the cause', async () => {
      const store = damaged('no-column', 'ALTER TABLE population RENAME COLUMN wave TO renamed');
      const nl = await dir.run(['--lang', 'nl', '--store', store, 'indicators', '--wave', '2026']);
      expect(nl.code, explain(nl)).toBe(5);
      expect(nl.stderr).toContain(`${store} is beschadigd: kolom wave ontbreekt in haar tabel`);
      expect(nl.stderr).not.toContain('no such column');
      const verbose = await dir.run(['--verbose', '--store', store, 'indicators', '--wave', '2026']);
      expect(verbose.code, explain(verbose)).toBe(5);
      expect(verbose.stderr).toContain(`${store} is damaged: column wave is missing from its table`);
      expect(verbose.stderr).toContain('no such column: wave');
    });
  });

  describe('F4: values no import writes', () => {
    it.each([
      ['indicators', ['indicators', '--wave', '2026']],
      ['an import dry run', ['import', '--kind', 'survey', '--dry-run', 'part.csv']],
    ])('population figures without a district: %s is exit 5', async (_what, args) => {
      const store = damaged(`no-district-${args[0]}`, "UPDATE population SET district = ''");
      const en = await dir.run(['--store', store, ...args]);
      expect(en.code, explain(en)).toBe(5);
      expect(en.stderr).toContain(`${store} is damaged: table population holds figures without a district`);
      const fr = await dir.run(['--lang', 'fr', '--store', store, ...args]);
      expect(fr.code, explain(fr)).toBe(5);
      expect(fr.stderr).toContain('la table population contient des effectifs sans quartier');
    });

    it('a population wave that is neither a year nor empty is exit 5, not an unweighted table', async () => {
      const store = damaged('wave-x', "UPDATE population SET wave = 'x'");
      const en = await dir.run(['--store', store, 'indicators', '--wave', '2026']);
      expect(en.code, explain(en)).toBe(5);
      expect(en.stderr).toMatch(/is damaged: table population holds wave `x` for \S+, which is neither a year nor empty/);
      const nl = await dir.run(['--lang', 'nl', '--store', store, 'indicators', '--wave', '2026']);
      expect(nl.code, explain(nl)).toBe(5);
      expect(nl.stderr).toMatch(/is beschadigd: tabel population bevat meting `x` voor \S+, wat geen jaartal is/);
    });

    it('stored pseudonyms repeated within one wave of one batch (a zeroed key column): the import is exit 5 and stores nothing', async () => {
      const store = damaged('zeroed-key', "UPDATE survey_columns SET data = zeroblob(length(data)) WHERE name = 'key'");
      const count = () => {
        const db = new Database(store, { readonly: true });
        const n = db.prepare('SELECT COUNT(*) FROM batches').pluck().get();
        db.close();
        return n;
      };
      const before = count();
      const en = await dir.run(['--store', store, 'import', '--kind', 'survey', 'part.csv']);
      expect(en.code, explain(en)).toBe(5);
      expect(en.stderr).toMatch(/is damaged: table survey_columns gives two respondents of batch \d+, wave 2026 the same pseudonym/);
      const nl = await dir.run(['--lang', 'nl', '--store', store, 'import', '--kind', 'survey', 'part.csv']);
      expect(nl.code, explain(nl)).toBe(5);
      expect(nl.stderr).toMatch(/tabel survey_columns geeft twee respondenten van import \d+, meting 2026 hetzelfde pseudoniem/);
      expect(count()).toBe(before);
    });

    it('the undamaged store still refuses the same rows as stored already', async () => {
      const run = await dir.run(['--store', 'base.db', 'import', '--kind', 'survey', 'part.csv']);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain('is already stored in batch');
    });
  });

  // adversarial run r10, F1: a chunk's answer columns its items list does not name were read as not asked (exit 0,
  // every estimate suppressed)
  describe('answer columns a chunk does not list', () => {
    it.each([
      ['no item listed', `UPDATE survey_chunks SET items = '[]'`],
      ['one item left out', `UPDATE survey_chunks SET items = replace(items, '"unsafe_freq",', '')`],
    ])('%s: indicators is exit 5, naming the column', async (name, sql) => {
      const store = damaged(`unlisted-${name.replace(/\W/g, '-')}`, sql);
      const run = await dir.run(['--store', store, 'indicators', '--wave', '2026']);
      expect(run.code, explain(run)).toBe(5);
      expect(run.stderr).toContain('not in survey_chunks.items');
    });
  });
});

describe('the tables every store must have', () => {
  it('are the tables of the schema at its version', () => {
    const db = new Database(':memory:');
    for (const migration of MIGRATIONS) db.exec(migration.sql);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    db.close();
    expect([...STORE_TABLES].sort()).toEqual(tables);
  });
});
