// Store.transaction: the work's result decides between commit and rollback; a throw rolls back too.
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { Store } from '../../src/store/db.js';
import { Scratch, rejected } from './helpers.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

const store = scratch.store('transactions.db');
store.db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
const notes = () => store.db.prepare('SELECT text FROM notes ORDER BY rowid').pluck().all();
const note = (text: string) => store.db.prepare('INSERT INTO notes (text) VALUES (?)').run(text);

describe('Store.transaction', () => {
  it('commits work that decides to commit, or decides nothing, and hands back its result', async () => {
    const result = await store.transaction(async () => {
      note('kept');
      return { commit: true, batch: 7 };
    });
    expect(result).toEqual({ commit: true, batch: 7 });
    await store.transaction(async () => {
      note('also kept');
    });
    expect(notes()).toEqual(['kept', 'also kept']);
  });

  it('rolls back work that decides not to commit, and hands back its result', async () => {
    const result = await store.transaction(async () => {
      note('dropped');
      await Promise.resolve();
      note('dropped too');
      return { commit: false, status: 'strict_failed' };
    });
    expect(result).toEqual({ commit: false, status: 'strict_failed' });
    expect(notes()).toEqual(['kept', 'also kept']);
    expect(store.db.inTransaction).toBe(false);
  });

  it('rolls back work that throws, and rethrows what it threw', async () => {
    const failure = new Error('not a store problem');
    expect(
      await rejected(
        store.transaction(async () => {
          note('dropped');
          throw failure;
        }),
      ),
    ).toBe(failure);
    expect(notes()).toEqual(['kept', 'also kept']);
  });

  it('rolls back a SQLite failure and reports it as a store error that keeps its cause', async () => {
    const error = await rejected(
      store.transaction(async () => {
        note('dropped');
        store.db.prepare('INSERT INTO notes (text) VALUES (NULL)').run();
      }),
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ detail: { key: 'store.failed' } });
    expect((error.cause as { code?: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(notes()).toEqual(['kept', 'also kept']);
  });

  it('says the store is locked when another writer holds it, with the cause', async () => {
    const other = Store.open(scratch.path('transactions.db'), { mode: 'write', busyTimeoutMs: 0 });
    try {
      store.db.exec('BEGIN IMMEDIATE');
      const error = await rejected(other.transaction(async () => undefined));
      expect(error).toMatchObject({ detail: { key: 'store.locked' } });
      expect((error.cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    } finally {
      store.db.exec('ROLLBACK');
      other.close();
    }
  });
});
