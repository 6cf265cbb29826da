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

// Adversarial run r36-B, B8: another program's open read keeps the WAL from being emptied, so the rows removed
// stayed readable in the `-wal` file after `forget` had exited, without a word.
describe('rows removed while another program reads the store', () => {
  it('are said to stay in the -wal file until it closes, and are gone once a command opens the store after that', async () => {
    const dir = workdir().write({ 'p.csv': 'district;sex;age_group;population\nNoord;M;15-29;100\n', 'q.csv': WITH_IT });
    expect((await dir.run(['import', '--kind', 'population', 'p.csv'])).code).toBe(0);
    const held = new Database(dir.path('safety-scan.db'), { readonly: true });
    try {
      // a read begun before the rows came, still open: the log cannot be emptied past it
      held.exec('BEGIN');
      held.prepare('SELECT COUNT(*) FROM batches').pluck().get();
      const env = { SAFETY_SCAN_BUSY_TIMEOUT_MS: '50' };
      expect((await dir.run(['import', '--kind', 'population', 'q.csv'], { env })).code).toBe(0);
      const forget = await dir.run(['--lang', 'nl', 'forget', '2'], { env });
      expect(forget.code, explain(forget)).toBe(0);
      expect(forget.stderr).toContain('een ander programma leest de databank, dus blijven de verwijderde rijen in het `-wal`-bestand ernaast staan');
      expect(storeBytes(dir)).toContain(GONE);
      held.exec('COMMIT');
    } finally {
      held.close();
    }
    const status = await dir.run(['status']);
    expect(status.code, explain(status)).toBe(0);
    expect(storeBytes(dir)).not.toContain(GONE);
  });

  it('by import --replace are said so too', async () => {
    const dir = workdir().write({ 'p.csv': WITH_IT, 'q.csv': WITHOUT_IT });
    expect((await dir.run(['import', '--kind', 'population', 'p.csv'])).code).toBe(0);
    const reader = new Database(dir.path('safety-scan.db'), { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM batches').pluck().get();
      const replace = await dir.run(['import', '--kind', 'population', '--replace', 'q.csv'], { env: { SAFETY_SCAN_BUSY_TIMEOUT_MS: '50' } });
      expect(replace.code, explain(replace)).toBe(0);
      expect(replace.stderr).toContain('another program is reading the store, so the rows removed stay in its `-wal` file');
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
  });

  it('are not said to stay when nothing else reads the store', async () => {
    const dir = workdir().write({ 'p.csv': WITH_IT, 'q.csv': WITHOUT_IT });
    expect((await dir.run(['import', '--kind', 'population', 'p.csv'])).code).toBe(0);
    const replace = await dir.run(['import', '--kind', 'population', '--replace', 'q.csv']);
    expect(replace.code, explain(replace)).toBe(0);
    expect(replace.stderr).not.toContain('-wal');
    expect(storeBytes(dir)).not.toContain(GONE);
  });
});
