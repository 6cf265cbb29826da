// SQLite failures as store errors with a message the user can act on (no SQLite needed to load this).
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError, failureReason, systemFailure } from '../errors.js';

export function sqliteCode(error: unknown): string {
  return (error as { code?: string }).code ?? '';
}

/** True when the file system holding the store has no free block left for this user. */
function diskFull(path: string): boolean {
  try {
    return statfsSync(dirname(resolve(path))).bavail === 0;
  } catch {
    return false;
  }
}

/** The largest file this process may write (`ulimit -f`), in bytes; null when unlimited or not known (not Linux). */
function fileSizeLimit(): number | null {
  try {
    const soft = /^Max file size\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
}

/** Store errors of a file-size limit: said as every other file's, but like a full disk no room to write. */
const BEYOND_SIZE_LIMIT = new WeakSet<StoreError>();

/**
 * True for a store error that says there is no room to write: a full disk, or a file-size limit (`ulimit -f`).
 * Reading a store needs its -shm file: without room for it, the store is read from a copy (src/store/db.ts).
 */
export function noRoomToWrite(error: unknown): boolean {
  return error instanceof StoreError && (error.detail.key === 'store.disk_full' || BEYOND_SIZE_LIMIT.has(error));
}

/** The size of SQLite's -shm file of a store in WAL mode, at least. */
const SHM_SIZE = 32_768;

/** The most one write of SQLite adds to a file: a WAL frame of the largest page (64 KiB and its 24-byte header). */
const LARGEST_WRITE = 65_536 + 24;

/**
 * True when a file of the store (its database, journal or WAL) is so close to the file-size limit that its next
 * write went past it: SQLite says only SQLITE_IOERR_WRITE for the EFBIG underneath.
 */
function beyondSizeLimit(path: string): boolean {
  const limit = fileSizeLimit();
  if (limit === null || !Number.isFinite(limit)) return false;
  // the -shm file SQLite needs even to read a store in WAL mode is 32 KiB at least
  if (limit < SHM_SIZE) return true;
  return [path, `${path}-wal`, `${path}-journal`].some((file) => {
    try {
      return statSync(file).size + LARGEST_WRITE > limit;
    } catch {
      return false;
    }
  });
}

/**
 * True when `path`, or while it does not exist the nearest folder above it that does, is on a file system
 * mounted read-only (access(2) says EROFS before any permission, for root too).
 */
export function onReadOnlyFileSystem(path: string): boolean {
  for (let place = resolve(path); ; place = dirname(place)) {
    try {
      accessSync(place, constants.W_OK);
      return false;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return true;
      if (code !== 'ENOENT' || place === dirname(place)) return false;
    }
  }
}

/** A store on a read-only file system: chmod cannot help there, so it is not what the message advises. */
export function readOnlyStore(path: string): StoreError {
  return new StoreError('store.read_only_fs', { store: path });
}

/** The 16 bytes every SQLite database file begins with. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file begins as a SQLite database does, whatever follows. */
function beginsAsSqlite(path: string): boolean {
  try {
    const file = openSync(path, 'r');
    try {
      const start = Buffer.alloc(SQLITE_HEADER.length);
      return readSync(file, start, 0, start.length, 0) === start.length && start.equals(SQLITE_HEADER);
    } finally {
      closeSync(file);
    }
  } catch {
    return false;
  }
}

/**
 * A file SQLite cannot read: damaged when SQLite found its pages malformed, or when it begins as a SQLite
 * database (cut short, overwritten in part: `head -c 100000 safety-scan.db`); any other file is no store at all.
 */
function unreadableStore(path: string, code: string): StoreError {
  if (code.startsWith('SQLITE_CORRUPT') || beginsAsSqlite(path)) return new StoreError('store.damaged_file', { store: path });
  return new StoreError('store.not_a_store', { store: path });
}

/** Maps a SQLite (or file-system) failure to a store error with a message the user can act on. */
export function storeFailure(path: string, error: unknown): StoreError {
  const missing = missingPart(path, error);
  if (missing) return missing;
  const code = sqliteCode(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY')) {
    return new StoreError('store.locked', { store: path });
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return unreadableStore(path, code);
  // before the disk-full test: a read-only medium (an ISO image, squashfs) reports no free block either; a new
  // store's folder there fails with EROFS (makeFolders)
  const cannotWrite = code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_IOERR');
  if ((cannotWrite || isSystemFailure(error)) && onReadOnlyFileSystem(path)) return readOnlyStore(path);
  // SQLite says "disk I/O error" when even its 32 KB -shm file cannot be made: on a full disk, say so. Growing the
  // -shm fails with SQLITE_IOERR_SHMSIZE when fewer than its 32 KB are free, though some blocks still are (SQLite's
  // documentation: "the underlying filesystem volume is out of space")
  // a file-size limit (`ulimit -f`) said as every other file's: the file would exceed the size allowed. Before the
  // disk-full test: a write cut short by the limit is SQLITE_FULL too (SQLite's unixWrite), on a disk with room
  // (adversarial run r20b: `forget` under `ulimit -f 1` said the disk was full)
  if ((code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') && beyondSizeLimit(path)) {
    const limited = new StoreError('store.failed', { store: path, reason: failureReason('EFBIG') }, { cause: error });
    BEYOND_SIZE_LIMIT.add(limited);
    return limited;
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || ((code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') && diskFull(path))) {
    return new StoreError('store.disk_full', { store: path });
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_IOERR')) {
    return new StoreError('store.cannot_write', { store: path, reason: code });
  }
  // a system call's failure (making the store's folder in /proc or /sys) in the user's words; Node's text is the cause
  const failure = systemFailure(error);
  if (failure) return new StoreError('store.failed', { store: path, reason: failureReason(failure.code) }, { cause: error });
  return new StoreError('store.failed', { store: path, reason: error instanceof Error ? error.message : String(error) });
}

/**
 * SQLite's "no such table" or "no such column" (SQLITE_ERROR) on a store whose schema version is known: a table or
 * column every store of that version has is gone, so the store was changed outside safety-scan. Said as a damaged
 * store naming what is missing, in the user's language; SQLite's own text is the cause (--verbose). Only names made
 * of letters, digits and underscores are taken from the text (they are ours: the tool's own SQL names them).
 */
function missingPart(store: string, error: unknown): StoreError | null {
  if (sqliteCode(error) !== 'SQLITE_ERROR' || !(error instanceof Error)) return null;
  const text = error.message;
  const table = /^no such table: (?:\w+\.)?(\w+)$/.exec(text);
  if (table) return new StoreError('store.damaged_no_table', { store, table: table[1] }, { cause: error });
  const column = /^no such column: ((?:\w+\.)?\w+)$/.exec(text);
  const named = /^table (\w+) has no column named (\w+)$/.exec(text);
  if (column || named) return new StoreError('store.damaged_no_column', { store, column: column ? column[1] : `${named?.[1]}.${named?.[2]}` }, { cause: error });
  return null;
}

/** A failure Node reports from a system call (open, mkdir, ...), as opposed to one of SQLite's. */
function isSystemFailure(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException | undefined)?.syscall === 'string';
}

/** A value no version of safety-scan writes: the store was changed or damaged outside it (exit 5, never a crash). */
export function damagedStore(store: string, where: string, cause?: unknown): StoreError {
  return new StoreError('store.damaged', { store, where }, { cause });
}

function storedJson(store: string, where: string, text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch (error) {
    throw damagedStore(store, where, error);
  }
}

/** A stored JSON list of names (waves, districts, items). */
export function storedNames(store: string, where: string, text: unknown): string[] {
  const value = storedJson(store, where, text);
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) throw damagedStore(store, where);
  return value;
}

/** A stored count (a batch's rows read, stored, rejected): a whole number of zero or more, never text or a fraction. */
export function storedCount(store: string, where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw damagedStore(store, where);
  return value;
}

/** A stored JSON object (a batch's details). */
export function storedObject(store: string, where: string, text: unknown): Record<string, unknown> {
  const value = storedJson(store, where, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damagedStore(store, where);
  return value as Record<string, unknown>;
}
