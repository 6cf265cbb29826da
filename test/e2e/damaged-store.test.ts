// A store damaged inside (a JSON list or a column blob changed outside safety-scan) is a store error (exit 5)
// naming the store and the batch, never an internal error or a silently wrong answer.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();

/** A copy of the demo store with one change made by SQL. */
function damaged(name: string, sql: string): string {
  const copy = zone.path(`${name}.db`);
  copyFileSync(zone.path('zone', 'safety-scan.db'), copy);
  const db = new Database(copy);
  db.exec(sql);
  db.close();
  return copy;
}

describe('a damaged store', () => {
  it.each([
    ['a batch’s waves are not JSON', 'status', "UPDATE batches SET waves = '[2026' WHERE id = 2"],
    ['a batch’s details are a list', 'status', "UPDATE batches SET details = '[]' WHERE id = 2"],
    ['a batch of an unknown kind', 'status', "UPDATE batches SET kind = 'nosuch' WHERE id = 2"],
    ['a chunk’s district names are not a list', 'indicators', "UPDATE survey_chunks SET districts = '{\"a\":1}' WHERE wave = '2026'"],
    ['a column blob is cut short', 'indicators', "UPDATE survey_columns SET data = substr(data, 1, 10) WHERE wave = '2026' AND name = 'age'"],
    ['a column is text instead of a blob', 'indicators', "UPDATE survey_columns SET data = 'x' WHERE wave = '2026' AND name = 'sex'"],
    ['a district code points past the names', 'indicators', "UPDATE survey_chunks SET districts = '[\"Oudegem\"]' WHERE wave = '2026'"],
    ['a chunk’s row count is negative', 'indicators', "UPDATE survey_chunks SET rows = -1 WHERE wave = '2026'"],
    ['a chunk’s row count is past a chunk', 'indicators', "UPDATE survey_chunks SET rows = 1e12 WHERE wave = '2026'"],
    ['a batch’s rows read are text (adversarial run r7, F3)', 'status', "UPDATE batches SET rows_read = 'abc' WHERE id = 2"],
    ['a batch’s rows stored are a fraction', 'status', 'UPDATE batches SET rows_stored = 2.5 WHERE id = 2'],
    ['a batch’s rows rejected are negative', 'status', 'UPDATE batches SET rows_rejected = -1 WHERE id = 2'],
    // respondents deleted outside safety-scan: the batch still lists the wave (adversarial run r11, finding 16)
    ['a wave’s respondents are deleted', 'indicators', "DELETE FROM survey_chunks WHERE wave = '2026'"],
    ['a chunk is renumbered past a gap', 'indicators', "PRAGMA foreign_keys = OFF; UPDATE survey_chunks SET chunk = 1 WHERE wave = '2026'"],
  ])('%s: %s is exit 5 naming the store', async (_what, command, sql) => {
    const store = damaged(command + sql.length, sql);
    const run = await zone.run(['--store', store, command]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`${store} is damaged (batch `);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a damaged store under `import --kind population` (adversarial run r24, F2): exit 5 as `indicators` says it', () => {
  it.each([
    ['district names that are not JSON', "UPDATE survey_chunks SET districts = '{'", 'survey_chunks.districts'],
    ['district names that are null', "UPDATE survey_chunks SET districts = 'null'", 'survey_chunks.districts'],
    ['district names that are a number', "UPDATE survey_chunks SET districts = '5'", 'survey_chunks.districts'],
    ['district names that are numbers', "UPDATE survey_chunks SET districts = '[1,2]'", 'survey_chunks.districts'],
    ['a district column of one byte', "UPDATE survey_columns SET data = x'01' WHERE name = 'district'", 'column district'],
    ['a district code past the names', "UPDATE survey_chunks SET districts = '[\"Oudegem\"]'", 'column district'],
  ])('%s', async (_what, sql, where) => {
    const store = damaged(`population-${sql.length}-${sql.charCodeAt(40)}`, sql);
    zone.write({ 'more.csv': 'district;sex;age_group;population\nNieuw;M;15-29;100\nNieuw;F;15-29;100\n' });
    const run = await zone.run(['--store', store, 'import', '--kind', 'population', zone.path('more.csv')]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(new RegExp(`${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(batch \\d+, wave \\d+, ${where}\\)`));
    expect(run.stderr).not.toMatch(/too large|internal error/);
  });

  it('a chunk without its district column is named as such', async () => {
    const store = damaged('population-no-district', "DELETE FROM survey_columns WHERE name = 'district' AND wave = '2026'");
    zone.write({ 'more.csv': 'district;sex;age_group;population\nNieuw;M;15-29;100\n' });
    const run = await zone.run(['--store', store, 'import', '--kind', 'population', zone.path('more.csv')]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/table survey_columns has no `district` column for batch \d+, wave 2026, chunk 0/);
  });
});

describe('damaged values in a store (issue 17): exit 5 naming the store, the table and what is wrong', () => {
  const chunks = "wave = '2026' AND chunk = 0";
  it.each([
    ['a negative population figure', 'UPDATE population SET population = -5 WHERE rowid = (SELECT MIN(rowid) FROM population)', /table population holds -5 residents for .+ \(batch \d+\)/],
    ['an infinite population figure', 'UPDATE population SET population = 9e999 WHERE rowid = (SELECT MIN(rowid) FROM population)', /table population holds Infinity residents/],
    ['a population figure that is text', "UPDATE population SET population = 'many' WHERE rowid = (SELECT MIN(rowid) FROM population)", /table population holds `many` residents/],
    ['a missing sex column', "DELETE FROM survey_columns WHERE wave = '2026' AND name = 'sex'", /table survey_columns has no `sex` column for batch \d+, wave 2026, chunk 0/],
    ['a missing answer column a chunk lists', "DELETE FROM survey_columns WHERE wave = '2026' AND name = 'item:unsafe_freq'", /has no `item:unsafe_freq` column/],
    ['a sex code no import writes', `UPDATE survey_columns SET data = CAST(X'07' || substr(data, 2) AS BLOB) WHERE ${chunks} AND name = 'sex'`, /holds 7 in `sex` \(batch \d+, wave 2026\), where an import only writes -1\.\.2/],
    ['an age of 300', `UPDATE survey_columns SET data = CAST(X'2C01' || substr(data, 3) AS BLOB) WHERE ${chunks} AND name = 'age'`, /holds 300 in `age` .*-1\.\.120/],
    ['an answer off the item’s scale', `UPDATE survey_columns SET data = CAST(X'0900' || substr(data, 3) AS BLOB) WHERE ${chunks} AND name = 'item:unsafe_freq'`, /holds answer 9 to `unsafe_freq` \(batch \d+, wave 2026\), which is not on the item’s scale in the codebook \(1, 2, 3, 4, 5\)/],
    ['a population sex code no import writes (adversarial run r7, F2)', "UPDATE population SET sex = 'Q' WHERE rowid = (SELECT MIN(rowid) FROM population WHERE sex IS NOT NULL)", /is damaged \(population: sex `Q` for .+\)/],
    ['a population age bound that is not its label’s', 'UPDATE population SET age_min = age_min + 1 WHERE rowid = (SELECT MIN(rowid) FROM population WHERE age_group IS NOT NULL)', /is damaged \(population: age group `\d+-\d+` \(\d+-\d+\) for .+\)/],
    ['a population age label that is not its bounds’ (F4)', "UPDATE population SET age_group = '200-300' WHERE rowid = (SELECT MIN(rowid) FROM population WHERE age_group IS NOT NULL)", /is damaged \(population: age group `200-300` \(\d+-\d+\) for .+\)/],
    ['a population age label no import writes', "UPDATE population SET age_group = 'young' WHERE rowid = (SELECT MIN(rowid) FROM population WHERE age_group IS NOT NULL)", /is damaged \(population: age group `young`/],
    ['a weight of zero', "INSERT INTO survey_columns SELECT batch_id, wave, chunk, 'weight', zeroblob(rows * 8) FROM survey_chunks WHERE wave = '2026'", /table survey_columns holds weight 0 \(batch \d+, wave 2026\)/],
  ])('%s', async (_what, sql, message) => {
    const store = damaged(`value-${sql.length}-${sql.charCodeAt(20)}`, sql);
    const run = await zone.run(['--store', store, 'indicators', '--wave', '2026']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(store);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('values no import writes in the other tables (adversary r4, F4): exit 5, never a figure', () => {
  it.each([
    ['a population figure of 1e308', 'indicators', 'UPDATE population SET population = 1e308 WHERE rowid = (SELECT MIN(rowid) FROM population)', /table population holds 1e\+308 residents/],
    ['a key-figure severity of 99', 'profile', 'UPDATE keyfigures SET severity = 99 WHERE rowid = (SELECT MIN(rowid) FROM keyfigures WHERE wave = \'2026\')', /is damaged \(keyfigures: severity 99\)/],
    ['a signal count of 10^18', 'profile', 'UPDATE signals SET count = 1000000000000000000 WHERE rowid = (SELECT MIN(rowid) FROM signals WHERE wave = \'2026\')', /is damaged \(signals: count 1000000000000000000\)/],
    ['a monitor share of 1e308', 'profile', 'UPDATE monitor SET value = 1e308, ci_low = -1e308 WHERE rowid = (SELECT MIN(rowid) FROM monitor)', /is damaged \(monitor: value 1e\+308\)/],
    // what every import refuses, written outside it (adversarial run r11, finding 16)
    ['a signal on 30 February', 'profile', "UPDATE signals SET date = '2026-02-30' WHERE rowid = (SELECT MIN(rowid) FROM signals WHERE wave = '2026')", /is damaged \(signals: date 2026-02-30\)/],
    // a name or an address put where an import writes only codes (adversarial run r12, 14); the value itself is never repeated
    ['a key-figure theme that is a name', 'profile', "UPDATE keyfigures SET theme = 'Marie Dubois' WHERE wave = '2026'", /is damaged \(keyfigures: theme\)/],
    ['a key-figure organisation type that is a name', 'report', "UPDATE keyfigures SET organisation_type = 'Marie Dubois' WHERE wave = '2026'", /is damaged \(keyfigures: organisation_type\)/],
    ['a signal theme that is an address', 'profile', "UPDATE signals SET source = 'Jan Peeters', theme = 'Kerkstraat 12' WHERE wave = '2026'", /is damaged \(signals: theme\)/],
    ['a signal source that is a name', 'report', "UPDATE signals SET source = 'Jan Peeters' WHERE wave = '2026'", /is damaged \(signals: source\)/],
    ['a monitor value below its interval', 'profile', 'UPDATE monitor SET ci_low = 0.9, ci_high = 0.95 WHERE rowid = (SELECT MIN(rowid) FROM monitor)', /is damaged \(monitor: value 0\.365, interval 0\.9-0\.95\)/],
    ['a monitor interval with one bound', 'profile', 'UPDATE monitor SET ci_high = NULL WHERE rowid = (SELECT MIN(rowid) FROM monitor)', /is damaged \(monitor: value 0\.365, interval 0\.361-null\)/],
  ])('%s: %s is exit 5 naming the table and the value', async (_what, command, sql, message) => {
    const store = damaged(`other-${command}-${sql.length}`, sql);
    const run = await zone.run(['--store', store, command, '--wave', '2026']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(message);
    // the report says first that there is no goals file beside the store; then only the error
    expect(run.stderr.trim().split('\n').filter((line) => !line.startsWith('no goals file'))).toHaveLength(1);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Marie Dubois|Jan Peeters|Kerkstraat/);
  });
});

describe('a store file cut short or overwritten in part (adversarial run r19b): damaged, exit 5', () => {
  const demoStore = () => readFileSync(zone.path('zone', 'safety-scan.db'));

  it.each([
    ['cut short at 100,000 bytes', (store: Buffer) => store.subarray(0, 100_000)],
    ['cut short inside its header', (store: Buffer) => store.subarray(0, 50)],
    ['with a page overwritten', (store: Buffer) => Buffer.concat([store.subarray(0, 4096), Buffer.alloc(4096, 0xff), store.subarray(8192)])],
  ])('%s: is damaged, not "no safety-scan store", in every language', async (what, cut) => {
    const store = zone.path(`cut-${what.length}.db`);
    writeFileSync(store, cut(demoStore()));
    const expected = {
      en: `${store} is damaged: it is a SQLite database, but parts of it cannot be read`,
      nl: `${store} is beschadigd: het is een SQLite-databank, maar delen ervan kunnen niet gelezen worden`,
      fr: `${store} est endommagée\u202f: c’est une base SQLite, mais une partie ne peut pas être lue`,
    };
    for (const [lang, text] of Object.entries(expected)) {
      const run = await zone.run(['--lang', lang, '--store', store, 'status']);
      expect(run.code, explain(run)).toBe(5);
      expect(run.stderr).toContain(text);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a file that is no SQLite database at all is still no safety-scan store', async () => {
    const store = zone.path('text.db');
    writeFileSync(store, 'district;sex\nOudegem;M\n'.repeat(500));
    const run = await zone.run(['--store', store, 'status']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`${store} is not a safety-scan store`);
  });
});

// a text column holding a blob, which only another tool writes (adversarial run r25, F2): exit 70 before, and
// `forget` removed its batch before failing; now every command refuses the store as it opens it, changing nothing
describe('a text column of the store holding a blob', () => {
  it.each([
    ['status', "UPDATE batches SET file_name = CAST('signals.csv' AS BLOB) WHERE id = 6", 'batches.file_name'],
    ['forget', "UPDATE batches SET kind = CAST('signals' AS BLOB) WHERE id = 6", 'batches.kind'],
    ['profile', 'UPDATE monitor SET area = CAST(area AS BLOB)', 'monitor.area'],
    ['indicators', 'UPDATE population SET district = CAST(district AS BLOB)', 'population.district'],
    ['indicators', "UPDATE survey_columns SET name = CAST(name AS BLOB) WHERE name = 'age'", 'survey_columns.name'],
  ])('%s is exit 5 naming the column, the store unchanged', async (command, sql, where) => {
    const store = damaged(`blob-${where}`, sql);
    const before = readFileSync(store);
    const run = await zone.run(['--store', store, command, ...(command === 'forget' ? ['6'] : [])]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(`${store} is damaged (${where})`);
    expect(readFileSync(store).equals(before)).toBe(true);
  });
});
