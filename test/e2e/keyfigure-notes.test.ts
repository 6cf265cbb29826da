// Key figures' free-text notes (issue 17): the `note` column is accepted but never stored, never in a rejects
// file and never in any output; a store made before schema 6 loses the notes it kept, their bytes included.
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs, type Workdir } from '../helpers/cli.js';

const workdir = useWorkdirs();

const NOTE = 'Buurman Jan Peeters van nummer 12 dealt achter de kerk';
const HEADER = 'interview_id,wave,district,organisation_type,theme,severity,trend,note';
const KEYFIGURES = [
  HEADER,
  `K26-01,2026,Oudegem,school,drugs,4,worse,"${NOTE}"`,
  'K26-01,2026,Oudegem,school,speeding,3,same,',
  // rejected (severity 9): its note must not reach the rejects file either
  `K26-02,2026,Oudegem,housing,drugs,9,same,"${NOTE} (tweede)"`,
].join('\n');

/** The store's files and every rejects file, as one text. */
function storedText(dir: Workdir): string {
  const files = readdirSync(dir.dir).filter((name) => name.startsWith('safety-scan.db')).map((name) => dir.path(name));
  const rejects = readdirSync(dir.path('rejects')).map((name) => dir.path('rejects', name));
  return Buffer.concat([...files, ...rejects].map((file) => readFileSync(file))).toString('latin1');
}

describe('key-figure notes', () => {
  it('are accepted, left out with a notice, and found in no store byte, rejects file or output', async () => {
    const dir = workdir().write({ 'kf.csv': KEYFIGURES });
    expect((await dir.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const run = await dir.run(['import', '--kind', 'keyfigures', 'kf.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/2 stored, 1 rejected/);
    expect(run.stderr).toMatch(/dropped and never stored: note/);
    const json = await dir.run(['import', '--kind', 'keyfigures', '--dry-run', '--json', 'kf.csv']);
    expect(JSON.parse(json.stdout).files[0].dropped_columns).toEqual(['note']);
    const outputs = [run.stdout, run.stderr, json.stdout, json.stderr];
    for (const args of [['profile', '--district', 'Oudegem', '--json'], ['status', '--json'], ['check', '--json']]) {
      const out = await dir.run(args);
      outputs.push(out.stdout, out.stderr);
    }
    const store = storedText(dir);
    // the bytes searched are the store's and the rejects file's, whose refused row keeps its interview id keyed
    expect(store).toMatch(/~[0-9a-f]{32},2026,Oudegem,housing,drugs/);
    expect(store).not.toContain('Jan Peeters');
    for (const output of outputs) expect(output).not.toContain('Jan Peeters');
    const stored = new Database(dir.path('safety-scan.db'), { readonly: true });
    expect(stored.prepare('SELECT COUNT(*) FROM keyfigures WHERE note IS NOT NULL').pluck().get()).toBe(0);
    stored.close();
  });

  it('stay out when a mapping renames a column to `note` or gives it as a constant', async () => {
    const renamed = KEYFIGURES.replace(HEADER, HEADER.replace(',note', ',Opmerking'));
    const dir = workdir().write({ 'kf.csv': renamed, 'm.yaml': `columns: { Opmerking: note }\nconstants: { note: "${NOTE}" }\n` });
    const run = await dir.run(['import', '--kind', 'keyfigures', '--mapping', 'm.yaml', 'kf.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/dropped and never stored: Opmerking/);
    expect(storedText(dir)).not.toContain('Jan Peeters');
  });

  it('kept by a store made before schema 6 are emptied when it is opened, their bytes overwritten, free pages too', async () => {
    const dir = workdir();
    expect((await dir.run(['import', '--kind', 'keyfigures', `${DEMO}/keyfigures.csv`])).code).toBe(0);
    // what an earlier version left: notes in the table, schema 5
    const db = new Database(dir.path('safety-scan.db'));
    db.prepare('UPDATE keyfigures SET note = ? WHERE rowid % 3 = 0').run(NOTE);
    // and pages it freed that still hold notes (a batch removed with forget or --replace)
    db.exec('CREATE TABLE removed AS SELECT * FROM keyfigures; DROP TABLE removed');
    db.prepare("UPDATE meta SET value = '5' WHERE key = 'schema_version'").run();
    db.close();
    expect(readFileSync(dir.path('safety-scan.db')).toString('latin1')).toContain('Jan Peeters');
    const run = await dir.run(['status', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const migrated = new Database(dir.path('safety-scan.db'));
    expect(migrated.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('6');
    expect(migrated.prepare('SELECT COUNT(*) FROM keyfigures WHERE note IS NOT NULL').pluck().get()).toBe(0);
    migrated.close();
    const bytes = readdirSync(dir.dir).filter((name) => name.startsWith('safety-scan.db')).map((name) => readFileSync(dir.path(name)).toString('latin1'));
    for (const text of bytes) expect(text).not.toContain('Jan Peeters');
  });

  it('are in no report: --include-notes is gone', async () => {
    const dir = workdir();
    const run = await dir.run(['report', '--include-notes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--include-notes/);
  });
});
