// Opening the SQLite store: pragmas, migrations, version checks, and store errors that say what to do.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.js';
import { sqliteCode, storeFailure } from './failure.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { TOOL_VERSION } from '../version.js';

export type StoreMode = 'read' | 'write';

export interface OpenOptions {
  mode: StoreMode;
  /** How long to wait for another process's write lock before giving up. */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** What a transaction's work decided about its writes. */
export interface Decision {
  commit: boolean;
}

export class Store {
  private constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {}

  static open(path: string, options: OpenOptions): Store {
    const full = resolve(path);
    if (options.mode === 'read' && !existsSync(full)) throw new StoreError('store.missing', { store: path });
    let db: Database.Database;
    try {
      if (options.mode === 'write') mkdirSync(dirname(full), { recursive: true });
      db = new Database(full, { fileMustExist: options.mode === 'read' });
    } catch (error) {
      throw storeFailure(path, error);
    }
    const store = new Store(db, path);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
      store.prepare(options.mode);
    } catch (error) {
      db.close();
      if (error instanceof StoreError) throw error;
      throw storeFailure(path, error);
    }
    return store;
  }

  /** Opens the store to read, runs `work` on it and closes it again, whatever `work` does. */
  static reading<T>(path: string, work: (store: Store) => T): T {
    const store = Store.open(path, { mode: 'read' });
    try {
      return work(store);
    } finally {
      store.close();
    }
  }

  private prepare(mode: StoreMode): void {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) {
      if (mode === 'read') throw new StoreError('store.missing', { store: this.path });
      this.db.pragma('journal_mode = WAL');
      this.migrate(0);
      return;
    }
    if (!tables.includes('meta')) throw new StoreError('store.not_a_store', { store: this.path });
    const version = Number(this.meta('schema_version') ?? 0);
    if (version > SCHEMA_VERSION) {
      throw new StoreError('store.too_new', { store: this.path, version, supported: SCHEMA_VERSION });
    }
    if (version < SCHEMA_VERSION) this.migrate(version);
  }

  private migrate(from: number): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const migration of MIGRATIONS) {
        if (migration.version <= from) continue;
        this.db.exec(migration.sql);
      }
      const set = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      set.run('schema_version', String(SCHEMA_VERSION));
      if (from === 0) {
        set.run('secret', randomBytes(32).toString('hex'));
        set.run('created_with', TOOL_VERSION);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  meta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  /** The key for pseudonymising respondent and interview ids; it never leaves the store. */
  secret(): Buffer {
    const hex = this.meta('secret');
    if (!hex) throw new StoreError('store.not_a_store', { store: this.path });
    return Buffer.from(hex, 'hex');
  }

  /**
   * Runs `work` inside one write transaction. Its result decides: `{ commit: false }` rolls back, anything
   * else commits. A throw rolls back too, and is rethrown (a SQLite failure as a store error, with its cause).
   */
  transaction<T extends Decision>(work: () => Promise<T>): Promise<T>;
  transaction(work: () => Promise<void>): Promise<void>;
  async transaction<T extends Decision>(work: () => Promise<T | undefined>): Promise<T | undefined> {
    const failure = (error: unknown) => Object.assign(storeFailure(this.path, error), { cause: error });
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw failure(error);
    }
    try {
      const result = await work();
      this.db.exec(result?.commit === false ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw sqliteCode(error).startsWith('SQLITE_') ? failure(error) : error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
