// Opening the SQLite store: pragmas, migrations, version checks, and store errors that say what to do.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, rmSync, rmdirSync, lstatSync, statSync, truncateSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.js';
import { message, type Message } from '../i18n/index.js';
import { damagedStore, noRoomToWrite, onReadOnlyFileSystem, readOnlyStore, sqliteCode, storeFailure } from './failure.js';
import { sidecars, storeFiles } from './engine.js';
import { madeFolders, makeFolders } from '../make-folders.js';
import { keyBesideStore, keyCheck, keyFile, keyFromEnv, keyWhere, PSEUDONYM_TABLES, storeKey, writeKeyFile, type KeyPlace, type KeyWhere } from './key.js';
import { checkKeyRecords, schemaVersion } from './meta.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { TOOL_VERSION } from '../version.js';

export type StoreMode = 'read' | 'write';

/** The tables of the schema at SCHEMA_VERSION (src/store/schema.ts). */
export const STORE_TABLES = ['batches', 'keyfigures', 'meta', 'monitor', 'population', 'signals', 'survey_chunks', 'survey_columns'];

export interface OpenOptions {
  mode: StoreMode;
  /** How long to wait for another process's write lock before giving up. */
  busyTimeoutMs?: number;
  /** Where the pseudonymisation key is found (default: this process's environment). */
  keys?: KeyPlace;
  /** Told once when an older store's key was moved out of it into a key file. */
  notice?: (notice: Message) => void;
  /**
   * To write a store that must exist already (forget): none is made, and a read-only one is refused before
   * it is opened, naming what is read-only, as for an import.
   */
  existing?: true;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** What a transaction's work decided about its writes. */
export interface Decision {
  commit: boolean;
}

export class Store {
  /** What this open made (the file, new folders, a new key file): removed again if it closes with nothing stored. */
  private readonly made: string[] = [];
  /**
   * An empty (0-byte) store file that was there before this open, as touch or mktemp make it, with the sidecars
   * that were beside it: made 0 bytes again, and any sidecar this open left removed, if it closes with nothing stored.
   */
  private emptyFile: { file: string; sidecars: string[] } | undefined;
  /** A key file this open made for the store: with nothing stored, it goes again, and its fingerprint with it. */
  private keyMade: string | undefined;
  /** Where notices go (a key moved out of an older store, a new key for a store that holds nothing). */
  private notice: ((notice: Message) => void) | undefined;

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    private readonly keys: KeyPlace,
    private readonly mode: StoreMode,
  ) {}

  static open(path: string, options: OpenOptions): Store {
    const full = resolve(path);
    if ((options.mode === 'read' || options.existing) && !existsSync(full)) throw new StoreError('store.missing', { store: path });
    // SQLite's -shm needs space even to read: on a full disk the open fails and leaves a -shm it could not fill.
    // Whatever this open left beside the store goes again; to read, the store is then read from a copy in
    // memory, as a read-only one is, unless its -wal holds changes a copy of the file would miss.
    const before = sidecars(full).filter((file) => existsSync(file));
    try {
      return Store.openFile(path, full, options, false);
    } catch (error) {
      if (!noRoomToWrite(error)) throw error;
      for (const file of sidecars(full)) if (!before.includes(file)) rmSync(file, { force: true });
      if (options.mode === 'write' || (statSync(`${full}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) throw error;
      return Store.openFile(path, full, options, true);
    }
  }

  /** Opens the store file (`copy`: a copy in memory, to read); `full` is `path` resolved. */
  private static openFile(path: string, full: string, options: OpenOptions, copy: boolean): Store {
    // A device, a folder or a pipe is no store: SQLite would leave a journal beside it (/dev/null-journal) or wait on it.
    const found = statSync(full, { throwIfNoEntry: false });
    if (found !== undefined && !found.isFile()) throw new StoreError('store.not_a_store', { store: path });
    // a link that points nowhere would have a new store made wherever it points (as init refuses to write through one)
    if (found === undefined && lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink()) throw new StoreError('store.not_a_store', { store: path });
    // Opening a read-only store to write would leave read-only -wal and -shm files beside it, which then refuse
    // every later run even once the store is writable again: refused first, naming what is read-only.
    if (options.mode === 'write' && found !== undefined) {
      const locked = [full, dirname(full), ...sidecars(full)].find((place) => existsSync(place) && !mayWrite(place));
      if (locked !== undefined) throw onReadOnlyFileSystem(locked) ? readOnlyStore(path) : new StoreError('store.read_only', { store: path, file: locked });
    }
    let db: Database.Database;
    const made: string[] = [];
    const emptyFile = options.mode === 'write' && !options.existing && found?.size === 0 && isEmptyFile(full) ? { file: full, sidecars: sidecars(full).filter((file) => existsSync(file)) } : undefined;
    try {
      if (options.mode === 'write' && !options.existing) made.push(...createPrivately(full));
      db = options.mode === 'read' && (copy || !writable(full)) ? openUnchanging(full) : new Database(full, { fileMustExist: options.mode === 'read' || options.existing === true });
    } catch (error) {
      throw storeFailure(path, error);
    }
    const store = new Store(db, path, options.keys ?? { env: process.env }, options.mode);
    store.made.push(...made);
    store.emptyFile = emptyFile;
    store.notice = options.notice;
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
      // every delete overwrites what it frees (forget, import --replace): removed rows do not linger in free pages or the WAL
      db.pragma('secure_delete = ON');
      store.prepare(options.mode, options.existing === true);
      if (options.mode === 'write') store.moveKeyOut(options.notice);
    } catch (error) {
      // judged before closing: closing removes a new store's files, whose sizes tell a file-size limit
      const failure = error instanceof StoreError ? error : storeFailure(path, error);
      store.close();
      throw failure;
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

  private prepare(mode: StoreMode, existing: boolean): void {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) {
      if (mode === 'read' || existing) throw new StoreError('store.missing', { store: this.path });
      this.db.pragma('journal_mode = WAL');
      this.migrate(0);
      return;
    }
    if (!tables.includes('meta')) throw new StoreError('store.not_a_store', { store: this.path });
    // judged before anything is migrated or keyed: a damaged store is left exactly as it was
    const meta = (key: string) => this.meta(key);
    const version = schemaVersion(this.path, meta);
    checkKeyRecords(this.path, meta, () => PSEUDONYM_TABLES.some((table) => tables.includes(table) && this.db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1));
    this.checkTextColumns(tables);
    if (version < SCHEMA_VERSION) this.migrate(version);
    // a table of the schema gone is a damaged store for every command, before any writes to it (r10, F2)
    const present = version < SCHEMA_VERSION ? (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]) : tables;
    const missing = STORE_TABLES.find((table) => !present.includes(table));
    if (missing !== undefined) throw new StoreError('store.damaged_no_table', { store: this.path, table: missing });
  }

  /**
   * A text column holding a blob, which only another tool writes (`CAST(x AS BLOB)`; a number or NULL there SQLite
   * turns into text or refuses): the store is damaged, said when it is opened, before any command reads or changes
   * it (adversarial run r25, F2: `status` exit 70, `forget` removing its batch and then exit 70). One pass per table.
   */
  private checkTextColumns(tables: readonly string[]): void {
    for (const table of STORE_TABLES) {
      if (!tables.includes(table)) continue;
      const columns = (this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string }>).filter((column) => /TEXT/i.test(column.type) && /^[a-z_]+$/.test(column.name));
      if (columns.length === 0) continue;
      const found = this.db
        .prepare(`SELECT CASE ${columns.map((column) => `WHEN typeof(${column.name}) = 'blob' THEN '${column.name}'`).join(' ')} END FROM ${table} WHERE ${columns.map((column) => `typeof(${column.name}) = 'blob'`).join(' OR ')} LIMIT 1`)
        .pluck()
        .get();
      if (typeof found === 'string') throw damagedStore(this.path, `${table}.${found}`);
    }
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
        set.run('store_id', randomBytes(16).toString('hex'));
        set.run('created_with', TOOL_VERSION);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      // SQLite has rolled back itself after some failures (a full disk, a file-size limit): the cause is what counts
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    // an existing store whose upgrade removed something private: free pages may still hold it (VACUUM runs outside a transaction)
    if (from > 0 && MIGRATIONS.some((migration) => migration.version > from && migration.rewrite)) this.db.exec('VACUUM');
  }

  meta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  /** This store's id, which names its key file (older stores get one when first opened to write). */
  private storeId(): string {
    const id = this.meta('store_id');
    if (!id) throw damagedStore(this.path, 'meta.store_id');
    return id;
  }

  /**
   * An older store kept its key in `meta.secret`: it moves to the key file (written and flushed first, so a
   * failure in between loses nothing), then leaves the store; its pseudonyms stay comparable.
   */
  private moveKeyOut(notice: ((notice: Message) => void) | undefined): void {
    const hex = this.meta('secret');
    const set = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    if (!this.meta('store_id')) set.run('store_id', randomBytes(16).toString('hex'));
    if (!hex) return;
    const key = Buffer.from(hex, 'hex');
    const file = keyFile(this.keys, this.storeId(), this.path);
    const written = !existsSync(file);
    if (written) writeKeyFile(file, key);
    this.db.transaction(() => {
      set.run('key_check', keyCheck(key));
      this.db.prepare("DELETE FROM meta WHERE key = 'secret'").run();
    })();
    // The old key's pages may linger in the file's free space: rewrite it without them.
    this.db.exec('VACUUM');
    notice?.(message('key.moved', { store: this.path, file }));
    if (written) this.besideStoreNotice(file, notice);
  }

  /** A key file just written inside the store's folder is said once (src/store/key.ts, keyBesideStore). */
  private besideStoreNotice(file: string, notice: ((notice: Message) => void) | undefined): void {
    if (keyBesideStore(file, resolve(this.path))) notice?.(message('key.beside_store', { file }));
  }

  /** Where this store's key is (for `status`): a key file, SAFETY_SCAN_KEY, or still inside an older store. */
  keyWhere(): KeyWhere {
    // a store that holds nothing made with its key gets a new key when its key file is gone, as a new store does: none is missing
    const check = this.meta('key_check');
    return keyWhere(this.keys, { storeId: this.meta('store_id'), check: check !== undefined && this.holdsNothing() ? undefined : check, keptInside: this.meta('secret') !== undefined }, this.path);
  }

  /**
   * The key for pseudonymising respondent and interview ids, from outside the store (src/store/key.ts). Opened
   * to read (a dry run), nothing is written: an older store's key is used where it still is, inside the store
   * (opened to write, moveKeyOut has taken it out already), and a store with no key yet gets none made for it.
   */
  secret(): Buffer {
    const kept = this.meta('secret');
    if (kept) {
      // as the import would, once the key has moved out: SAFETY_SCAN_KEY must be that key
      const key = Buffer.from(kept, 'hex');
      const fromEnv = keyFromEnv(this.keys);
      if (fromEnv && !fromEnv.equals(key)) throw new StoreError('key.env_wrong_inside', { store: this.path });
      return key;
    }
    const check = this.meta('key_check');
    // a store that holds nothing made with its key (left so by an older version's failed import, or all of it forgotten)
    const record = { storeId: this.storeId(), check, unused: check !== undefined && this.holdsNothing() };
    if (this.mode === 'read') return storeKey(this.keys, record, this.path);
    return storeKey(this.keys, record, this.path, (made, createdFile) => {
      this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('key_check', ?)").run(made);
      if (createdFile) {
        this.made.push(createdFile);
        this.keyMade = createdFile;
        if (check !== undefined) this.notice?.(message('key.new_for_unused', { store: this.path, file: createdFile }));
        this.besideStoreNotice(createdFile, this.notice);
      }
    });
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

  /**
   * Closes the store; one this open created that still holds no batch is removed again, with what came with it,
   * and an empty file it began in is made empty again. A store that stays keeps no fingerprint of a key file removed.
   */
  close(): void {
    if (!this.db.open) return;
    const unused = (this.made.length > 0 || this.emptyFile !== undefined) && this.emptied();
    const kept = !this.made.includes(resolve(this.path)) && this.emptyFile === undefined;
    if (unused && kept && this.keyMade !== undefined) this.forgetKeyCheck(this.keyMade);
    // the overwritten pages of removed rows reach the database file now, even while another process holds the
    // store open (closing checkpoints only as the last connection); passive: it waits for no reader
    if (this.mode === 'write') this.checkpoint();
    this.db.close();
    if (!unused) return;
    if (this.emptyFile) emptyAgain(this.emptyFile);
    removeMade(this.made);
  }

  /**
   * Copies every change in the write-ahead log into the store file and empties the log (a TRUNCATE checkpoint, which
   * waits for readers as long as the busy timeout): false when another connection's open read still needs older
   * pages, so rows just removed stay readable in the `-wal` file until that reader ends and the store is opened
   * again (adversarial run r36-B, B8: `forget` said nothing of it).
   */
  emptyLog(): boolean {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return result?.busy === 0;
  }

  private checkpoint(): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // a store that cannot be written now is checkpointed when it is next opened; closing must not fail for it
    }
  }

  /** The fingerprint of a key whose file is removed again: left, it would ask every later import for a key that never was. */
  private forgetKeyCheck(file: string): void {
    try {
      this.db.prepare("DELETE FROM meta WHERE key = 'key_check'").run();
    } catch {
      // the store could not be written: its key file then stays, so the store keeps its key
      this.made.splice(this.made.indexOf(file), 1);
    }
  }

  /**
   * True when the store holds no row with a pseudonym: nothing made with its key. Batches of population,
   * monitor or signal figures may be there; none of them was made with the key (r16, F4).
   */
  private holdsNothing(): boolean {
    return !PSEUDONYM_TABLES.some((table) => this.db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1);
  }

  private emptied(): boolean {
    try {
      return (this.db.prepare('SELECT COUNT(*) FROM batches').pluck().get() as number) === 0;
    } catch {
      // no schema yet (a failure while creating it): nothing was stored either
      return true;
    }
  }
}

/**
 * True for a 0-byte file with no write-ahead log or journal that holds anything: an empty store, not one whose
 * content still waits in its -wal (a crash before the first checkpoint leaves the store file 0 bytes).
 */
function isEmptyFile(full: string): boolean {
  return [full, `${full}-wal`, `${full}-journal`].every((file) => (statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0);
}

/** Makes an empty store file this open filled empty again, removing the sidecars it left beside it. */
function emptyAgain(empty: { file: string; sidecars: string[] }): void {
  try {
    truncateSync(empty.file, 0);
    for (const file of sidecars(empty.file)) if (!empty.sidecars.includes(file)) rmSync(file, { force: true });
  } catch {
    // left as it is: a file we may no longer change
  }
}

/** Removes what an unused new store made, newest first; a folder only while empty (something else may be in it by now). */
function removeMade(made: string[]): void {
  for (const path of [...made].reverse()) {
    try {
      if (statSync(path).isDirectory()) rmdirSync(path);
      else for (const file of storeFiles(path)) rmSync(file, { force: true });
    } catch {
      // left in place: a folder someone filled meanwhile, or one we may not remove
    }
  }
}

/**
 * A new store's file is made 0600 before SQLite opens it (its -wal and -shm files take the same mode), new
 * folders 0700. Returns what it made, outermost first: the new folders, then the file.
 */
function createPrivately(full: string): string[] {
  const made = madeFolders(dirname(full), makeFolders(dirname(full), 0o700));
  try {
    closeSync(openSync(full, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
    made.push(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return made;
}

/** True when this process may change a file (or make files in a folder). */
function mayWrite(place: string): boolean {
  try {
    accessSync(place, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when this process may change the store file and make files beside it (its -wal and -shm). */
function writable(full: string): boolean {
  return mayWrite(full) && mayWrite(dirname(full));
}

/**
 * A store nobody here may change (a read-only file or folder) is read from a copy in memory: SQLite would need
 * -wal and -shm files beside it, which a read-only folder cannot take and a read-only file would leave behind
 * read-only. Nobody can be writing it meanwhile, so the copy is the store as it is.
 */
function openUnchanging(full: string): Database.Database {
  const image = readFileSync(full);
  // The header's write and read versions (bytes 18, 19) say WAL; a copy in memory has no WAL to go with it.
  if (image.length >= 20) image.fill(1, 18, 20);
  return new Database(image, { readonly: true });
}
