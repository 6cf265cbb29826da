// Rows a batch removal takes out (`forget`, `import --replace`) leave no trace in the SQLite store's files:
// the store runs with secure_delete, so the pages and cells they free are overwritten, in the WAL as in the
// database file (r24b C).
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { explain, useWorkdirs, type Workdir } from '../helpers/cli.js';

const workdir = useWorkdirs();

const GONE = 'Zwaluwenhoekje';
const WITH_IT = `district;sex;age_group;population\n${GONE};M;15-29;100\nNoord;M;15-29;100\n`;
const WITHOUT_IT = 'district;sex;age_group;population\nNoord;M;15-29;100\n';

/** Every file of the store (the database, its WAL and shared memory), as one text. */
function storeBytes(dir: Workdir): string {
  const files = readdirSync(dir.dir).filter((name) => name.startsWith('safety-scan.db'));
  return Buffer.concat(files.map((name) => readFileSync(dir.path(name)))).toString('latin1');
}

/**
 * Runs `args` while another connection holds the store open, so the WAL outlives the command and its bytes
 * can be read too; the text of every store file, read before that connection closes.
 */
async function runHeldOpen(dir: Workdir, args: string[]): Promise<string> {
  const held = new Database(dir.path('safety-scan.db'), { readonly: true });
  try {
    held.prepare('SELECT COUNT(*) FROM batches').pluck().get();
    const run = await dir.run(args);
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(dir.dir)).toContain('safety-scan.db-wal');
    return storeBytes(dir);
  } finally {
    held.close();
  }
}

describe('removed rows', () => {
  it('are overwritten by forget, in the store file and its WAL', async () => {
    const dir = workdir().write({ 'p.csv': WITH_IT });
    expect((await dir.run(['import', '--kind', 'population', 'p.csv'])).code).toBe(0);
    expect(storeBytes(dir)).toContain(GONE);
    expect(await runHeldOpen(dir, ['forget', '1'])).not.toContain(GONE);
    expect(storeBytes(dir)).not.toContain(GONE);
  });

  it('are overwritten by import --replace, in the store file and its WAL', async () => {
    const dir = workdir().write({ 'p.csv': WITH_IT, 'q.csv': WITHOUT_IT });
    expect((await dir.run(['import', '--kind', 'population', 'p.csv'])).code).toBe(0);
    expect(storeBytes(dir)).toContain(GONE);
    expect(await runHeldOpen(dir, ['import', '--kind', 'population', '--replace', 'q.csv'])).not.toContain(GONE);
    const db = new Database(dir.path('safety-scan.db'), { readonly: true });
    expect(db.prepare('SELECT group_concat(district) FROM population').pluck().get()).toBe('Noord');
    db.close();
    expect(storeBytes(dir)).not.toContain(GONE);
  });
});
