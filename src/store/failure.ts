// SQLite failures as store errors with a message the user can act on (no SQLite needed to load this).
import { StoreError } from '../errors.js';

export function sqliteCode(error: unknown): string {
  return (error as { code?: string }).code ?? '';
}

/** Maps a SQLite failure to a store error with a message the user can act on. */
export function storeFailure(path: string, error: unknown): StoreError {
  const code = sqliteCode(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY')) {
    return new StoreError('store.locked', { store: path });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new StoreError('store.not_a_store', { store: path });
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR') {
    return new StoreError('store.cannot_write', { store: path, reason: code });
  }
  if (code === 'SQLITE_FULL') return new StoreError('store.disk_full', { store: path });
  return new StoreError('store.failed', { store: path, reason: error instanceof Error ? error.message : String(error) });
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

/** A stored JSON object (a batch's details). */
export function storedObject(store: string, where: string, text: unknown): Record<string, unknown> {
  const value = storedJson(store, where, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damagedStore(store, where);
  return value as Record<string, unknown>;
}
