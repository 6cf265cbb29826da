// A batch's digests do not give its respondents away (adversarial run r9, F10): the store kept a plain SHA-256
// of each file and of its rows, so a file of one respondent, whose answers the store holds too, gave back its id
// to anyone trying ids against the digest. Survey and key-figure batches now keep both keyed with the store's key.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const HEADER = 'respondent_id,wave,district,sex,age,unsafe_freq';
const ONE = `${HEADER}\nR26-04217,2026,Oudegem,F,44,2\n`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the digests of a batch of one respondent', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'population.csv': 'district,sex,age_group,population\nOudegem,F,30-44,100\nOudegem,M,30-44,100\n', 'late.csv': ONE, 'other.csv': `${HEADER}\nR26-04218,2026,Oudegem,M,41,3\n` });
  const store = dir.path('safety-scan.db');
  const batches = () => {
    const db = new Database(store, { readonly: true });
    try {
      return db.prepare("SELECT id, kind, sha256, details FROM batches WHERE kind = 'survey' ORDER BY id").all() as Array<{ id: number; kind: string; sha256: string; details: string }>;
    } finally {
      db.close();
    }
  };
  const json = async (args: string[]) => {
    const run = await dir.run([...args, '--json']);
    expect(run.code, explain(run)).toBe(0);
    // no output gives the plain digest away either (adversarial run r11, 12)
    expect(run.stdout).not.toContain(sha(ONE));
    return JSON.parse(run.stdout).files[0] as { status: string; same_as: number | null; sha256: string | null };
  };

  it('are keyed: neither the file nor its rows can be found from the store alone, and the same file is still recognised', async () => {
    expect((await dir.run(['import', '--kind', 'population', 'population.csv'])).code).toBe(0);
    const imported = await json(['import', '--kind', 'survey', 'late.csv']);
    expect(imported.status).toBe('stored');
    const [batch] = batches();
    // import --json names the file by the digest the store keeps, as status --json does
    expect(imported.sha256).toBe(batch.sha256);
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(batch.sha256).not.toBe(sha(ONE));
    expect(JSON.parse(batch.details)).toMatchObject({ digests: 'keyed' });
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout);
    expect(JSON.stringify(status)).not.toContain(sha(ONE));
    expect(readFileSync(store).toString('latin1')).not.toContain(sha(ONE));
    // the same file again: unchanged, by the keyed digest
    expect(await json(['import', '--kind', 'survey', 'late.csv'])).toMatchObject({ status: 'unchanged', same_as: batch.id });
  });

  it('kept plain by an earlier version are keyed by the next import, and found before that too', async () => {
    const db = new Database(store);
    db.prepare("UPDATE batches SET sha256 = ?, details = json_remove(details, '$.digests') WHERE kind = 'survey'").run(sha(ONE));
    db.close();
    // a dry run keys nothing, and finds the plain digest
    expect(await json(['import', '--kind', 'survey', '--dry-run', 'late.csv'])).toMatchObject({ status: 'dry_run', same_as: batches()[0].id });
    expect(batches()[0].sha256).toBe(sha(ONE));
    // an import keys every batch of the store, then stores its own keyed
    expect((await json(['import', '--kind', 'survey', 'other.csv'])).status).toBe('stored');
    const keyed = batches();
    expect(keyed).toHaveLength(2);
    for (const batch of keyed) expect(JSON.parse(batch.details)).toMatchObject({ digests: 'keyed' });
    expect(keyed[0].sha256).not.toBe(sha(ONE));
    expect(readFileSync(store).toString('latin1')).not.toContain(sha(ONE));
    expect(await json(['import', '--kind', 'survey', 'late.csv'])).toMatchObject({ status: 'unchanged', same_as: keyed[0].id });
  });

  it('are not given plain by a dry run without a store, which has no key: none is given', async () => {
    const bare = new Workdir();
    try {
      bare.write({ 'late.csv': ONE, 'population.csv': 'district,sex,age_group,population\nOudegem,F,30-44,100\n' });
      const run = await bare.run(['import', '--kind', 'survey', '--dry-run', '--json', 'late.csv']);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).not.toContain(sha(ONE));
      expect(JSON.parse(run.stdout).files[0].sha256).toBeNull();
      // population figures hold no ids: their plain digest, which anyone can check the file against
      const population = JSON.parse((await bare.run(['import', '--kind', 'population', '--dry-run', '--json', 'population.csv'])).stdout);
      expect(population.files[0].sha256).toBe(sha('district,sex,age_group,population\nOudegem,F,30-44,100\n'));
    } finally {
      bare.remove();
    }
  });
});
